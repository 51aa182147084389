package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
)

// export writes the ONNX file of a classifier train made and describes it;
// engine/onnx's tests check the file in ONNX Runtime.
func TestExportWritesONNX(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a classifier; covered by the full (non -short) pass")
	}
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	out := t.TempDir()
	_, stderr, err := runCLI(t, "train", "--data", shareddata.Path(t, "datasets/catsdogs-60"), "--model", "squeezenet1_1",
		"--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--case", "1", "--epochs", "1",
		"--image-size", "64", "--device", "cpu", "--out", out)
	if err != nil {
		t.Fatalf("train: %v\n%s", err, stderr)
	}
	model := filepath.Join(out, "cats-dogs.onnx")
	stdout, _, err := runCLI(t, "export", "--classifier", filepath.Join(out, "classifier.tlc"), "--onnx", model, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var e struct {
		File    string   `json:"onnx"`
		Bytes   int64    `json:"bytes"`
		Opset   int      `json:"opset"`
		Classes []string `json:"classes"`
		Crop    int      `json:"crop"`
	}
	if err := json.Unmarshal([]byte(stdout), &e); err != nil {
		t.Fatalf("export --json printed %q: %v", stdout, err)
	}
	info, err := os.Stat(model)
	if err != nil {
		t.Fatal(err)
	}
	if e.File != model || e.Bytes != info.Size() || e.Opset < 13 || e.Crop != 64 || !reflect.DeepEqual(e.Classes, []string{"cat", "dog"}) {
		t.Errorf("export said %+v; the file has %d bytes", e, info.Size())
	}
}

// A missing flag or a file that is not a classifier gets a one-line reason
// and writes nothing.
func TestExportRejectsBadInputs(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	dir := t.TempDir()
	notClassifier := filepath.Join(dir, "photo.jpg")
	if err := os.WriteFile(notClassifier, []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "out.onnx")
	for _, args := range [][]string{
		{"export", "--onnx", model},
		{"export", "--classifier", notClassifier},
		{"export", "--classifier", notClassifier, "--onnx", model},
		{"export", "--classifier", notClassifier, "--onnx", model, "extra"},
	} {
		_, _, err := runCLI(t, args...)
		if err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error %v, want a one-line reason", args, err)
		}
	}
	if _, err := os.Stat(model); !os.IsNotExist(err) {
		t.Errorf("a failed export left %s", model)
	}
}
