// Command bench measures TransferLab's CPU engine against PyTorch on the same
// machine, in the same run: for each network, the forward pass (feature
// extraction, evaluation mode) and the training step (forward, cross-entropy,
// backward, SGD with momentum) at a fixed batch size and thread count, in
// images per second, with the ratio ours/PyTorch and each side's peak memory.
//
//	go run ./tools/bench                                  # the four networks, forward and train
//	go run ./tools/bench -nets resnet18 -modes train -rounds 5
//	go run ./tools/bench -folder ../shared/data/datasets/hymenoptera   # case 3 on a picture folder, time and peak memory
//
// Every measurement runs in a fresh process (this binary re-executed, or
// Debian's /usr/bin/python3 running the embedded pytorch_bench.py), so peak
// memory is per network and mode, and the two sides alternate, round after
// round, so a machine shared with other work slows both alike. The reported
// figures are medians over rounds; the ratio is the median of the per-round
// ratios. Without Python and torch it says so and reports our side alone.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"transferlab/engine/backend"
	"transferlab/engine/cases"
	"transferlab/engine/cpunet"
	"transferlab/engine/kernels"
	"transferlab/engine/models"
)

//go:embed pytorch_bench.py
var pytorchScript []byte

type options struct {
	nets, modes      []string
	batch, size      int
	threads          int
	rounds           int
	iters, warmup    int
	python, kernel   string
	device           string // cpu, or gpu (ours on Vulkan, PyTorch on CUDA)
	gemm, profileDir string // GPU: GEMM layout; folder for per-dispatch profiles
	timeout          time.Duration
	jsonOut, noTorch bool
	torchOne         bool
}

// result is one measurement, as both workers print it (one JSON line).
type result struct {
	Impl      string    `json:"impl"`
	Version   string    `json:"version"`
	Kernel    string    `json:"kernel,omitempty"`
	Net       string    `json:"net"`
	Mode      string    `json:"mode"`
	Batch     int       `json:"batch"`
	Threads   int       `json:"threads"`
	Seconds   []float64 `json:"seconds"`
	ImgPerS   float64   `json:"img_per_s"`
	PeakRSSMB float64   `json:"peak_rss_mb"`
	CPUSecs   float64   `json:"cpu_seconds,omitempty"` // user+system CPU time of the timed batches (ours)
	Error     string    `json:"error,omitempty"`
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-worker" {
		worker(os.Args[2:])
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "-folder-worker" {
		folderWorker(os.Args[2:])
		return
	}
	var o options
	var nets, modes string
	var f folderOptions
	var folderCases string
	flag.StringVar(&f.dir, "folder", "", "instead of the networks: train on this picture folder (class folders), ours (engine/train) against tools/compare/pytorch_transfer.py")
	flag.StringVar(&folderCases, "folder-cases", "3", "with -folder: the cases to train, one after another (ours in one process, as the lesson does)")
	flag.IntVar(&f.epochs, "folder-epochs", 3, "with -folder: most epochs per case")
	flag.StringVar(&f.model, "folder-model", "squeezenet1_1", "with -folder: the network")
	flag.StringVar(&f.weights, "folder-weights", "../shared/data/weights/squeezenet1_1-imagenet.pth", "with -folder: the pretrained weights (.pth)")
	flag.StringVar(&f.script, "folder-script", "tools/compare/pytorch_transfer.py", "with -folder: PyTorch's side")
	flag.StringVar(&nets, "nets", "resnet18,mobilenet_v2,squeezenet1_1,vgg16", "networks, comma-separated")
	flag.StringVar(&modes, "modes", "forward,train", "forward and/or train")
	flag.IntVar(&o.batch, "batch", 16, "images per batch")
	flag.IntVar(&o.size, "size", 224, "input height and width")
	flag.IntVar(&o.threads, "threads", runtime.NumCPU(), "threads for both sides (GOMAXPROCS, torch.set_num_threads)")
	flag.IntVar(&o.rounds, "rounds", 3, "alternating rounds of (ours, PyTorch)")
	flag.IntVar(&o.iters, "iters", 2, "timed batches per measurement")
	flag.IntVar(&o.warmup, "warmup", 1, "untimed batches before timing")
	flag.StringVar(&o.device, "device", "cpu", "cpu, or gpu: ours on Vulkan against PyTorch on CUDA (the same GPU)")
	flag.StringVar(&o.python, "python", "/usr/bin/python3", "Python with torch and torchvision")
	flag.StringVar(&o.kernel, "kernel", "", "force our GEMM kernel family: avx512, avx or go (default: the best this CPU runs)")
	flag.StringVar(&o.gemm, "gemm", "", "GPU: our GEMM layout, vec or scalar (default: vec)")
	flag.StringVar(&o.profileDir, "gpu-profile", "", "GPU: write where one step's time goes (per dispatch) to this folder, first round only")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Minute, "limit per measurement")
	flag.BoolVar(&o.jsonOut, "json", false, "print every measurement as JSON lines too")
	flag.BoolVar(&o.noTorch, "no-torch", false, "measure our side only")
	flag.BoolVar(&o.torchOne, "torch-1thread", true, "also measure PyTorch on one thread and compare with its best: "+
		"OpenMP loses badly to other load on a shared machine, where its multi-threaded figure understates it")
	flag.Parse()
	o.nets, o.modes = split(nets), split(modes)
	if f.dir != "" {
		var err error
		if f.cases, err = parseInts(folderCases); err == nil {
			f.threads, f.noTorch = o.threads, o.noTorch
			var self string
			if self, err = os.Executable(); err == nil {
				err = runFolder(f, self)
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func run(o options) error {
	for _, m := range o.modes {
		if m != "forward" && m != "train" {
			return fmt.Errorf("mode %q: want forward or train", m)
		}
	}
	for _, n := range o.nets {
		if _, err := models.New(n); err != nil {
			return err
		}
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	script, torchNote := "", ""
	if !o.noTorch {
		if script, torchNote, err = preparePython(o.python); err != nil {
			torchNote = err.Error()
		}
		if script != "" {
			defer os.Remove(script)
		}
	}
	kernel := kernels.KernelName()
	if o.kernel != "" {
		kernel = "forced " + o.kernel
	}
	fmt.Printf("TransferLab bench: batch %d, %dx%d, %d threads, %d rounds × %d timed batches (+%d warm-up)\n",
		o.batch, o.size, o.size, o.threads, o.rounds, o.iters, o.warmup)
	fmt.Printf("ours: %s %s/%s, GEMM kernel %s; machine: %d CPUs\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, kernel, runtime.NumCPU())
	if o.device == "gpu" {
		fmt.Println("device: GPU — ours through Vulkan, PyTorch through CUDA in fp32 (TF32 off); each side's GPU name is the kernel field of -json")
	}
	if script == "" {
		fmt.Printf("PyTorch: not measured (%s)\n", torchNote)
	} else {
		fmt.Printf("PyTorch: %s\n", torchNote)
	}
	fmt.Println()

	type key struct{ net, mode string }
	all := map[key][3][]result{} // ours, PyTorch on -threads, PyTorch on 1 thread
	var order []key
	for _, n := range o.nets {
		for _, m := range o.modes {
			order = append(order, key{n, m})
		}
	}
	sides := []int{0}
	if script != "" {
		sides = append(sides, 1)
		if o.torchOne && o.threads > 1 {
			sides = append(sides, 2)
		}
	}
	for r := range o.rounds {
		for _, k := range order {
			if r%2 == 1 { // ours first, then PyTorch; the other way round every other round
				slices.Reverse(sides)
			}
			for _, side := range sides {
				threads := o.threads
				if side == 2 {
					threads = 1
				}
				profile := ""
				if o.profileDir != "" && r == 0 && side == 0 {
					profile = filepath.Join(o.profileDir, fmt.Sprintf("%s-%s-b%d.txt", k.net, k.mode, o.batch))
				}
				res := measure(o, self, script, side > 0, threads, k.net, k.mode, profile)
				if o.jsonOut {
					b, _ := json.Marshal(res)
					fmt.Println(string(b))
				}
				v := all[k]
				v[side] = append(v[side], res)
				all[k] = v
				status := fmt.Sprintf("%.2f img/s", res.ImgPerS)
				if res.Error != "" {
					status = "error: " + res.Error
				}
				fmt.Fprintf(os.Stderr, "round %d %-14s %-7s %-8s %d thread(s) %s\n", r+1, k.net, k.mode, res.Impl, threads, status)
			}
			if r%2 == 1 {
				slices.Reverse(sides)
			}
		}
	}
	fmt.Println()
	tw := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	one := len(sides) == 3
	head := "network\tmode\tours img/s\tPyTorch img/s\tratio\trounds\t"
	if one {
		head += "PyTorch 1-thread\tratio to best\t"
	}
	fmt.Fprintln(tw, head+"ours peak MB\tPyTorch peak MB\t")
	for _, k := range order {
		v := all[k]
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s\t", k.net, k.mode, num(medianRate(v[0])), num(medianRate(v[1])), ratio(v[0], v[1]), ratioRange(v[0], v[1]))
		if one {
			best := make([]result, len(v[1]))
			for i := range best {
				best[i] = v[1][i]
				if i < len(v[2]) && v[2][i].Error == "" && v[2][i].ImgPerS > best[i].ImgPerS {
					best[i] = v[2][i]
				}
			}
			line += fmt.Sprintf("%s\t%s\t", num(medianRate(v[2])), ratio(v[0], best))
		}
		fmt.Fprintf(tw, "%s%s\t%s\t\n", line, num(peak(v[0])), num(peak(append(v[1], v[2]...))))
	}
	tw.Flush()
	for _, k := range order {
		for _, side := range all[k] {
			for _, r := range side {
				if r.Error != "" {
					fmt.Printf("%s %s %s: %s\n", k.net, k.mode, r.Impl, r.Error)
				}
			}
		}
	}
	fmt.Printf("\nratio = ours / PyTorch on %d threads, the median of the per-round ratios (>1: we are faster); rounds = their range.\n", o.threads)
	if one {
		fmt.Println("ratio to best = ours / the faster of PyTorch's two thread counts in the same round.")
	}
	return nil
}

// preparePython writes the embedded script to a temporary file and checks
// that python can import torch and torchvision, returning their versions.
func preparePython(python string) (script, versions string, err error) {
	out, err := exec.Command(python, "-c",
		"import torch, torchvision; print(torch.__version__, torchvision.__version__)").CombinedOutput()
	if err != nil {
		msg := strings.TrimSpace(string(out))
		if i := strings.LastIndex(msg, "\n"); i >= 0 {
			msg = msg[i+1:]
		}
		return "", "", fmt.Errorf("%s with torch and torchvision is not available: %v %s", python, err, msg)
	}
	f, err := os.CreateTemp("", "pytorch_bench-*.py")
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	if _, err := f.Write(pytorchScript); err != nil {
		return "", "", err
	}
	v := strings.Fields(string(out))
	return f.Name(), fmt.Sprintf("%s, torch %s, torchvision %s", python, v[0], v[len(v)-1]), nil
}

// measure runs one worker process and parses its JSON line.
func measure(o options, self, script string, torch bool, threads int, net, mode, profile string) result {
	common := []string{"--net", net, "--mode", mode, "--batch", strconv.Itoa(o.batch), "--size", strconv.Itoa(o.size),
		"--threads", strconv.Itoa(threads), "--iters", strconv.Itoa(o.iters), "--warmup", strconv.Itoa(o.warmup),
		"--device", o.device}
	var cmd *exec.Cmd
	impl := "ours"
	if torch {
		impl = "pytorch"
		cmd = exec.Command(o.python, append([]string{script}, common...)...)
		cmd.Env = append(os.Environ(), "OMP_NUM_THREADS="+strconv.Itoa(threads))
	} else {
		cmd = exec.Command(self, append([]string{"-worker", "-gemm", o.gemm, "-gpuprofile", profile}, common...)...)
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(threads))
		if o.kernel != "" {
			cmd.Env = append(cmd.Env, "TRANSFERLAB_KERNEL="+o.kernel)
		}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		return result{Impl: impl, Net: net, Mode: mode, Error: err.Error()}
	}
	timer := time.AfterFunc(o.timeout, func() { cmd.Process.Kill() })
	err := cmd.Wait()
	timer.Stop()
	var res result
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if jerr := json.Unmarshal([]byte(lines[len(lines)-1]), &res); jerr != nil || err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 400 {
			msg = "…" + msg[len(msg)-400:]
		}
		if err == nil {
			err = jerr
		}
		return result{Impl: impl, Net: net, Mode: mode, Error: fmt.Sprintf("%v: %s", err, msg)}
	}
	return res
}

func medianRate(rs []result) float64 {
	var v []float64
	for _, r := range rs {
		if r.Error == "" {
			v = append(v, r.ImgPerS)
		}
	}
	return median(v)
}

func peak(rs []result) float64 {
	m := 0.0
	for _, r := range rs {
		m = max(m, r.PeakRSSMB)
	}
	return m
}

// roundRatios are ours/PyTorch within each round.
func roundRatios(ours, theirs []result) []float64 {
	var v []float64
	for i := range min(len(ours), len(theirs)) {
		if ours[i].Error == "" && theirs[i].Error == "" && theirs[i].ImgPerS > 0 {
			v = append(v, ours[i].ImgPerS/theirs[i].ImgPerS)
		}
	}
	return v
}

// ratio is the median over rounds of ours/PyTorch within the round.
func ratio(ours, theirs []result) string {
	v := roundRatios(ours, theirs)
	if len(v) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", median(v))
}

// ratioRange is the lowest and highest of the rounds' ratios: on a shared
// machine one round of either side can be 30% off its usual speed.
func ratioRange(ours, theirs []result) string {
	v := roundRatios(ours, theirs)
	if len(v) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f–%.2f", slices.Min(v), slices.Max(v))
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Clone(v)
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func num(v float64) string {
	if v == 0 {
		return "-"
	}
	if v >= 100 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// worker measures our side of one network and mode and prints a result line.
func worker(args []string) {
	fs := flag.NewFlagSet("worker", flag.ExitOnError)
	net := fs.String("net", "", "")
	mode := fs.String("mode", "forward", "")
	batch := fs.Int("batch", 16, "")
	size := fs.Int("size", 224, "")
	threads := fs.Int("threads", runtime.GOMAXPROCS(0), "")
	iters := fs.Int("iters", 2, "")
	warmup := fs.Int("warmup", 1, "")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the timed batches")
	memProfile := fs.String("memprofile", "", "write a heap profile (live memory after the last batch, and every allocation) to this file")
	device := fs.String("device", "cpu", "")
	gemm := fs.String("gemm", "", "")
	gpuProfile := fs.String("gpuprofile", "", "")
	fs.Parse(args)
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	runtime.GOMAXPROCS(*threads)
	res := result{Impl: "ours", Version: runtime.Version(), Kernel: kernels.KernelName(), Net: *net, Mode: *mode,
		Batch: *batch, Threads: runtime.GOMAXPROCS(0)}
	gpuOpts := gpuOptions{gemm: *gemm, profile: *gpuProfile}
	secs, cpu, err := timeOurs(*net, *mode, *device, gpuOpts, *batch, *size, *iters, *warmup, *memProfile, &res)
	res.CPUSecs = cpu
	if err != nil {
		res.Error = err.Error()
	} else {
		res.Seconds = secs
		total := 0.0
		for _, s := range secs {
			total += s
		}
		res.ImgPerS = float64(*batch*len(secs)) / total
	}
	res.PeakRSSMB = peakRSSMB()
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
}

// writeHeapProfile writes the heap as it is now (after the last batch, the
// network still open): its inuse figures are the memory the network holds,
// its alloc figures every allocation made since the start.
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	defer f.Close()
	// The profile shows the heap as of the last collection but one: two
	// collections bring it up to now.
	runtime.GC()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}

// timeOurs builds the network with torchvision's random initialisation and
// times warmup+iters batches of random inputs, then writes a heap profile
// to heapProfile unless it is "".
func timeOurs(name, mode, device string, gpuOpts gpuOptions, batch, size, iters, warmup int, heapProfile string, res *result) (secs []float64, cpu float64, err error) {
	net, err := models.New(name)
	if err != nil {
		return nil, 0, err
	}
	rng := rand.New(rand.NewSource(1))
	params := net.Params()
	st, err := models.NewState(params, models.RandomInit(params, rng), 1)
	if err != nil {
		return nil, 0, err
	}
	shape := []int{batch, 3, size, size}
	x := make([]float32, batch*3*size*size)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	var step func() error
	switch {
	case device == "gpu":
		var closeFn func()
		if step, res.Kernel, closeFn, err = gpuStep(net, st, mode, shape, x, rng, gpuOpts.gemm, gpuOpts.profile); err != nil {
			return nil, 0, err
		}
		defer closeFn()
	case mode == "forward": // the CPU backend's runner, as feature extraction and prediction use it
		r, err := cpunet.New("").Runner(st, shape, func(be models.Backend, x models.Value) (models.Value, error) {
			return net.Lower(be, x, 0, len(net.Layers))
		})
		if err != nil {
			return nil, 0, err
		}
		defer r.Close()
		step = func() error { _, err := r.Run(x); return err }
	case mode == "train":
		labels := make([]int, batch)
		for i := range labels {
			labels[i] = rng.Intn(1000)
		}
		var closeFn func()
		if step, closeFn, err = trainStep(net, st, shape, x, labels); err != nil {
			return nil, 0, err
		}
		defer closeFn()
	default:
		return nil, 0, fmt.Errorf("mode %q", mode)
	}
	for i := range warmup + iters {
		if i == warmup {
			cpu = -cpuSeconds()
		}
		t := time.Now()
		if err := step(); err != nil {
			return nil, 0, err
		}
		if i >= warmup {
			secs = append(secs, time.Since(t).Seconds())
		}
	}
	if heapProfile != "" {
		writeHeapProfile(heapProfile)
	}
	return secs, cpu + cpuSeconds(), nil
}

// trainStep is what engine/train runs for a whole network, through the CPU
// backend's trainer: forward in training mode, mean cross-entropy, gradients
// of every learnable parameter and an SGD-with-momentum update (lr 1e-3,
// momentum 0.9).
func trainStep(net *models.Network, st *models.State, shape []int, x []float32, labels []int) (func() error, func(), error) {
	forward := func(be models.Backend, x models.Value) (models.Value, error) {
		return net.Lower(be, x, 0, len(net.Layers))
	}
	group := backend.Group{Match: func(name string) bool {
		p, ok := st.Param(name)
		return ok && p.Learnable()
	}, Optimiser: backend.Optimiser{Rule: cases.Momentum, LR: 1e-3, Momentum: 0.9}}
	tr, err := cpunet.New("").Trainer(st, forward, []backend.Group{group})
	if err != nil {
		return nil, nil, err
	}
	st.SetTraining(true)
	return func() error {
		_, _, err := tr.Step(x, shape, labels)
		return err
	}, tr.Close, nil
}

// peakRSSMB reads the process's peak resident set (VmHWM) from /proc; 0
// where there is no /proc.
func peakRSSMB() float64 {
	b, err := os.ReadFile(filepath.Join("/proc", "self", "status"))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
