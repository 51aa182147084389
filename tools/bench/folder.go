package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/train"
	"transferlab/engine/weights"
)

// folderOptions is a whole training run on a picture folder, the way the
// app trains (engine/train.Run), against tools/compare/pytorch_transfer.py
// with the same split and recipe.
type folderOptions struct {
	dir, weights, model, script string
	cases                       []int
	epochs, threads             int
	noTorch                     bool
}

// folderResult is one side's run: every case in order, in one process for
// ours (as the four-cases lesson runs them), one process per case for
// PyTorch's script.
type folderResult struct {
	Seconds   float64   `json:"seconds"`
	PeakRSSMB float64   `json:"peak_rss_mb"`
	Accuracy  []float64 `json:"val_accuracy"`
	Error     string    `json:"error,omitempty"`
}

// runFolder measures both sides and prints a table.
func runFolder(o folderOptions, self string) error {
	fmt.Printf("Training on %s: %s, case(s) %v, at most %d epochs, %d threads\n", o.dir, o.model, o.cases, o.epochs, o.threads)
	ours := folderOurs(o, self)
	theirs := folderResult{Error: "not measured (-no-torch)"}
	if !o.noTorch {
		theirs = folderPyTorch(o)
	}
	fmt.Printf("\n%-8s %10s %10s  %s\n", "", "seconds", "peak MB", "val accuracy")
	for _, r := range []struct {
		name string
		res  folderResult
	}{{"ours", ours}, {"PyTorch", theirs}} {
		if r.res.Error != "" {
			fmt.Printf("%-8s error: %s\n", r.name, r.res.Error)
			continue
		}
		fmt.Printf("%-8s %10.1f %10.0f  %v\n", r.name, r.res.Seconds, r.res.PeakRSSMB, r.res.Accuracy)
	}
	if ours.Error == "" && theirs.Error == "" {
		fmt.Printf("\nspeed ours/PyTorch %.2f, peak memory ours/PyTorch %.2f\n", theirs.Seconds/ours.Seconds, ours.PeakRSSMB/theirs.PeakRSSMB)
	}
	return nil
}

func folderOurs(o folderOptions, self string) folderResult {
	args := []string{"-folder-worker", "-data", o.dir, "-weights", o.weights, "-model", o.model,
		"-epochs", strconv.Itoa(o.epochs), "-cases", joinInts(o.cases)}
	cmd := exec.Command(self, args...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(o.threads))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return folderResult{Error: fmt.Sprintf("%v: %s", err, tail(stderr.String()))}
	}
	var res folderResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return folderResult{Error: err.Error()}
	}
	return res
}

func folderPyTorch(o folderOptions) folderResult {
	var res folderResult
	for _, c := range o.cases {
		cmd := exec.Command("/usr/bin/python3", o.script, "--case", strconv.Itoa(c), "--data", o.dir, "--weights", o.weights,
			"--model", o.model, "--epochs", strconv.Itoa(o.epochs), "--threads", strconv.Itoa(o.threads))
		cmd.Env = append(os.Environ(), "OMP_NUM_THREADS="+strconv.Itoa(o.threads))
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		t := time.Now()
		if err := cmd.Run(); err != nil {
			return folderResult{Error: fmt.Sprintf("case %d: %v: %s", c, err, tail(stderr.String()))}
		}
		res.Seconds += time.Since(t).Seconds()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			res.PeakRSSMB = max(res.PeakRSSMB, float64(ru.Maxrss)/1024) // kilobytes on Linux
		}
		var out struct {
			Accuracy float64 `json:"val_accuracy"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
			return folderResult{Error: fmt.Sprintf("case %d: %v", c, err)}
		}
		res.Accuracy = append(res.Accuracy, out.Accuracy)
	}
	return res
}

// folderWorker trains the cases one after another in this process and
// prints a folderResult.
func folderWorker(args []string) {
	fs := flag.NewFlagSet("folder-worker", flag.ExitOnError)
	dir := fs.String("data", "", "")
	weightsFile := fs.String("weights", "", "")
	model := fs.String("model", "squeezenet1_1", "")
	epochs := fs.Int("epochs", 3, "")
	list := fs.String("cases", "3", "")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the run (run the worker by hand)")
	fs.Parse(args)
	if *profile != "" {
		if f, err := os.Create(*profile); err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	var res folderResult
	if err := folderTrain(*dir, *weightsFile, *model, *epochs, *list, &res); err != nil {
		res.Error = err.Error()
	}
	res.PeakRSSMB = peakRSSMB()
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
}

func folderTrain(dir, weightsFile, model string, epochs int, list string, res *folderResult) error {
	cs, err := parseInts(list)
	if err != nil {
		return err
	}
	pretrained, err := weights.LoadPth(weightsFile)
	if err != nil {
		return err
	}
	t := time.Now()
	data, err := dataset.Scan(context.Background(), dir, dataset.Options{ValFraction: 0.2, Seed: 1})
	if err != nil {
		return err
	}
	for _, c := range cs {
		job := train.Job{Config: train.Config{Network: model, Case: cases.Case(c), Seed: 1, Epochs: epochs},
			Data: data, Pretrained: pretrained, FeatureCache: os.TempDir()}
		r, _, err := train.Run(context.Background(), job, nil)
		if err != nil {
			return fmt.Errorf("case %d: %w", c, err)
		}
		res.Accuracy = append(res.Accuracy, r.Accuracy)
	}
	res.Seconds = time.Since(t).Seconds()
	return nil
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range split(s) {
		v, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("%q is not a case number", f)
		}
		out = append(out, v)
	}
	return out, nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

func tail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 400 {
		return "…" + s[len(s)-400:]
	}
	return s
}
