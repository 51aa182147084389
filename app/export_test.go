//go:build ci

package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"transferlab/ui/project"
	"transferlab/ui/uitest"
)

// TestExportWithTheRealEngine trains case 1 through the window and exports
// the model the Results screen shows: the engine writes a real ONNX file
// (engine/onnx's tests run such files in ONNX Runtime) and describes what
// another program must feed it.
func TestExportWithTheRealEngine(t *testing.T) {
	u, path := savedCatsDogs(t)
	uitest.Train(t, u)
	saved, err := project.Load(path)
	if err != nil || saved.LastRun() == nil {
		t.Fatalf("the saved project has no run (%v)", err)
	}

	e, err := NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "pets.onnx")
	x, err := e.ExportONNX(context.Background(), saved.LastRun().Result.ClassifierPath, out)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(out)
	if err != nil || info.Size() != x.Bytes || x.Bytes < 1e6 {
		t.Fatalf("file %v (%v), described as %d bytes", info, err, x.Bytes)
	}
	if !slices.Equal(x.Classes, []string{"cat", "dog"}) || x.Crop != 224 || x.Resize != 256 {
		t.Errorf("described as %+v", x)
	}
	if _, err := e.ExportONNX(context.Background(), filepath.Join(t.TempDir(), "none.tlc"), out+"2"); err == nil {
		t.Error("exporting a missing model file did not fail")
	}
}
