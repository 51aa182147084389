package kernels

import (
	"os"
	"strings"
)

// microKernel is the innermost GEMM building block: fn computes
//
//	C[0:mr, 0:nr] = Ap · Bp           (acc false: C is overwritten)
//	C[0:mr, 0:nr] = C + Ap · Bp       (acc true)
//
// where Ap is an mr×kc panel packed column by column ([kc][mr]), Bp a kc×nr
// panel packed row by row ([kc][nr]), kc ≥ 1, and C is row-major with leading
// dimension ldc. Everything around it (blocking, packing, edges, goroutines)
// is shared, so a kernel only has to provide this function.
//
// Within one kernel every element of C is the same sum in the same order
// whatever the tiling, which keeps results independent of the number of
// goroutines. Different kernels (FMA versus separate multiply and add) round
// differently, within float32 accuracy.
type microKernel struct {
	name   string
	mr, nr int
	kc     int // depth of one packed block (L1-sized B micro-panels)
	fn     func(kc int, ap, bp, c []float32, ldc int, acc bool)
	// ind, when not nil, is the same product with B read in place: row q
	// of B is the nr floats at b[offs[q]/4:] (offs in bytes, none negative,
	// none above maxOff). A stride-1 convolution uses it on its zero-padded
	// input instead of packing.
	ind func(kc int, ap []float32, b []float32, offs []int, maxOff int, c []float32, ldc int, acc bool)
}

// portableKernel is the plain-Go fallback, used where no assembly kernel runs
// (other architectures, CPUs without AVX and FMA, or TRANSFERLAB_KERNEL=go).
var portableKernel = microKernel{name: "go-4x16", mr: 4, nr: 16, kc: 256, fn: microKernel4x16}

// kernelFamily is the set of micro-kernels of one instruction set, largest
// register tile first: a GEMM whose m is small picks the one wasting the fewest
// padded rows (a 16-filter layer would waste 43% of a 14-row tile).
type kernelFamily []microKernel

// activeKernels is the family chosen at start-up (see selectKernels).
var activeKernels = selectKernels(os.Getenv("TRANSFERLAB_KERNEL"))

// kernelsWanted reports whether assembly may run at all: TRANSFERLAB_KERNEL=go
// selects the portable code everywhere, vector loops included.
func kernelsWanted() bool {
	return strings.ToLower(strings.TrimSpace(os.Getenv("TRANSFERLAB_KERNEL"))) != "go"
}

// selectKernels returns the fastest family this CPU runs. want ("avx512",
// "avx", "go", or empty for the best) forces a slower one, for tests and
// benchmarks; a family the CPU lacks is never chosen.
func selectKernels(want string) kernelFamily {
	want = strings.ToLower(strings.TrimSpace(want))
	for _, f := range asmFamilies() {
		if want == "" || strings.HasPrefix(f[0].name, want+"-") {
			return f
		}
	}
	return kernelFamily{portableKernel}
}

// KernelName reports the micro-kernel family in use (e.g. "avx512-14x32"),
// for benchmark reports and bug reports.
func KernelName() string { return activeKernels[0].name }

// availableFamilies lists every family this CPU can run, fastest first,
// ending with the portable kernel; tests check each against the reference.
func availableFamilies() []kernelFamily {
	return append(asmFamilies(), kernelFamily{portableKernel})
}

// pick returns the kernel for an m-row GEMM: the one with the least padded
// rows, weighted by how much slower the smaller tiles are per useful row.
func (f kernelFamily) pick(m int) microKernel {
	best, bestCost := f[0], 0.0
	for i, k := range f {
		// Smaller tiles reload B more often per FMA; count that as ~10% per
		// halving of mr, a measured rule of thumb.
		cost := float64(roundUp(m, k.mr)) * (1 + 0.1*float64(f[0].mr-k.mr)/float64(f[0].mr))
		if i == 0 || cost < bestCost {
			best, bestCost = k, cost
		}
	}
	return best
}

// microKernel4x16 is the portable kernel. It finishes one row of C at a time
// with 16 accumulators: the Go compiler keeps them in registers and the B
// panel (kc×16, 16 KiB at kc=256) stays in L1 across the four rows. On the
// reference machine this beats register tiles such as 4×4 or 2×8, whose
// loaded operands spill (≈7 versus ≈5 GFLOP/s on one core).
func microKernel4x16(kc int, ap, bp, c []float32, ldc int, acc bool) {
	ap = ap[:kc*4]
	bp = bp[:kc*16]
	for i := range 4 {
		var s [16]float32
		for q := range kc {
			a := ap[q*4+i]
			b := (*[16]float32)(bp[q*16 : q*16+16])
			s[0] += a * b[0]
			s[1] += a * b[1]
			s[2] += a * b[2]
			s[3] += a * b[3]
			s[4] += a * b[4]
			s[5] += a * b[5]
			s[6] += a * b[6]
			s[7] += a * b[7]
			s[8] += a * b[8]
			s[9] += a * b[9]
			s[10] += a * b[10]
			s[11] += a * b[11]
			s[12] += a * b[12]
			s[13] += a * b[13]
			s[14] += a * b[14]
			s[15] += a * b[15]
		}
		row := (*[16]float32)(c[i*ldc : i*ldc+16])
		if !acc {
			*row = s
			continue
		}
		for j := range s {
			row[j] += s[j]
		}
	}
}
