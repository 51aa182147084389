package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"transferlab/engine/weights"
	"transferlab/internal/gputest"
	"transferlab/internal/shareddata"
)

// runCLI runs the command in-process and returns stdout, stderr and the error.
func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// expectedTop1 reads PyTorch's top-2 table and keeps the photos whose top-1
// probability beats the top-2 by more than 0.1 (the others are too close to
// call across implementations).
func expectedTop1(t *testing.T, dir string) map[string]int {
	f, err := os.Open(filepath.Join(dir, "expected-squeezenet1_1.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if strings.HasPrefix(cols[0], "#") || len(cols) < 6 {
			continue
		}
		idx, _ := strconv.Atoi(cols[1])
		p1, _ := strconv.ParseFloat(cols[3], 64)
		p2, _ := strconv.ParseFloat(cols[5], 64)
		if p1-p2 > 0.1 {
			want[cols[0]] = idx
		}
	}
	if len(want) < 5 {
		t.Fatalf("only %d clear-cut photos in the expectation table", len(want))
	}
	return want
}

func TestPredictImageNetSamples(t *testing.T) {
	dir := shareddata.Path(t, "images/imagenet-samples")
	want := expectedTop1(t, dir)
	args := []string{"predict", "--model", "squeezenet1_1", "--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--top", "2", "--json"}
	for file := range want {
		args = append(args, filepath.Join(dir, file))
	}
	out, _, err := runCLI(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	var results []struct {
		File string
		Top  []struct {
			Label string
			Index int
			Prob  float64
		}
	}
	if err := json.Unmarshal([]byte(out), &results); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(results) != len(want) {
		t.Fatalf("%d results for %d images", len(results), len(want))
	}
	for _, r := range results {
		name := filepath.Base(r.File)
		if len(r.Top) != 2 {
			t.Fatalf("%s: %d classes, want 2", name, len(r.Top))
		}
		if r.Top[0].Index != want[name] {
			t.Errorf("%s: top-1 %d %q (%.3f), PyTorch says %d", name, r.Top[0].Index, r.Top[0].Label, r.Top[0].Prob, want[name])
		}
	}
}

// Wrong inputs fail with one line that names the problem.
func TestPredictRejectsBadInputs(t *testing.T) {
	tmp := t.TempDir()
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	photo := filepath.Join(shareddata.Path(t, "images/imagenet-samples"), "dog.jpg")
	raw, err := os.ReadFile(pth)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(tmp, "truncated.pth")
	os.WriteFile(truncated, raw[:len(raw)/2], 0o644)
	jpeg, _ := os.ReadFile(photo)
	corrupt := filepath.Join(tmp, "corrupt.jpg")
	os.WriteFile(corrupt, jpeg[:len(jpeg)/3], 0o644)
	text := filepath.Join(tmp, "notes.jpg")
	os.WriteFile(text, []byte("these are my notes, not a picture\n"), 0o644)

	cases := []struct {
		name, model, weights, image, mention string
	}{
		{"missing weights file", "squeezenet1_1", filepath.Join(tmp, "nope.pth"), photo, "nope.pth"},
		{"truncated weights file", "squeezenet1_1", truncated, photo, "truncated.pth"},
		{"weights of another network", "resnet18", pth, photo, "different network"},
		{"corrupt image", "squeezenet1_1", pth, corrupt, "corrupt.jpg"},
		{"text file named .jpg", "squeezenet1_1", pth, text, "notes.jpg"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := runCLI(t, "predict", "--model", c.model, "--weights", c.weights, c.image)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || !strings.Contains(msg, c.mention) {
				t.Fatalf("want one line mentioning %q, got %q", c.mention, msg)
			}
		})
	}
}

func TestPredictWithoutCachedWeightsSaysWhatToDo(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	_, _, err := runCLI(t, "predict", "--model", "resnet18", "x.jpg")
	if err == nil || !strings.Contains(err.Error(), "models fetch resnet18") {
		t.Fatalf("got %v", err)
	}
}

func TestModelsListAndImport(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet-legacy.pth")
	if _, _, err := runCLI(t, "models", "import", "resnet18", pth); err == nil {
		t.Fatal("squeezenet weights imported as resnet18")
	}
	if _, _, err := runCLI(t, "models", "import", "squeezenet1_1", pth); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "models", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []networkRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Fatalf("%d networks listed, want 6", len(rows))
	}
	for _, r := range rows {
		if cached := r.Weights != ""; cached != (r.Name == "squeezenet1_1") {
			t.Errorf("%s: weights %q", r.Name, r.Weights)
		}
	}
	// The imported weights now serve predict without --weights.
	photo := filepath.Join(shareddata.Path(t, "images/imagenet-samples"), "parrot.jpg")
	out, _, err = runCLI(t, "predict", "--model", "squeezenet1_1", "--top", "1", photo)
	if err != nil || !strings.Contains(out, "macaw") {
		t.Fatalf("predict after import: %v\n%s", err, out)
	}
}

func TestUnknownCommandAndNetwork(t *testing.T) {
	if _, _, err := runCLI(t, "frobnicate"); err == nil {
		t.Fatal("unknown command accepted")
	}
	if _, _, err := runCLI(t, "models", "fetch", "lenet"); err == nil || !strings.Contains(err.Error(), "lenet") {
		t.Fatalf("unknown network: %v", err)
	}
}

// A mirror serving the wrong bytes is refused by the hash check and leaves
// nothing in the cache; a missing file is reported.
func TestModelsFetchVerifiesMirrorDownloads(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("TRANSFERLAB_CACHE", cache)
	pth, err := os.ReadFile(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		t.Fatal(err)
	}
	// Same size as the published file, other bytes: only the hash can tell.
	src, _ := weights.Official("squeezenet1_1")
	pth = append(pth, make([]byte, max(0, int(src.Bytes)-len(pth)))...)[:src.Bytes]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/squeezenet1_1-b8a52dc0.pth" {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, "x.pth", time.Time{}, bytes.NewReader(pth))
	}))
	defer srv.Close()
	_, _, err = runCLI(t, "models", "fetch", "--mirror", srv.URL, "squeezenet1_1")
	if err == nil || !strings.Contains(strings.ToLower(err.Error()), "sha-256") {
		t.Fatalf("the shared (non-official) file was accepted as the official download: %v", err)
	}
	if _, ok := os.Stat(filepath.Join(cache, "weights", "squeezenet1_1-b8a52dc0.pth")); ok == nil {
		t.Fatal("a file that failed verification is in the cache")
	}
	if _, _, err = runCLI(t, "models", "fetch", "--mirror", srv.URL, "resnet18"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("missing file on the mirror: %v", err)
	}
}

// devices lists the Vulkan devices (lavapipe in CI) and says what --device
// auto uses; lavapipe is software, so auto keeps the CPU and says why.
func TestDevicesListsVulkanAndTheAutoChoice(t *testing.T) {
	gputest.Require(t)
	out, _, err := runCLI(t, "devices")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(out)
	if !strings.Contains(out, "llvmpipe") || !strings.Contains(out, "no GPU found, only a software Vulkan driver") ||
		!strings.Contains(out, "--device auto uses CPU (") {
		t.Errorf("devices printed %q", out)
	}
	out, _, err = runCLI(t, "devices", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Devices []struct{ Name, Type string }
		Auto    string `json:"auto"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil || len(s.Devices) == 0 || s.Devices[0].Type == "" {
		t.Errorf("devices --json printed %q (%v)", out, err)
	}
}

// train --device gpu trains on the Vulkan device and names it; a bad
// --device value is refused before any image is read.
func TestTrainOnTheGPU(t *testing.T) {
	gputest.Require(t)
	data := shareddata.Path(t, "datasets/catsdogs-60")
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	outDir := t.TempDir()
	out, stderr, err := runCLI(t, "train", "--data", data, "--model", "squeezenet1_1", "--case", "4",
		"--epochs", "1", "--image-size", "32", "--device", "gpu", "--out", outDir, "--json")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "device: GPU: llvmpipe") {
		t.Errorf("stderr does not name the GPU:\n%s", stderr)
	}
	var rep struct {
		Device string `json:"device"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || !strings.HasPrefix(rep.Device, "GPU: ") {
		t.Errorf("report device %q (%v)", rep.Device, err)
	}
	_, _, err = runCLI(t, "train", "--data", data, "--model", "squeezenet1_1", "--case", "4", "--device", "tpu")
	if err == nil || !strings.Contains(err.Error(), "--device must be auto, cpu or gpu") {
		t.Errorf("--device tpu: %v", err)
	}
}

// Without a Vulkan driver (the loader finds none), auto trains on the CPU
// and says why, and --device gpu is one clear error — never a crash.
func TestNoVulkanDriverFallsBackOrSaysWhy(t *testing.T) {
	t.Setenv("VK_ICD_FILENAMES", filepath.Join(t.TempDir(), "none.json"))
	t.Setenv("VK_DRIVER_FILES", filepath.Join(t.TempDir(), "none.json"))
	out, _, err := runCLI(t, "devices")
	if err != nil || !strings.Contains(out, "--device auto uses CPU") || !strings.Contains(out, "no usable Vulkan driver") {
		t.Errorf("devices: %v, printed %q", err, out)
	}
	data := shareddata.Path(t, "datasets/catsdogs-60")
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	args := []string{"train", "--data", data, "--model", "squeezenet1_1", "--case", "4", "--epochs", "1",
		"--image-size", "32", "--out", t.TempDir()}
	_, stderr, err := runCLI(t, append(args, "--device", "auto")...)
	if err != nil || !strings.Contains(stderr, "device: CPU (") || !strings.Contains(stderr, "no usable Vulkan driver") {
		t.Errorf("auto without Vulkan: %v\n%s", err, stderr)
	}
	_, _, err = runCLI(t, append(args, "--device", "gpu")...)
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "no usable Vulkan driver") {
		t.Errorf("gpu without Vulkan: %v", err)
	}
}
