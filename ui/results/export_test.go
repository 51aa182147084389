package results

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/ui/uitest"
)

func TestExportButtonAsksWhereAndExportSaysWhatWasWritten(t *testing.T) {
	b, r := trained(t)
	uitest.Tap(t, r.box, "Export for other programs (ONNX)")
	if len(uitest.Buttons(b.Overlay(t), "Save")) == 0 {
		t.Fatalf("Export showed %v, not a save dialog", uitest.Labels(b.Overlay(t)))
	}
	b.Win.Canvas().Overlays().Top().Hide()

	out := filepath.Join(t.TempDir(), "pets.onnx")
	r.Export(r.s.Run().Result.ClassifierPath, out)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("no file written: %v", err)
	}
	text := strings.Join(uitest.Labels(b.Overlay(t)), " ")
	for _, want := range []string{"Saved pets.onnx", "cat, dog", "224 × 224"} {
		if !strings.Contains(text, want) {
			t.Errorf("export dialog %q lacks %q", text, want)
		}
	}
}

func TestExportFailureIsASentence(t *testing.T) {
	b, r := trained(t)
	r.Export(filepath.Join(t.TempDir(), "missing.tlc"), filepath.Join(t.TempDir(), "x.onnx"))
	text := strings.Join(uitest.Labels(b.Overlay(t)), " ")
	if !strings.Contains(text, "could not be exported") {
		t.Errorf("error dialog says %q", text)
	}
}
