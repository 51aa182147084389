package onnx

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// checker is where tools/onnxcheck lives, relative to this package.
const checker = "../../tools/onnxcheck"

// onnxRuntime returns node and the checking script, failing (never
// skipping) with what to install when ONNX Runtime is missing: the export is
// only verified if this runs.
func onnxRuntime(t *testing.T) (node, script string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed, so exported models cannot be checked in ONNX Runtime: " +
			"apt-get install -y nodejs npm, then (cd tools/onnxcheck && npm install --ignore-scripts), as test.sh does")
	}
	if _, err := os.Stat(filepath.Join(checker, "node_modules", "onnxruntime-node", "package.json")); err != nil {
		t.Fatal("ONNX Runtime for node is not installed: run (cd tools/onnxcheck && npm install --ignore-scripts), " +
			"as test.sh does (its install script would fetch a GPU build)")
	}
	return node, filepath.Join(checker, "run.js")
}

// ortResult is what run.js prints.
type ortResult struct {
	Input, Output string
	Dims          []int
	Data          []float32
}

// runORT runs model on x (of shape dims) in ONNX Runtime.
func runORT(t *testing.T, model string, x []float32, dims []int) ortResult {
	t.Helper()
	node, script := onnxRuntime(t)
	in := filepath.Join(t.TempDir(), "input.f32")
	raw := make([]byte, 4*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(v))
	}
	if err := os.WriteFile(in, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{script, model, in}
	for _, d := range dims {
		args = append(args, itoa(d))
	}
	cmd := exec.Command(node, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ONNX Runtime refused %s: %v", model, err)
	}
	var r ortResult
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("run.js printed %q: %v", out, err)
	}
	return r
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// The tools are there: without them every export check below would fail
// anyway, and this says why in one line, in -short runs too.
func TestONNXRuntimeInstalled(t *testing.T) {
	onnxRuntime(t)
}
