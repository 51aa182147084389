package kernels

// AddChannelBias writes y = x + b broadcast over channels: x and y are
// (N, C, HW) (HW = 1 makes this the bias of a linear layer), b is (C).
// y may alias x.
func AddChannelBias(n, c, hw int, x, b, y []float32) {
	checkLen("AddChannelBias", "x", len(x), n*c*hw)
	checkLen("AddChannelBias", "y", len(y), n*c*hw)
	checkLen("AddChannelBias", "b", len(b), c)
	for nc := range n * c {
		bv := b[nc%c]
		src, dst := x[nc*hw:(nc+1)*hw], y[nc*hw:(nc+1)*hw]
		for i, v := range src {
			dst[i] = v + bv
		}
	}
}

// ChannelSum writes db[c] = Σ over n and hw of dy[n, c, hw], the gradient of
// a channel bias; db is overwritten. Sums run in float64.
func ChannelSum(n, c, hw int, dy, db []float32) {
	checkLen("ChannelSum", "dy", len(dy), n*c*hw)
	checkLen("ChannelSum", "db", len(db), c)
	acc := make([]float64, c)
	for nc := range n * c {
		var s float32
		for _, v := range dy[nc*hw : (nc+1)*hw] {
			s += v
		}
		acc[nc%c] += float64(s)
	}
	for ch, v := range acc {
		db[ch] = float32(v)
	}
}

// Clamp writes y = min(max(x, lo), hi) (ReLU is lo = 0, hi = +Inf; ReLU6 is
// hi = 6). NaN stays NaN, as in PyTorch. y may alias x.
func Clamp(x []float32, lo, hi float32, y []float32) {
	checkLen("Clamp", "y", len(y), len(x))
	for i, v := range x {
		switch {
		case v < lo:
			y[i] = lo
		case v > hi:
			y[i] = hi
		default:
			y[i] = v
		}
	}
}

// ClampBackward writes dx = 0 where x ≤ lo or x ≥ hi and dx = dy elsewhere,
// PyTorch's threshold/hardtanh backward rule: no gradient at the kinks
// themselves, and a NaN input lets the gradient through. dx may alias dy.
func ClampBackward(x, dy []float32, lo, hi float32, dx []float32) {
	checkLen("ClampBackward", "dy", len(dy), len(x))
	checkLen("ClampBackward", "dx", len(dx), len(x))
	for i, v := range x {
		if v <= lo || v >= hi {
			dx[i] = 0
		} else {
			dx[i] = dy[i]
		}
	}
}
