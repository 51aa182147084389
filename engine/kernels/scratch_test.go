package kernels

import (
	"math/rand"
	"testing"
)

// A small request must not take the largest kept buffer (the padded input
// asked for next would then grow a second one), and a request no buffer
// fits takes the largest, so regrowing it keeps the pool's count.
func TestBufferListHandsOutTheBestFit(t *testing.T) {
	var l bufferList
	for _, n := range []int{1000, 10, 100} {
		b := make([]float32, n)
		l.put(&b)
	}
	if got := cap(*l.get(50)); got != 100 {
		t.Fatalf("50 floats got a buffer of %d, want the 100 one", got)
	}
	if got := cap(*l.get(5000)); got != 1000 {
		t.Fatalf("5000 floats (none fits) got a buffer of %d, want the largest, 1000", got)
	}
	if got := cap(*l.get(1)); got != 10 {
		t.Fatalf("1 float got a buffer of %d, want the last one, 10", got)
	}
	if got := cap(*l.get(1)); got != 0 {
		t.Fatalf("an empty list gave a buffer of %d, want a new empty one", got)
	}
}

func TestReleaseScratchEmptiesThePools(t *testing.T) {
	b := make([]float32, 64)
	packPool.put(&b)
	scratchPool.put(scratchPool.get())
	ReleaseScratch()
	if len(packPool.items) != 0 || len(scratchPool.items) != 0 {
		t.Fatalf("after ReleaseScratch the pools keep %d and %d items", len(packPool.items), len(scratchPool.items))
	}
}

// The weight gradient taken a few images at a time (to bound its padded
// copies), or split into more or fewer jobs, must equal the one over the
// whole batch bit for bit: each weight's sum runs over the images in the
// same order either way.
func TestWeightGradDotPassesChangeNoBit(t *testing.T) {
	dk := dotKernelFor(activeKernels)
	if dk == nil {
		t.Log("no dot-product tile on this CPU: nothing to compare") // the pure-Go build
		return
	}
	rng := rand.New(rand.NewSource(3))
	for _, g := range []ConvGeom{
		{N: 5, C: 3, H: 40, W: 37, OutC: 9, KH: 3, KW: 3, StrideH: 1, StrideW: 1, PadH: 1, PadW: 1, DilationH: 1, DilationW: 1, Groups: 1},
		{N: 4, C: 8, H: 48, W: 48, OutC: 16, KH: 3, KW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1, DilationH: 1, DilationW: 1, Groups: 1},
	} {
		if !g.weightGradDotApplies(dk.lanes) {
			t.Fatalf("%+v: the dot-product path does not apply; choose a larger map", g)
		}
		x, dy := randSlice(rng, g.XSize()), randSlice(rng, g.YSize())
		whole, byOne := make([]float32, g.WSize()), make([]float32, g.WSize())
		weightGradDotPasses(g, x, dy, whole, dk, g.N, 8)
		weightGradDotPasses(g, x, dy, byOne, dk, 1, 8)
		for i := range whole {
			if whole[i] != byOne[i] {
				t.Fatalf("%+v: dw[%d] is %v over the batch, %v image by image", g, i, whole[i], byOne[i])
			}
		}
		for _, jobs := range []int{1, 2, 100} {
			other := make([]float32, g.WSize())
			weightGradDotPasses(g, x, dy, other, dk, g.N, jobs)
			for i := range whole {
				if whole[i] != other[i] {
					t.Fatalf("%+v: dw[%d] is %v in 8 jobs, %v in %d", g, i, whole[i], other[i], jobs)
				}
			}
		}
		want := newSum(g.WSize())
		naiveConv(g, func(yi, wi, xi int) { want.add(wi, x[xi], dy[yi]) })
		want.check(t, "dw", byOne)
	}
}
