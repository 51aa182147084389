package kernels

import "math/bits"

// MaxPool2d computes y = max over each window (padding never wins: it acts as
// −∞) and records in argmax the index within the H×W plane of the element that
// won, for the backward pass. Like PyTorch, the first maximum in row-major
// window order wins ties, and NaN wins over numbers (it propagates; with
// several NaNs the last one is recorded, as PyTorch's CPU kernel does).
// y and argmax have N·C·OutH·OutW elements and are overwritten; argmax may be
// nil when only y is wanted (inference).
func MaxPool2d(g PoolGeom, x, y []float32, argmax []int32) {
	g.check("MaxPool2d", x, y)
	if argmax != nil {
		checkLen("MaxPool2d", "argmax", len(argmax), g.YSize())
	}
	hw, oh, ow := g.H*g.W, g.OutH(), g.OutW()
	// Column windows are the same for every row and plane. pairs marks
	// 3-wide, stride-2 windows starting PadW (0 or 1) columns left, clipped
	// to the image (ResNet's and SqueezeNet's), which have a vector path.
	cols := make([][2]int, ow)
	pairs := g.KernelW == 3 && g.StrideW == 2 && (g.PadW == 0 || g.PadW == 1) && ow >= 2
	for s := range cols {
		_, _, w0, w1 := g.window(0, s)
		cols[s] = [2]int{w0, w1}
		pairs = pairs && w0 == max(0, 2*s-g.PadW) && w1 == min(g.W, 2*s-g.PadW+3) && 2*s-g.PadW < g.W
	}
	forEachJob(g.N*g.C, func(ws *gemmScratch, nc int) {
		plane := x[nc*hw : (nc+1)*hw]
		// The maximum and argmax of 3×3 stride-2 windows come from every
		// row's even/odd split (rows[h]: e then o, half each), in vectors.
		half := ow + 2
		var rows []float32
		if argmax != nil && pairs && g.KernelH == 3 {
			rows = grow(&ws.b, g.H*2*half)
			for h := range g.H {
				rh := rows[h*2*half : (h+1)*2*half]
				splitPadded(plane[h*g.W:(h+1)*g.W], rh[:half], rh[half:], g.PadW)
			}
		}
		for r := range oh {
			h0, h1, _, _ := g.window(r, 0)
			o := (nc*oh + r) * ow
			ys := y[o : o+ow]
			// The maximum over the window's rows for every column, then
			// over each window's columns. Go's max is branch-free and lets
			// NaN win; no element depends on the one before, so the loops
			// pipeline.
			fromSplits := rows != nil && h1-h0 == 3
			if fromSplits {
				// Maximum and argmax in one vector pass over the rows'
				// splits; tap (r, j) of output 0 is at plane index
				// (h0+r)·W − PadW + j.
				var base [9]int32
				for r := range 3 {
					b := int32((h0+r)*g.W - g.PadW)
					base[3*r], base[3*r+1], base[3*r+2] = b, b+1, b+2
				}
				if ok, special := vecMaxArgmax3x3(ys, argmax[o:o+ow], rows[h0*2*half:], half, base); ok {
					// Windows whose maximum is NaN or −∞ (where padding
					// would match) follow the scalar rules.
					if !special {
						continue
					}
					for s, c := range cols {
						if v := ys[s]; v != v || v == negInf {
							argmax[o+s] = int32(windowArgmax(plane, g.W, h0, h1, c[0], c[1], v))
						}
					}
					continue
				}
			}
			var cm []float32
			if !fromSplits {
				cm = grow(&ws.row, g.W)
				copy(cm, plane[h0*g.W:(h0+1)*g.W])
				for h := h0 + 1; h < h1; h++ {
					maxNaN(cm, cm, plane[h*g.W:(h+1)*g.W])
				}
			}
			if fromSplits {
				// The same maxima in the same order, from the rows'
				// splits: the even and odd columns' maxima over the
				// rows, then y[s] = max(e[s], o[s], e[s+1]).
				buf := grow(&ws.a, 2*half)
				e, o := buf[:half], buf[half:]
				r0, r1, r2 := rows[h0*2*half:], rows[(h0+1)*2*half:], rows[(h0+2)*2*half:]
				maxNaN(e, r0[:half], r1[:half])
				maxNaN(e, e, r2[:half])
				maxNaN(o, r0[half:2*half], r1[half:2*half])
				maxNaN(o, o, r2[half:2*half])
				maxNaN(ys, e[:ow], o[:ow])
				maxNaN(ys, ys, e[1:ow+1])
			} else if pairs {
				// Windows over padded columns 2s, 2s+1, 2s+2, i.e.
				// cm[2s−PadW …]: y[s] = max(e[s], o[s], e[s+1]) with e, o
				// the even and odd padded columns (−∞ outside the image),
				// as vectors.
				half := ow + 2 // room for every column of cm and the −∞ ends
				buf := grow(&ws.a, 2*half)
				e, o := buf[:half], buf[half:]
				splitPadded(cm, e, o, g.PadW)
				maxNaN(ys, e[:ow], o[:ow])
				maxNaN(ys, ys, e[1:ow+1])
			} else {
				for s, c := range cols {
					best := cm[c[0]]
					for _, v := range cm[c[0]+1 : c[1]] {
						best = max(best, v)
					}
					ys[s] = best
				}
			}
			if argmax == nil {
				continue
			}
			// The winner is the first element equal to the maximum in
			// row-major window order (the first maximum, as PyTorch picks
			// it), or the last NaN when the maximum is NaN.
			for s, c := range cols {
				argmax[o+s] = int32(windowArgmax(plane, g.W, h0, h1, c[0], c[1], ys[s]))
			}
		}
	})
}

// splitPadded splits one image row into the even and odd columns of the
// row padded by padW (0 or 1) on the left: e[k] = column 2k − padW, o[k] =
// column 2k + 1 − padW, −∞ outside the image (e and o hold half elements,
// at least (len(row)+padW)/2 + 1 each).
func splitPadded(row, e, o []float32, padW int) {
	w, half := len(row), len(e)
	a, b := e, o // where row[0] and row[1] go
	if padW == 1 {
		a, b = o, e[1:]
	}
	h := w / 2
	splitPairs(row[:2*h], a[:h], b[:h])
	if w%2 == 1 {
		a[h] = row[w-1]
	}
	e[0] = negInf
	if padW == 0 {
		e[0] = row[0]
	}
	for k := (w + padW + 1) / 2; k < half; k++ {
		e[k] = negInf // column 2k − padW ≥ w
	}
	for k := (w + padW) / 2; k < half; k++ {
		o[k] = negInf // column 2k + 1 − padW ≥ w
	}
}

// splitPairs writes a[k], b[k] = src[2k], src[2k+1]: in vectors, the last
// ones as a vector too, overlapping the ones before (the same values again).
func splitPairs(src, a, b []float32) {
	n := vecSplitPairs(src, a, b)
	if k := len(b) - 8; n < len(b) && k >= 0 && vecSplitPairs(src[2*k:], a[k:], b[k:]) == 8 {
		return
	}
	for m := n; m < len(b); m++ {
		a[m], b[m] = src[2*m], src[2*m+1]
	}
}

// MaxPool2dBackward routes each output gradient to the input element that
// won its window (argmax from MaxPool2d); overlapping windows that share a
// winner add up. dx (N, C, H, W) is overwritten.
func MaxPool2dBackward(g PoolGeom, dy []float32, argmax []int32, dx []float32) {
	g.check("MaxPool2dBackward", dx, dy)
	checkLen("MaxPool2dBackward", "argmax", len(argmax), g.YSize())
	hw, p := g.H*g.W, g.OutH()*g.OutW()
	parallelFor(g.N*g.C, func(nc int) {
		plane := dx[nc*hw : (nc+1)*hw]
		clear(plane)
		for o := nc * p; o < (nc+1)*p; o++ {
			plane[argmax[o]] += dy[o]
		}
	})
}

// MaxPool2dBackwardMasked is MaxPool2dBackward followed by the gradient of
// the clamp to [lo, hi] that produced x (the ReLU before the pool), in one
// pass: an output gradient reaches its winner only where that element of x
// is strictly inside (lo, hi) or NaN, as ClampBackward would leave it.
func MaxPool2dBackwardMasked(g PoolGeom, x, dy []float32, argmax []int32, lo, hi float32, dx []float32) {
	g.check("MaxPool2dBackward", dx, dy)
	g.check("MaxPool2dBackward", x, dy)
	checkLen("MaxPool2dBackward", "argmax", len(argmax), g.YSize())
	hw, p := g.H*g.W, g.OutH()*g.OutW()
	parallelFor(g.N*g.C, func(nc int) {
		plane, xs := dx[nc*hw:(nc+1)*hw], x[nc*hw:(nc+1)*hw]
		clear(plane)
		for o := nc * p; o < (nc+1)*p; o++ {
			if i := argmax[o]; !(xs[i] <= lo || xs[i] >= hi) {
				plane[i] += dy[o]
			}
		}
	})
}

// windowArgmax returns the plane index of the element of rows [h0, h1),
// columns [w0, w1) that PyTorch's max pooling records for maximum best.
func windowArgmax(plane []float32, w, h0, h1, w0, w1 int, best float32) int {
	if best != best { // NaN: the last one wins
		at := h0*w + w0
		for h := h0; h < h1; h++ {
			for k, v := range plane[h*w+w0 : h*w+w1] {
				if v != v {
					at = h*w + w0 + k
				}
			}
		}
		return at
	}
	if h1-h0 == 3 && w1-w0 == 3 { // the common 3×3 window, unrolled
		r0, r1, r2 := plane[h0*w+w0:h0*w+w0+3], plane[(h0+1)*w+w0:(h0+1)*w+w0+3], plane[(h0+2)*w+w0:(h0+2)*w+w0+3]
		m := b2u(r0[0] == best) | b2u(r0[1] == best)<<1 | b2u(r0[2] == best)<<2 |
			b2u(r1[0] == best)<<3 | b2u(r1[1] == best)<<4 | b2u(r1[2] == best)<<5 |
			b2u(r2[0] == best)<<6 | b2u(r2[1] == best)<<7 | b2u(r2[2] == best)<<8
		if m != 0 {
			f := bits.TrailingZeros(m)
			return (h0+f/3)*w + w0 + f%3
		}
	}
	if cw := w1 - w0; (h1-h0)*cw <= 64 {
		// Branch-free: a bit per element equal to the maximum, in
		// row-major order; the lowest set bit is the first.
		var bitsEq uint64
		n := 0
		for h := h0; h < h1; h++ {
			for _, v := range plane[h*w+w0 : h*w+w1] {
				bitsEq |= uint64(b2u(v == best)) << n
				n++
			}
		}
		f := bits.TrailingZeros64(bitsEq)
		return (h0+f/cw)*w + w0 + f%cw
	}
	for h := h0; h < h1; h++ {
		for k, v := range plane[h*w+w0 : h*w+w1] {
			if v == best {
				return h*w + w0 + k
			}
		}
	}
	return h0*w + w0 // unreachable: best is one of the elements
}

func b2u(b bool) uint {
	if b {
		return 1
	}
	return 0
}
