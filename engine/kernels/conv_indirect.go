package kernels

// Convolutions with stride 1 or 2 (no dilation) skip im2col packing
// altogether. The input is copied once with its zero padding into s×s
// parity planes per channel (s the stride; for s = 1 the padded plane
// itself): plane (a, b) holds the padded rows ≡ a and columns ≡ b (mod s),
// Hh = ⌈Hp/s⌉ rows of Wh = ⌈Wp/s⌉, with Hp, Wp the padded height and width.
// Output (oh, ow) reads padded input (s·oh + i, s·ow + j) for tap (i, j),
// which is element (oh + i/s, ow + j/s) of plane (i mod s, j mod s). So with
// output positions numbered q = oh·Wh + ow, the im2col row of tap (c, i, j)
// is the run of the plane buffer starting at
//
//	plane(c, i mod s, j mod s) + (i/s)·Wh + j/s + q,
//
// and the indirect micro-kernels read B in place, one offset per tap. The
// positions with ow ≥ OutW are computed and dropped, which costs
// (Wh−OutW)/Wh of the arithmetic: the path is taken when that is at most an
// eighth. A stride-2 layer so becomes a stride-1 one over the parity planes,
// without the zero taps a space-to-depth rewrite of the weights would add.

// planeGeom is the parity-plane layout of a convolution's input.
type planeGeom struct {
	s, hh, wh int // stride, plane height and width
	plane     int // hh·wh
}

func (g ConvGeom) planes() planeGeom {
	s := g.StrideW
	hh, wh := ceilDiv(g.H+2*g.PadH, s), ceilDiv(g.W+2*g.PadW, s)
	return planeGeom{s: s, hh: hh, wh: wh, plane: hh * wh}
}

// parityPlanes reports whether the geometry has a parity-plane layout:
// equal strides of 1 or 2, no dilation.
func (g ConvGeom) parityPlanes() bool {
	return g.StrideH == g.StrideW && (g.StrideW == 1 || g.StrideW == 2) && g.DilationH == 1 && g.DilationW == 1
}

// indirectColumns returns the GEMM columns per image of the indirect path
// for panels of nr columns, and whether the path applies.
func (g ConvGeom) indirectColumns(nr int) (perImage int, ok bool) {
	if !g.parityPlanes() {
		return 0, false
	}
	perImage = roundUp(g.OutH()*g.planes().wh, nr)
	return perImage, 8*(perImage-g.OutH()*g.OutW()) <= perImage
}

// paddedInput is a convolution input copied into parity planes (see
// above), as an indirect B operand; c0 is the first channel of the group.
type paddedInput struct {
	g        ConvGeom
	pg       planeGeom
	xp       []float32
	perImage int       // GEMM columns per image
	last     []float32 // a copy of the last image with slack after it (1×1 layers), or nil
	c0       int
	tapOffs  []int // byte offsets of every tap of the group (forGroup)
}

// forGroup returns the operand for the group whose first input channel is
// c0, with its taps' offsets computed once.
func (v *paddedInput) forGroup(c0 int) *paddedInput {
	g := *v
	g.c0 = c0
	k := v.g.InGroup() * v.g.KH * v.g.KW
	g.tapOffs = make([]int, k)
	for r := range g.tapOffs {
		g.tapOffs[r] = 4 * g.tapOffset(r)
	}
	return &g
}

// padInput copies x into a pooled buffer of parity planes with the zero
// padding, plus zero slack after the end for the dropped positions of the
// last vectors (up to extra elements), and returns it with a function that
// gives the buffer back.
//
// A pointwise layer's planes are x itself, so x is used in place. The
// dropped positions past an image's last plane read the next image, which
// is harmless, except after the last image: unless the planes are a whole
// number of extra-wide vectors (nobody reads past the end), the last image
// alone is copied, with the slack after it.
func (g ConvGeom) padInput(x []float32, extra, perImage int) (*paddedInput, func()) {
	pg := g.planes()
	if g.isPointwise() && extra > 0 {
		v := &paddedInput{g: g, pg: pg, xp: x[:g.XSize()], perImage: perImage}
		if (g.H*g.W)%extra == 0 {
			return v, func() {}
		}
		img := g.C * g.H * g.W
		buf := packPool.get(img + extra + pg.wh + 8)
		v.last = grow(buf, img+extra+pg.wh+8)
		copy(v.last, x[(g.N-1)*img:g.N*img])
		clear(v.last[img:])
		return v, func() { packPool.put(buf) }
	}
	s, wp := pg.s, g.W+2*g.PadW
	per := s * s * pg.plane // floats per channel
	n := g.N*g.C*per + extra + g.KW + pg.wh + 8
	buf := packPool.get(n)
	xp := grow(buf, n)
	clear(xp[g.N*g.C*per:])
	parallelFor(g.N*g.C, func(nc int) {
		dst := xp[nc*per : (nc+1)*per]
		if s == 1 {
			clear(dst[:g.PadH*wp])
			clear(dst[(g.PadH+g.H)*wp:])
			for h := range g.H {
				row := dst[(g.PadH+h)*wp : (g.PadH+h+1)*wp]
				clear(row[:g.PadW])
				copy(row[g.PadW:], x[(nc*g.H+h)*g.W:(nc*g.H+h+1)*g.W])
				clear(row[g.PadW+g.W:])
			}
			return
		}
		// Stride 2: padded row r goes to planes (r mod 2, ·), row r/2;
		// padded column k to plane (·, k mod 2), column k/2.
		clear(dst)
		for h := range g.H {
			r := h + g.PadH
			src := x[(nc*g.H+h)*g.W : (nc*g.H+h+1)*g.W]
			even := dst[((r&1)*2)*pg.plane+(r>>1)*pg.wh:]
			odd := dst[((r&1)*2+1)*pg.plane+(r>>1)*pg.wh:]
			splitColumns(src, even, odd, g.PadW)
		}
	})
	return &paddedInput{g: g, pg: pg, xp: xp, perImage: perImage}, func() { packPool.put(buf) }
}

// tapOffset is the offset (in floats, from an image's first plane) of the
// run of tap r (within the group) at output position 0.
func (v *paddedInput) tapOffset(r int) int {
	g, pg := v.g, v.pg
	c, i, j := g.tap(r)
	plane := (v.c0+c)*pg.s*pg.s + (i%pg.s)*pg.s + j%pg.s
	return plane*pg.plane + (i/pg.s)*pg.wh + j/pg.s
}

// imageBase returns the planes of image img.
func (v *paddedInput) imageBase(img int) []float32 {
	if img == v.g.N-1 && v.last != nil {
		return v.last
	}
	return v.xp[img*v.g.C*v.pg.s*v.pg.s*v.pg.plane:]
}

func (v *paddedInput) offsets(offs []int, p0, kc int) int {
	largest := 0
	for q, o := range v.tapOffs[p0 : p0+kc] {
		offs[q] = o
		largest = max(largest, o)
	}
	return largest
}

func (v *paddedInput) base(j int) []float32 {
	img, l := j/v.perImage, j%v.perImage
	return v.imageBase(img)[l:]
}

// eachOutputRun calls f for every run of real output positions among the
// columns [j0, j1): image img, output row oh, columns [ow0, ow1), found at
// offset off of the tile. Where the planes' rows are as wide as the output
// (1×1 layers) the rows are contiguous in both, and a run may span several
// of them: oh is 0 and the columns count from the start of the plane.
func (v *paddedInput) eachOutputRun(j0, j1 int, f func(img, oh, ow0, ow1, off int)) {
	oh, ow, wh := v.g.OutH(), v.g.OutW(), v.pg.wh
	for j := j0; j < j1; {
		img, l := j/v.perImage, j%v.perImage
		end := min(v.perImage, l+j1-j)
		if wh == ow {
			if b := min(end, oh*ow); l < b {
				f(img, 0, l, b, j-j0)
			}
			j += end - l
			continue
		}
		for r := l / wh; r < oh && r*wh < end; r++ {
			a, b := max(l, r*wh), min(end, r*wh+ow)
			if a < b {
				f(img, r, a-r*wh, b-r*wh, j-j0+a-l)
			}
		}
		j += end - l
	}
}
