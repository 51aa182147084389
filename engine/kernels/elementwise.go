package kernels

// elementwiseChunk is the number of elements one goroutine handles at a time
// in the elementwise loops: large enough to amortise the hand-off, small
// enough to balance two cores on a 100k-element tensor.
const elementwiseChunk = 16 << 10

// parallelChunks runs body over [0, n) in chunks on all goroutines.
func parallelChunks(n int, body func(lo, hi int)) {
	if n <= elementwiseChunk {
		body(0, n)
		return
	}
	parallelFor(ceilDiv(n, elementwiseChunk), func(i int) {
		body(i*elementwiseChunk, min(n, (i+1)*elementwiseChunk))
	})
}

// AddChannelBias writes y = x + b broadcast over channels: x and y are
// (N, C, HW) (HW = 1 makes this the bias of a linear layer), b is (C).
// y may alias x.
func AddChannelBias(n, c, hw int, x, b, y []float32) {
	checkLen("AddChannelBias", "x", len(x), n*c*hw)
	checkLen("AddChannelBias", "y", len(y), n*c*hw)
	checkLen("AddChannelBias", "b", len(b), c)
	add := func(nc int) {
		bv := b[nc%c]
		src, dst := x[nc*hw:(nc+1)*hw], y[nc*hw:(nc+1)*hw]
		for i, v := range src {
			dst[i] = v + bv
		}
	}
	if n*c*hw <= elementwiseChunk {
		for nc := range n * c {
			add(nc)
		}
		return
	}
	parallelFor(n*c, add)
}

// ChannelSum writes db[c] = Σ over n and hw of dy[n, c, hw], the gradient of
// a channel bias; db is overwritten. Sums run in float64.
func ChannelSum(n, c, hw int, dy, db []float32) {
	checkLen("ChannelSum", "dy", len(dy), n*c*hw)
	checkLen("ChannelSum", "db", len(db), c)
	sum := func(ch int) {
		var acc float64
		for img := range n {
			nc := img*c + ch
			acc += sum64(dy[nc*hw : (nc+1)*hw]) // in vectors, in float64
		}
		db[ch] = float32(acc)
	}
	if n*c*hw <= elementwiseChunk {
		for ch := range c {
			sum(ch)
		}
		return
	}
	parallelFor(c, sum)
}

// Clamp writes y = min(max(x, lo), hi) (ReLU is lo = 0, hi = +Inf; ReLU6 is
// hi = 6). NaN stays NaN, as in PyTorch. y may alias x.
func Clamp(x []float32, lo, hi float32, y []float32) {
	checkLen("Clamp", "y", len(y), len(x))
	parallelChunks(len(x), func(a, b int) {
		affineClamp(x[a:b], y[a:b], false, 1, 0, lo, hi)
	})
}

// AddClamp writes y = a + b, clamped to [lo, hi] when clamp is set: a
// residual connection and the ReLU after it in one pass. y may alias a or b.
func AddClamp(a, b []float32, clamp bool, lo, hi float32, y []float32) {
	checkLen("AddClamp", "b", len(b), len(a))
	checkLen("AddClamp", "y", len(y), len(a))
	if !clamp {
		lo, hi = negInf, posInf
	}
	parallelChunks(len(a), func(s, e int) {
		addClamp(a[s:e], b[s:e], y[s:e], lo, hi)
	})
}

// ClampBackward writes dx = 0 where x ≤ lo or x ≥ hi and dx = dy elsewhere,
// PyTorch's threshold/hardtanh backward rule: no gradient at the kinks
// themselves, and a NaN input lets the gradient through. dx may alias dy.
func ClampBackward(x, dy []float32, lo, hi float32, dx []float32) {
	checkLen("ClampBackward", "dy", len(dy), len(x))
	checkLen("ClampBackward", "dx", len(dx), len(x))
	parallelChunks(len(x), func(a, b int) {
		clampMask(x[a:b], dy[a:b], dx[a:b], lo, hi)
	})
}
