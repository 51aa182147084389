package gpu

import (
	"fmt"

	"transferlab/engine/kernels"
	"transferlab/engine/vulkan"
)

// Convolution, x (N, C, H, W) and w (OutC, C/groups, KH, KW) as in
// engine/kernels. groups == 1 runs as GEMMs: the weights (OutC × K,
// K = C·KH·KW) times an im2col matrix (K × images·OH·OW) built per chunk of
// images in scratch memory; a 1×1, stride-1, unpadded kernel multiplies x
// itself. Grouped and depthwise convolutions run as direct shaders, where
// im2col would copy KH·KW times the input to do very little arithmetic.

// maxScratchFloats bounds an im2col temporary (128 MiB): small enough to fit
// the smallest maxStorageBufferRange seen (lavapipe's), large enough that a
// chunk holds a dozen 224×224 images even in ResNet's first layers.
const maxScratchFloats = 32 << 20

// chunkImages is how many of n images' worth of perImage scratch floats fit
// in d.scratchLimit (at least one image).
func (d *Device) chunkImages(n, perImage int) int {
	return max(1, min(n, d.scratchLimit/max(perImage, 1)))
}

// pointwise reports a 1×1, stride-1, unpadded kernel: x's planes are the
// im2col matrix already.
func pointwise(g kernels.ConvGeom) bool {
	return g.KH == 1 && g.KW == 1 && g.StrideH == 1 && g.StrideW == 1 && g.PadH == 0 && g.PadW == 0
}

// windowPush is the geometry block shared by im2col and col2im, in their
// push-constant order after the element count.
func windowPush(g kernels.ConvGeom) []any {
	return []any{g.C, g.H, g.W, g.KH, g.KW, g.StrideH, g.StrideW, g.PadH, g.PadW,
		g.DilationH, g.DilationW, g.OutH(), g.OutW()}
}

// directPush is the geometry block of the direct convolution shaders.
func directPush(g kernels.ConvGeom) []any {
	return []any{g.C, g.H, g.W, g.OutC, g.KH, g.KW, g.StrideH, g.StrideW, g.PadH, g.PadW,
		g.DilationH, g.DilationW, g.OutH(), g.OutW(), g.Groups}
}

// convArgs validates a geometry and the tensors that come with it.
func convArgs(op string, g kernels.ConvGeom, needs ...need) error {
	if err := g.Validate(); err != nil {
		return fmt.Errorf("gpu: %s: %w", op, err)
	}
	return check(op, needs...)
}

// Conv2d returns act(conv(x, w) + bias), y (N, OutC, OH, OW); bias (OutC)
// may be nil. The bias and activation are applied as the output is stored.
func (d *Device) Conv2d(g kernels.ConvGeom, x, w, bias *Tensor, act Act) (*Tensor, error) {
	needs := []need{{"x", x, g.XSize()}, {"w", w, g.WSize()}}
	if bias != nil {
		needs = append(needs, need{"bias", bias, g.OutC})
	}
	if err := convArgs("Conv2d", g, needs...); err != nil {
		return nil, err
	}
	if err := act.valid(); err != nil {
		return nil, err
	}
	y, err := d.alloc(g.N, g.OutC, g.OutH(), g.OutW())
	if err != nil {
		return nil, err
	}
	if g.Groups > 1 {
		err = d.convDirect(g, x, w, bias, act, y)
	} else {
		err = d.convGemm(g, x, w, bias, act, y)
	}
	if err != nil {
		y.Free()
		return nil, err
	}
	return y, nil
}

// convGemm is Conv2d for groups == 1: y (OutC × images·OH·OW per chunk) =
// w (OutC × K) · im2col(x), written straight into y's NCHW layout.
func (d *Device) convGemm(g kernels.ConvGeom, x, w, bias *Tensor, act Act, y *Tensor) error {
	ohw, hw, k := g.OutH()*g.OutW(), g.H*g.W, g.C*g.KH*g.KW
	var biasBuf *vulkan.Buffer
	if bias != nil {
		biasBuf = bias.buf
	}
	base := gemmArgs{m: g.OutC, k: k, a: w.buf, lda: k, c: y.buf, ldc: ohw, cP: ohw, cS: g.OutC * ohw,
		alpha: 1, bias: biasBuf, biasRows: true, act: act}
	if pointwise(g) {
		base.n, base.b, base.ldb, base.bP, base.bS = g.N*hw, x.buf, hw, hw, g.C*hw
		return d.gemm(base)
	}
	if d.gemmKernel.conv != "" {
		return d.convImplicit(g, x, w, biasBuf, act, y)
	}
	nb := d.chunkImages(g.N, k*ohw)
	col, err := d.scratchFloats(0, k*nb*ohw)
	if err != nil {
		return err
	}
	for img0 := 0; img0 < g.N; img0 += nb {
		cols := min(nb, g.N-img0) * ohw
		if err := d.im2col(g, x.buf, img0, cols, col); err != nil {
			return err
		}
		a := base
		a.n, a.b, a.ldb, a.cOff = cols, col, cols, img0*g.OutC*ohw
		if err := d.gemm(a); err != nil {
			return err
		}
	}
	return nil
}

// convImplicit is convGemm in one dispatch that gathers im2col(x) as it
// multiplies (shaders/conv_gemm.comp): no scratch, no chunks, and none of
// the unfolded matrix's traffic (K/(KH·KW)·OH·OW floats per image written
// and read again: ResNet-18's 3×3 layers at batch 64 unfold 0.46 GB each).
func (d *Device) convImplicit(g kernels.ConvGeom, x, w *Tensor, bias *vulkan.Buffer, act Act, y *Tensor) error {
	lo, hi := act.bounds()
	hasBias := bias != nil
	if !hasBias {
		bias = d.dummy
	}
	m, n, k := g.OutC, g.N*g.OutH()*g.OutW(), g.C*g.KH*g.KW
	kern := d.gemmKernel
	pc := push(m, n, k, g.H, g.W, g.KH, g.KW, g.OutH(), g.OutW(), g.StrideH, g.StrideW, g.PadH, g.PadW,
		g.DilationH, g.DilationW, hasBias, lo, hi)
	if d.prof != nil {
		d.prof.describe(fmt.Sprintf("%dx%dx%d", m, n, k), 2*float64(m)*float64(n)*float64(k))
	}
	groups := [3]uint32{uint32(min(ceilDiv(n, kern.bn), maxGroupsX)), uint32(min(ceilDiv(m, kern.bm), maxGroupsX)), 1}
	return d.dispatch(kern.conv, groups, pc, x.buf, w.buf, bias, y.buf)
}

// im2col records the unfolding of the images from img0 on (cols/(OH·OW) of
// them) into col (K × cols).
func (d *Device) im2col(g kernels.ConvGeom, x *vulkan.Buffer, img0, cols int, col *vulkan.Buffer) error {
	n := g.C * g.KH * g.KW * cols
	args := append([]any{n}, windowPush(g)...)
	pc := push(append(args, cols, img0*g.C*g.H*g.W)...)
	return d.dispatch("im2col", grid1D(n), pc, x, col)
}

// convDirect is Conv2d for groups > 1, one invocation per output element.
func (d *Device) convDirect(g kernels.ConvGeom, x, w, bias *Tensor, act Act, y *Tensor) error {
	lo, hi := act.bounds()
	b := d.dummy
	if bias != nil {
		b = bias.buf
	}
	args := append([]any{y.n}, directPush(g)...)
	pc := push(append(args, bias != nil, lo, hi)...)
	return d.dispatch("conv_direct", grid1D(y.n), pc, x.buf, w.buf, b, y.buf)
}

// Conv2dBackwardData returns dx (N,C,H,W) from dy (N,OutC,OH,OW).
func (d *Device) Conv2dBackwardData(g kernels.ConvGeom, dy, w *Tensor) (*Tensor, error) {
	if err := convArgs("Conv2dBackwardData", g, need{"dy", dy, g.YSize()}, need{"w", w, g.WSize()}); err != nil {
		return nil, err
	}
	dx, err := d.alloc(g.N, g.C, g.H, g.W)
	if err != nil {
		return nil, err
	}
	if g.Groups > 1 {
		pc := push(append([]any{dx.n}, directPush(g)...)...)
		err = d.run("conv_direct_bwd_data", dx.n, pc, dy, w, dx)
	} else {
		err = d.convBackwardDataGemm(g, dy, w, dx)
	}
	if err != nil {
		dx.Free()
		return nil, err
	}
	return dx, nil
}

// convBackwardDataGemm computes dcol (K × images·OH·OW) = wᵀ·dy per chunk of
// images and folds it into dx with col2im; for a pointwise kernel wᵀ·dy is
// dx itself.
func (d *Device) convBackwardDataGemm(g kernels.ConvGeom, dy, w, dx *Tensor) error {
	ohw, hw, k := g.OutH()*g.OutW(), g.H*g.W, g.C*g.KH*g.KW
	base := gemmArgs{k: g.OutC, a: w.buf, lda: k, transA: true,
		b: dy.buf, ldb: ohw, bP: ohw, bS: g.OutC * ohw, alpha: 1}
	if pointwise(g) {
		base.m, base.n = g.C, g.N*hw
		base.c, base.ldc, base.cP, base.cS = dx.buf, hw, hw, g.C*hw
		return d.gemm(base)
	}
	if d.gemmKernel.conv != "" {
		return d.convImplicitData(g, dy, w, dx)
	}
	nb := d.chunkImages(g.N, k*ohw)
	dcol, err := d.scratchFloats(0, k*nb*ohw)
	if err != nil {
		return err
	}
	for img0 := 0; img0 < g.N; img0 += nb {
		cnt := min(nb, g.N-img0)
		cols := cnt * ohw
		a := base
		a.m, a.n, a.bOff, a.c, a.ldc = k, cols, img0*g.OutC*ohw, dcol, cols
		if err := d.gemm(a); err != nil {
			return err
		}
		n := cnt * g.C * hw
		args := append([]any{n}, windowPush(g)...)
		pc := push(append(args, cols, img0*g.C*hw)...)
		if err := d.dispatch("col2im", grid1D(n), pc, dcol, dx.buf); err != nil {
			return err
		}
	}
	return nil
}

// convImplicitData is convBackwardDataGemm in one product that gathers dy
// per input position and kernel tap (shaders/conv_gemm_dx.comp): no
// unfolded gradient, no col2im pass over it.
func (d *Device) convImplicitData(g kernels.ConvGeom, dy, w, dx *Tensor) error {
	m, n, k := g.C, g.N*g.H*g.W, g.OutC*g.KH*g.KW
	kern := d.gemmKernel
	pc := push(m, n, k, g.H, g.W, g.KH, g.KW, g.OutH(), g.OutW(), g.StrideH, g.StrideW, g.PadH, g.PadW,
		g.DilationH, g.DilationW)
	if d.prof != nil {
		d.prof.describe(fmt.Sprintf("%dx%dx%d", m, n, k), 2*float64(m)*float64(n)*float64(k))
	}
	groups := [3]uint32{uint32(min(ceilDiv(n, kern.bn), maxGroupsX)), uint32(min(ceilDiv(m, kern.bm), maxGroupsX)), 1}
	return d.dispatch(kern.conv+"_dx", groups, pc, dy.buf, w.buf, dx.buf)
}

// Conv2dBackwardWeights returns dw (OutC, C/groups, KH, KW) from x and dy.
func (d *Device) Conv2dBackwardWeights(g kernels.ConvGeom, x, dy *Tensor) (*Tensor, error) {
	if err := convArgs("Conv2dBackwardWeights", g, need{"x", x, g.XSize()}, need{"dy", dy, g.YSize()}); err != nil {
		return nil, err
	}
	dw, err := d.alloc(g.OutC, g.InGroup(), g.KH, g.KW)
	if err != nil {
		return nil, err
	}
	if g.Groups > 1 {
		// One workgroup per weight reduces over the batch and positions.
		pc := push(append([]any{dw.n, g.N}, directPush(g)...)...)
		err = d.runGroups("conv_direct_bwd_weights", dw.n, pc, x, dy, dw)
	} else {
		err = d.convBackwardWeightsGemm(g, x, dy, dw)
	}
	if err != nil {
		dw.Free()
		return nil, err
	}
	return dw, nil
}

// convBackwardWeightsGemm accumulates dw (OutC × K) += dy·im2col(x)ᵀ over
// chunks of images. dy's chunk is first laid out as one OutC × images·OH·OW
// matrix (a single image already is one).
func (d *Device) convBackwardWeightsGemm(g kernels.ConvGeom, x, dy, dw *Tensor) error {
	if d.gemmKernel.conv != "" {
		return d.convImplicitWeights(g, x, dy, dw)
	}
	ohw, k := g.OutH()*g.OutW(), g.C*g.KH*g.KW
	nb := d.chunkImages(g.N, (k+g.OutC)*ohw)
	col, err := d.scratchFloats(0, k*nb*ohw)
	if err != nil {
		return err
	}
	var dyCols *vulkan.Buffer
	if nb > 1 {
		if dyCols, err = d.scratchFloats(1, g.OutC*nb*ohw); err != nil {
			return err
		}
	}
	for img0 := 0; img0 < g.N; img0 += nb {
		cnt := min(nb, g.N-img0)
		cols := cnt * ohw
		if err := d.im2col(g, x.buf, img0, cols, col); err != nil {
			return err
		}
		a := gemmArgs{m: g.OutC, n: k, k: cols, a: dy.buf, lda: cols, aOff: img0 * g.OutC * ohw,
			b: col, ldb: cols, transB: true, c: dw.buf, ldc: k, alpha: 1}
		if img0 > 0 {
			a.beta = 1
		}
		if cnt > 1 {
			n := g.OutC * cols
			pc := push(n, g.OutC, ohw, cols, img0*g.OutC*ohw)
			if err := d.dispatch("batch_to_cols", grid1D(n), pc, dy.buf, dyCols); err != nil {
				return err
			}
			a.a, a.aOff = dyCols, 0
		}
		if err := d.gemm(a); err != nil {
			return err
		}
	}
	return nil
}

// convImplicitWeights is convBackwardWeightsGemm in one product over every
// image that gathers dy and im2col(x) as it multiplies
// (shaders/conv_gemm_dw.comp), split over the positions when OutC × K has
// too few tiles to fill the GPU; no scratch but the split's partial sums.
func (d *Device) convImplicitWeights(g kernels.ConvGeom, x, dy, dw *Tensor) error {
	m, n, k := g.OutC, g.C*g.KH*g.KW, g.N*g.OutH()*g.OutW()
	kern := d.gemmKernel
	splits, kSplit := splitK(kern.tiles(m, n), k, 0)
	out := dw.buf
	if splits > 1 {
		var err error
		if out, err = d.scratchFloats(2, splits*m*n); err != nil {
			return err
		}
	}
	pc := push(m, n, k, g.H, g.W, g.KH, g.KW, g.OutH(), g.OutW(), g.StrideH, g.StrideW, g.PadH, g.PadW,
		g.DilationH, g.DilationW, kSplit, m*n)
	if d.prof != nil {
		d.prof.describe(fmt.Sprintf("%dx%dx%d split=%d", m, n, k, splits), 2*float64(m)*float64(n)*float64(k))
	}
	groups := [3]uint32{uint32(min(ceilDiv(n, kern.bn), maxGroupsX)), uint32(min(ceilDiv(m, kern.bm), maxGroupsX)), uint32(splits)}
	if err := d.dispatch(kern.conv+"_dw", groups, pc, x.buf, dy.buf, out); err != nil || splits == 1 {
		return err
	}
	pc = push(m, n, splits, n, 0, uint32(plainCols), 0, float32(1), float32(0), 0, negInf, posInf)
	return d.dispatch("gemm_reduce", grid1D(m*n), pc, out, dw.buf, d.dummy)
}

// ChannelSum returns db (C) = Σ over n and hw of dy (N, C, HW) — a bias gradient.
func (d *Device) ChannelSum(n, c, hw int, dy *Tensor) (*Tensor, error) {
	if n < 1 || c < 1 || hw < 1 {
		return nil, fmt.Errorf("gpu: ChannelSum: sizes (%d, %d, %d) must be positive", n, c, hw)
	}
	if err := check("ChannelSum", need{"dy", dy, n * c * hw}); err != nil {
		return nil, err
	}
	return d.channelSum(n, c, hw, 1, dy)
}

// channelSum returns scale·Σ over n and hw of dy (N, C, HW), one workgroup
// per channel.
func (d *Device) channelSum(n, c, hw int, scale float32, dy *Tensor) (*Tensor, error) {
	db, err := d.alloc(c)
	if err != nil {
		return nil, err
	}
	if err := d.runGroups("channel_sum", c, push(n, c, hw, scale), dy, db); err != nil {
		db.Free()
		return nil, err
	}
	return db, nil
}
