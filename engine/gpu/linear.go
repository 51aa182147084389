package gpu

import (
	"fmt"

	"transferlab/engine/vulkan"
)

// gemmKernel is one GEMM shader: each 16×16 workgroup computes a bm×bn
// tile of C. Both have 64×128 tiles; they differ in how an invocation's
// values are laid out (see the shaders).
type gemmKernel struct {
	name   string // the layout's name for SetGemmLayout and benchmarks
	shader string
	bm, bn int
	// conv is the layout's implicit-GEMM convolution shader (im2col
	// gathered inside the product), or "" to unfold x into scratch first.
	conv string
}

// gemmKernels are the layouts; the first is every device's default: on an
// NVIDIA H200 it ran resnet18's products 1.3–1.8× faster than the scalar
// one (docs/gpu-tuning.md).
var gemmKernels = []gemmKernel{{"vec", "gemm_vec", 64, 128, "conv_gemm"}, {"scalar", "gemm", 64, 128, ""}}

// tiles is the number of workgroups kern needs for an m×n product.
func (kern gemmKernel) tiles(m, n int) int { return ceilDiv(m, kern.bm) * ceilDiv(n, kern.bn) }

// SetGemmLayout chooses the GEMM layout, "vec" or "scalar", for every later
// product (benchmarks compare them on the hardware at hand).
func (d *Device) SetGemmLayout(name string) error {
	for _, k := range gemmKernels {
		if k.name == name {
			d.gemmKernel = k
			return nil
		}
	}
	return fmt.Errorf("gpu: no GEMM layout %q (vec or scalar)", name)
}

// plainCols is the column grouping of an ordinary matrix in gemm: every
// column index j is below it, so (j / P)·S + j % P = j.
const plainCols = 1<<32 - 1

// gemmArgs is one GEMM, C = act(alpha·op(A)·op(B) + beta·C + bias), in the
// terms of shaders/gemm.comp. Offsets are in elements. A zero bP or cP means
// a plain matrix; otherwise column j of B (not transposed) or C lies at
// (j / P)·S + j % P, a matrix whose columns run across images of an NCHW
// tensor. biasRows adds bias[i] to row i, otherwise bias[j] to column j.
// splits > 0 forces that many split-K slices and kernel > 0 the layout
// gemmKernels[kernel-1] (tests); zero values let gemm choose.
type gemmArgs struct {
	m, n, k          int
	a, b, c          *vulkan.Buffer
	lda, ldb, ldc    int
	aOff, bOff, cOff int
	transA, transB   bool
	bP, bS, cP, cS   int
	alpha, beta      float32
	bias             *vulkan.Buffer
	biasRows         bool
	act              Act
	splits, kernel   int
}

// Split-K pays when C has too few tiles to occupy a large GPU (an H200 has
// 132 multiprocessors) while k is long: then k is cut into slices of at
// least splitKMin so that about splitKTarget workgroups run.
const (
	splitKTiles  = 128
	splitKMin    = 1024
	splitKTarget = 512
)

// splitK returns the number of k slices and the slice length (a multiple of
// the shader's 16-deep k step) for a product with the given number of tiles
// and depth k.
func splitK(tiles, k, forced int) (splits, kSplit int) {
	splits = forced
	if splits <= 0 {
		splits = 1
		if tiles < splitKTiles && k >= 2*splitKMin {
			splits = min(k/splitKMin, ceilDiv(splitKTarget, tiles))
		}
	}
	kSplit = ceilDiv(ceilDiv(k, splits), 16) * 16
	return ceilDiv(k, kSplit), kSplit
}

// gemm records one GEMM: a single dispatch, or a split-K product into
// scratch and a reduction that applies alpha, beta, bias and act.
func (d *Device) gemm(g gemmArgs) error {
	if g.m < 1 || g.n < 1 || g.k < 1 {
		return fmt.Errorf("gpu: gemm %dx%dx%d: sizes must be positive", g.m, g.n, g.k)
	}
	bP, cP := uint32(plainCols), uint32(plainCols)
	if g.bP > 0 {
		bP = uint32(g.bP)
	}
	if g.cP > 0 {
		cP = uint32(g.cP)
	}
	biasMode, bias := 0, d.dummy
	if g.bias != nil {
		biasMode, bias = 2, g.bias
		if g.biasRows {
			biasMode = 1
		}
	}
	lo, hi := g.act.bounds()
	kern := d.gemmKernel
	if g.kernel > 0 {
		kern = gemmKernels[g.kernel-1]
	}
	splits, kSplit := splitK(kern.tiles(g.m, g.n), g.k, g.splits)
	if d.prof != nil {
		d.prof.describe(fmt.Sprintf("%dx%dx%d tA=%v tB=%v split=%d", g.m, g.n, g.k, g.transA, g.transB, splits),
			2*float64(g.m)*float64(g.n)*float64(g.k))
	}
	groups := [3]uint32{
		uint32(min(ceilDiv(g.n, kern.bn), maxGroupsX)),
		uint32(min(ceilDiv(g.m, kern.bm), maxGroupsX)),
		uint32(splits),
	}
	if splits == 1 {
		pc := push(g.m, g.n, g.k, g.lda, g.ldb, g.ldc, g.aOff, g.bOff, g.cOff, g.transA, g.transB,
			bP, g.bS, cP, g.cS, g.alpha, g.beta, biasMode, lo, hi, g.k, 0)
		return d.dispatch(kern.shader, groups, pc, g.a, g.b, g.c, bias)
	}
	part, err := d.scratchFloats(2, splits*g.m*g.n)
	if err != nil {
		return err
	}
	pc := push(g.m, g.n, g.k, g.lda, g.ldb, g.n, g.aOff, g.bOff, 0, g.transA, g.transB,
		bP, g.bS, uint32(plainCols), 0, float32(1), float32(0), 0, negInf, posInf, kSplit, g.m*g.n)
	if err := d.dispatch(kern.shader, groups, pc, g.a, g.b, part, d.dummy); err != nil {
		return err
	}
	pc = push(g.m, g.n, splits, g.ldc, g.cOff, cP, g.cS, g.alpha, g.beta, biasMode, lo, hi)
	return d.dispatch("gemm_reduce", grid1D(g.m*g.n), pc, part, g.c, bias)
}

// linearDims checks x (N, In), w (Out, In) and returns N, In, Out.
func linearDims(op string, x, w *Tensor) (n, in, out int, err error) {
	if err := w.usable(op + " w"); err != nil {
		return 0, 0, 0, err
	}
	if err := x.usable(op + " x"); err != nil {
		return 0, 0, 0, err
	}
	if len(w.shape) != 2 {
		return 0, 0, 0, fmt.Errorf("gpu: %s: weight shape %v is not (Out, In)", op, w.shape)
	}
	out, in, n = w.shape[0], w.shape[1], x.shape[0]
	if x.n != n*in {
		return 0, 0, 0, fmt.Errorf("gpu: %s: input %v is not (N, %d)", op, x.shape, in)
	}
	return n, in, out, nil
}

// Linear returns y (N, Out) = x·wᵀ + b for x (N, In), w (Out, In) and
// b (Out; nil for none).
func (d *Device) Linear(x, w, b *Tensor) (*Tensor, error) {
	n, in, out, err := linearDims("Linear", x, w)
	if err != nil {
		return nil, err
	}
	var bias *vulkan.Buffer
	if b != nil {
		if err := check("Linear", need{"b", b, out}); err != nil {
			return nil, err
		}
		bias = b.buf
	}
	y, err := d.alloc(n, out)
	if err != nil {
		return nil, err
	}
	err = d.gemm(gemmArgs{m: n, n: out, k: in, a: x.buf, lda: in, b: w.buf, ldb: in, transB: true,
		c: y.buf, ldc: out, alpha: 1, bias: bias})
	if err != nil {
		y.Free()
		return nil, err
	}
	return y, nil
}

// LinearBackward returns dx (N, In; nil when !needDX) = dy·w,
// dw (Out, In) = dyᵀ·x and db (Out) = Σ over N of dy, for dy (N, Out).
func (d *Device) LinearBackward(x, w, dy *Tensor, needDX bool) (dx, dw, db *Tensor, err error) {
	n, in, out, err := linearDims("LinearBackward", x, w)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := check("LinearBackward", need{"dy", dy, n * out}); err != nil {
		return nil, nil, nil, err
	}
	defer func() {
		if err != nil {
			freeAll(dx, dw, db)
			dx, dw, db = nil, nil, nil
		}
	}()
	if needDX {
		if dx, err = d.alloc(n, in); err != nil {
			return
		}
		err = d.gemm(gemmArgs{m: n, n: in, k: out, a: dy.buf, lda: out, b: w.buf, ldb: in,
			c: dx.buf, ldc: in, alpha: 1})
		if err != nil {
			return
		}
	}
	if dw, err = d.alloc(out, in); err != nil {
		return
	}
	err = d.gemm(gemmArgs{m: out, n: in, k: n, a: dy.buf, lda: out, transA: true, b: x.buf, ldb: in,
		c: dw.buf, ldc: in, alpha: 1})
	if err != nil {
		return
	}
	db, err = d.ChannelSum(n, out, 1, dy)
	return
}
