package ops

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// evalWithGrads builds a graph from fresh input nodes holding vals, applies
// build, and returns the output and the gradients of Σ out⊙R (R fixed by
// seed) with respect to the inputs flagged in diff.
func evalWithGrads(t *testing.T, vals []*tensor.Dense, diff []bool, build func(in []*gorgonia.Node) (*gorgonia.Node, error)) ([]float32, [][]float32) {
	t.Helper()
	g := gorgonia.NewGraph()
	var in, wrt gorgonia.Nodes
	for i, v := range vals {
		n := gorgonia.NewTensor(g, tensor.Float32, v.Dims(), gorgonia.WithShape(v.Shape()...),
			gorgonia.WithName(name("in%d", i)), gorgonia.WithValue(v.Clone().(*tensor.Dense)))
		in = append(in, n)
		if diff[i] {
			wrt = append(wrt, n)
		}
	}
	out, err := build(in)
	if err != nil {
		t.Fatal(err)
	}
	r := gorgonia.NewTensor(g, tensor.Float32, out.Dims(), gorgonia.WithShape(out.Shape()...), gorgonia.WithName("R"),
		gorgonia.WithValue(newDense(out.Shape(), randData(rand.New(rand.NewSource(99)), out.Shape().TotalSize()))))
	prod, err := gorgonia.HadamardProd(out, r)
	if err != nil {
		t.Fatal(err)
	}
	cost, err := gorgonia.Sum(prod)
	if err != nil {
		t.Fatal(err)
	}
	var grads gorgonia.Nodes
	if len(wrt) > 0 {
		if grads, err = gorgonia.Grad(cost, wrt...); err != nil {
			t.Fatal(err)
		}
	}
	vals2 := runAndRead(t, g, append(gorgonia.Nodes{out}, grads...)...)
	data := func(v gorgonia.Value) []float32 {
		d, _, err := float32Data("test", "value", v)
		if err != nil {
			t.Fatal(err)
		}
		return slices.Clone(d)
	}
	var gs [][]float32
	for _, v := range vals2[1:] {
		gs = append(gs, data(v))
	}
	return data(vals2[0]), gs
}

func actOp(act Activation, x *gorgonia.Node) (*gorgonia.Node, error) {
	switch act {
	case ActReLU:
		return ReLU(x)
	case ActReLU6:
		return ReLU6(x)
	}
	return x, nil
}

var fusedConvCases = map[string]struct {
	x, w []int
	o    ConvOpts
}{
	"3x3_pad1":       {[]int{2, 3, 6, 40}, []int{5, 3, 3, 3}, ConvOpts{PadH: 1, PadW: 1}},
	"stride2":        {[]int{2, 4, 7, 9}, []int{6, 4, 3, 3}, ConvOpts{StrideH: 2, StrideW: 2, PadH: 1, PadW: 1}},
	"1x1":            {[]int{3, 5, 4, 4}, []int{7, 5, 1, 1}, ConvOpts{}},
	"depthwise":      {[]int{2, 4, 9, 9}, []int{4, 1, 3, 3}, ConvOpts{PadH: 1, PadW: 1, Groups: 4}},
	"depthwise_s2":   {[]int{1, 3, 8, 11}, []int{3, 1, 3, 3}, ConvOpts{StrideH: 2, StrideW: 2, PadH: 1, PadW: 1, Groups: 3}},
	"groups_dilated": {[]int{1, 4, 7, 7}, []int{2, 2, 3, 3}, ConvOpts{PadH: 2, PadW: 2, DilationH: 2, DilationW: 2, Groups: 2}},
}

// ConvFused must give exactly the numbers of Conv2d, AddChannelBias and
// ReLU/ReLU6 applied one after the other, forward and backward.
func TestConvFusedMatchesSeparateOps(t *testing.T) {
	for label, c := range fusedConvCases {
		for _, act := range []Activation{ActNone, ActReLU, ActReLU6} {
			for _, withBias := range []bool{false, true} {
				t.Run(name("%s_%v_bias%v", label, act, withBias), func(t *testing.T) {
					rng := rand.New(rand.NewSource(11))
					x, w, b := randTensor(rng, c.x...), randTensor(rng, c.w...), randTensor(rng, c.w[0])
					for i, v := range x.Data().([]float32) {
						x.Data().([]float32)[i] = 4 * v // reach past ReLU6's 6
					}
					vals, diff := []*tensor.Dense{x, w, b}, []bool{true, true, withBias}
					fused, fusedGrads := evalWithGrads(t, vals, diff, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
						var bias *gorgonia.Node
						if withBias {
							bias = in[2]
						}
						return ConvFused(in[0], in[1], bias, c.o, act)
					})
					plain, plainGrads := evalWithGrads(t, vals, diff, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
						y, err := Conv2d(in[0], in[1], c.o)
						if err == nil && withBias {
							y, err = AddChannelBias(y, in[2])
						}
						if err != nil {
							return nil, err
						}
						return actOp(act, y)
					})
					if !slices.Equal(fused, plain) {
						t.Fatal("outputs differ")
					}
					for i := range plainGrads {
						if !slices.Equal(fusedGrads[i], plainGrads[i]) {
							t.Fatalf("gradient %d differs", i)
						}
					}
				})
			}
		}
	}
}

func TestConvFusedGradients(t *testing.T) {
	rng := rand.New(rand.NewSource(12))
	checkGradients(t, gradCase{
		params: []param{{"x", randTensor(rng, 2, 3, 5, 6), true}, {"w", randTensor(rng, 4, 3, 3, 3), true}, {"b", randTensor(rng, 4), true}},
		build: func(in []*gorgonia.Node) (*gorgonia.Node, error) {
			return ConvFused(in[0], in[1], in[2], ConvOpts{PadH: 1, PadW: 1}, ActNone)
		},
	})
}

// ConvBatchNorm in evaluation mode equals Conv2d, BatchNorm2d and the
// activation bit for bit; switched to training mode it normalises with the
// batch statistics and updates the running ones exactly as BatchNorm2d.
func TestConvBatchNormMatchesSeparateOps(t *testing.T) {
	for label, c := range fusedConvCases {
		for _, training := range []bool{false, true} {
			t.Run(name("%s_train%v", label, training), func(t *testing.T) {
				rng := rand.New(rand.NewSource(13))
				cout := c.w[0]
				x, w := randTensor(rng, c.x...), randTensor(rng, c.w...)
				gamma, beta := randTensor(rng, cout), randTensor(rng, cout)
				st1 := newBNState(rand.New(rand.NewSource(3)), cout, training)
				st2 := newBNState(rand.New(rand.NewSource(3)), cout, training)
				vals, diff := []*tensor.Dense{x, w, gamma, beta}, []bool{false, false, false, false}
				fused, _ := evalWithGrads(t, vals, diff, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
					return ConvBatchNorm(in[0], in[1], in[2], in[3], st1, c.o, ActReLU6)
				})
				plain, _ := evalWithGrads(t, vals, diff, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
					y, err := Conv2d(in[0], in[1], c.o)
					if err == nil {
						y, err = BatchNorm2d(y, in[2], in[3], st2)
					}
					if err != nil {
						return nil, err
					}
					return ReLU6(y)
				})
				if !slices.Equal(fused, plain) {
					t.Fatal("outputs differ")
				}
				if !slices.Equal(st1.Mean, st2.Mean) || !slices.Equal(st1.Var, st2.Var) {
					t.Fatal("running statistics differ")
				}
			})
		}
	}
}

func TestConvBatchNormHasNoGradient(t *testing.T) {
	g := gorgonia.NewGraph()
	x := constNode(g, "x", tensor.Shape{1, 2, 3, 3}, make([]float32, 18)...)
	w := constNode(g, "w", tensor.Shape{2, 2, 1, 1}, 1, 2, 3, 4)
	gamma := constNode(g, "gamma", tensor.Shape{2}, 1, 1)
	beta := constNode(g, "beta", tensor.Shape{2}, 0, 0)
	st := &BatchNormState{Mean: []float32{0, 0}, Var: []float32{1, 1}, Eps: 1e-5, Momentum: 0.1}
	y, err := ConvBatchNorm(x, w, gamma, beta, st, ConvOpts{}, ActReLU)
	if err != nil {
		t.Fatal(err)
	}
	cost, _ := gorgonia.Sum(y)
	if _, err := gorgonia.Grad(cost, w); err == nil || !strings.Contains(err.Error(), "no gradient") {
		t.Fatalf("Grad through ConvBatchNorm: %v, want a no-gradient error", err)
	}
}

func TestAddActMatchesSeparateOps(t *testing.T) {
	for _, act := range []Activation{ActNone, ActReLU, ActReLU6} {
		t.Run(act.String(), func(t *testing.T) {
			rng := rand.New(rand.NewSource(15))
			a, b := randTensor(rng, 2, 3, 4, 5), randTensor(rng, 2, 3, 4, 5)
			for i, v := range a.Data().([]float32) {
				a.Data().([]float32)[i] = 5 * v
			}
			vals, diff := []*tensor.Dense{a, b}, []bool{true, true}
			fused, fusedGrads := evalWithGrads(t, vals, diff, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
				return AddAct(in[0], in[1], act)
			})
			plain, plainGrads := evalWithGrads(t, vals, diff, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
				y, err := gorgonia.Add(in[0], in[1])
				if err != nil {
					return nil, err
				}
				return actOp(act, y)
			})
			if !slices.Equal(fused, plain) {
				t.Fatal("outputs differ")
			}
			for i := range plainGrads {
				if !slices.Equal(fusedGrads[i], plainGrads[i]) {
					t.Fatalf("gradient %d differs", i)
				}
			}
		})
	}
}

func TestAddActGradients(t *testing.T) {
	rng := rand.New(rand.NewSource(16))
	checkGradients(t, gradCase{
		params: []param{{"a", randTensor(rng, 2, 3, 4, 4), true}, {"b", randTensor(rng, 2, 3, 4, 4), true}},
		build:  func(in []*gorgonia.Node) (*gorgonia.Node, error) { return AddAct(in[0], in[1], ActNone) },
	})
}

func TestConcatChannels(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	a, b, c := randTensor(rng, 2, 3, 4, 5), randTensor(rng, 2, 1, 4, 5), randTensor(rng, 2, 2, 4, 5)
	checkGradients(t, gradCase{
		params: []param{{"a", a, true}, {"b", b, true}, {"c", c, true}},
		build:  func(in []*gorgonia.Node) (*gorgonia.Node, error) { return ConcatChannels(in...) },
	})
	got, _ := evalWithGrads(t, []*tensor.Dense{a, b}, []bool{false, false}, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
		return ConcatChannels(in...)
	})
	want, _ := evalWithGrads(t, []*tensor.Dense{a, b}, []bool{false, false}, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
		return gorgonia.Concat(1, in...)
	})
	if !slices.Equal(got, want) {
		t.Fatal("ConcatChannels differs from gorgonia.Concat")
	}
	g := gorgonia.NewGraph()
	x := constNode(g, "x", tensor.Shape{2, 3, 4, 5}, make([]float32, 120)...)
	y := constNode(g, "y", tensor.Shape{2, 3, 4, 4}, make([]float32, 96)...)
	if _, err := ConcatChannels(x, y); err == nil {
		t.Fatal("ConcatChannels accepted tensors of different widths")
	}
}

// With NoInputGrad the graph has no transposed convolution for the input,
// and the weight gradient is unchanged.
func TestConvNoInputGrad(t *testing.T) {
	rng := rand.New(rand.NewSource(18))
	x, w := randTensor(rng, 2, 3, 6, 6), randTensor(rng, 4, 3, 3, 3)
	o := ConvOpts{PadH: 1, PadW: 1}
	_, want := evalWithGrads(t, []*tensor.Dense{x, w}, []bool{false, true}, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
		return Conv2d(in[0], in[1], o)
	})
	o.NoInputGrad = true
	var graph *gorgonia.ExprGraph
	_, got := evalWithGrads(t, []*tensor.Dense{x, w}, []bool{false, true}, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
		graph = in[0].Graph()
		return Conv2d(in[0], in[1], o)
	})
	if !slices.Equal(got[0], want[0]) {
		t.Fatal("weight gradient differs")
	}
	for _, n := range graph.AllNodes() {
		if n.Op() != nil && strings.Contains(n.Op().String(), "GradInput") {
			t.Fatalf("graph still computes %v", n.Op())
		}
	}
}

// Ops write into buffers they keep between runs: a second run with other
// inputs must give what a fresh graph gives, and rerunning the first input
// must give the first result again.
func TestOutputBuffersReusedAcrossRuns(t *testing.T) {
	rng := rand.New(rand.NewSource(19))
	g := gorgonia.NewGraph()
	x := gorgonia.NewTensor(g, tensor.Float32, 4, gorgonia.WithShape(2, 3, 8, 8), gorgonia.WithName("x"))
	wv := randTensor(rng, 4, 3, 3, 3)
	w := gorgonia.NewTensor(g, tensor.Float32, 4, gorgonia.WithShape(4, 3, 3, 3), gorgonia.WithName("w"), gorgonia.WithValue(wv))
	build := func(x, w *gorgonia.Node) (*gorgonia.Node, error) {
		y, err := ConvFused(x, w, nil, ConvOpts{PadH: 1, PadW: 1}, ActReLU)
		if err != nil {
			return nil, err
		}
		return MaxPool2d(y, PoolOpts{KernelH: 2, KernelW: 2, StrideH: 2, StrideW: 2})
	}
	p, err := build(x, w)
	if err != nil {
		t.Fatal(err)
	}
	var v gorgonia.Value
	gorgonia.Read(p, &v)
	m := gorgonia.NewTapeMachine(g)
	defer m.Close()
	run := func(in *tensor.Dense) []float32 {
		if err := gorgonia.Let(x, in); err != nil {
			t.Fatal(err)
		}
		m.Reset()
		if err := m.RunAll(); err != nil {
			t.Fatal(err)
		}
		return slices.Clone(v.Data().([]float32))
	}
	fresh := func(in *tensor.Dense) []float32 {
		got, _ := evalWithGrads(t, []*tensor.Dense{in, wv}, []bool{false, false}, func(n []*gorgonia.Node) (*gorgonia.Node, error) {
			return build(n[0], n[1])
		})
		return got
	}
	x1, x2 := randTensor(rng, 2, 3, 8, 8), randTensor(rng, 2, 3, 8, 8)
	first, second, again := run(x1), run(x2), run(x1)
	if !slices.Equal(first, fresh(x1)) || !slices.Equal(second, fresh(x2)) {
		t.Fatal("a reused graph differs from a fresh one")
	}
	if !slices.Equal(again, first) {
		t.Fatal("rerunning the first input gives different numbers")
	}
}

// A fire module's end: two ReLU convolutions concatenated. The concat's
// gradient applies the ReLU masks while it splits (no ClampGrad op is left
// in the graph), and every gradient equals the one of the separate ops'.
func TestConcatOfReLUConvsMasksWhileSplitting(t *testing.T) {
	rng := rand.New(rand.NewSource(19))
	x := randTensor(rng, 2, 3, 5, 6)
	w1, b1 := randTensor(rng, 4, 3, 1, 1), randTensor(rng, 4)
	w2, b2 := randTensor(rng, 2, 3, 3, 3), randTensor(rng, 2)
	vals, diff := []*tensor.Dense{x, w1, b1, w2, b2}, []bool{true, true, true, true, true}
	o1, o2 := ConvOpts{}, ConvOpts{PadH: 1, PadW: 1}
	var graph *gorgonia.ExprGraph
	fused, fusedGrads := evalWithGrads(t, vals, diff, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
		graph = in[0].Graph()
		e1, err := ConvFused(in[0], in[1], in[2], o1, ActReLU)
		if err != nil {
			return nil, err
		}
		e2, err := ConvFused(in[0], in[3], in[4], o2, ActReLU)
		if err != nil {
			return nil, err
		}
		return ConcatChannels(e1, e2)
	})
	for _, n := range graph.AllNodes() {
		if _, ok := n.Op().(*clampGradOp); ok {
			t.Fatalf("the graph still masks separately: %v", n.Op())
		}
	}
	plain, plainGrads := evalWithGrads(t, vals, diff, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
		branch := func(w, b *gorgonia.Node, o ConvOpts) (*gorgonia.Node, error) {
			y, err := Conv2d(in[0], w, o)
			if err == nil {
				y, err = AddChannelBias(y, b)
			}
			if err != nil {
				return nil, err
			}
			return gorgonia.Rectify(y) // gorgonia's ReLU: masks its own gradient
		}
		e1, err := branch(in[1], in[2], o1)
		if err != nil {
			return nil, err
		}
		e2, err := branch(in[3], in[4], o2)
		if err != nil {
			return nil, err
		}
		return ConcatChannels(e1, e2)
	})
	assertClose(t, "output", fused, plain, 1e-5)
	for i := range plainGrads {
		assertClose(t, name("gradient %d", i), fusedGrads[i], plainGrads[i], 1e-5)
	}
}

// MaxPool2d after a ReLU (fused into the convolution, or on its own):
// the pool's gradient applies the ReLU mask while it routes (no ClampGrad
// op is left), and every gradient equals the one through gorgonia's ReLU.
func TestMaxPoolAfterReLUMasksWhileRouting(t *testing.T) {
	rng := rand.New(rand.NewSource(20))
	x := randTensor(rng, 2, 3, 9, 20)
	w, b := randTensor(rng, 4, 3, 3, 3), randTensor(rng, 4)
	for i := range b.Data().([]float32) {
		b.Data().([]float32)[i] -= 2 // many windows all ≤ 0, whose winner the mask stops
	}
	vals, diff := []*tensor.Dense{x, w, b}, []bool{true, true, true}
	co, po := ConvOpts{PadH: 1, PadW: 1}, PoolOpts{KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, CeilMode: true}
	plain, plainGrads := evalWithGrads(t, vals, diff, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
		y, err := Conv2d(in[0], in[1], co)
		if err == nil {
			y, err = AddChannelBias(y, in[2])
		}
		if err == nil {
			y, err = gorgonia.Rectify(y)
		}
		if err != nil {
			return nil, err
		}
		return MaxPool2d(y, po)
	})
	for _, fusedConv := range []bool{true, false} {
		var graph *gorgonia.ExprGraph
		got, grads := evalWithGrads(t, vals, diff, func(in []*gorgonia.Node) (*gorgonia.Node, error) {
			graph = in[0].Graph()
			var y *gorgonia.Node
			var err error
			if fusedConv {
				y, err = ConvFused(in[0], in[1], in[2], co, ActReLU)
			} else {
				y, err = Conv2d(in[0], in[1], co)
				if err == nil {
					y, err = AddChannelBias(y, in[2])
				}
				if err == nil {
					y, err = ReLU(y)
				}
			}
			if err != nil {
				return nil, err
			}
			return MaxPool2d(y, po)
		})
		for _, n := range graph.AllNodes() {
			if _, ok := n.Op().(*clampGradOp); ok {
				t.Fatalf("fused conv %v: the graph still masks separately: %v", fusedConv, n.Op())
			}
		}
		assertClose(t, "output", got, plain, 1e-5)
		for i := range plainGrads {
			assertClose(t, name("fused conv %v: gradient %d", fusedConv, i), grads[i], plainGrads[i], 1e-5)
		}
	}
}

// A ReLU output read twice: by a concat, whose gradient masks its slice,
// and by a convolution, whose gradient does not. Gorgonia adds the two
// before the ReLU's own gradient, which must then mask the sum (masking
// the concat's part again, harmlessly). The gradients equal gorgonia's
// ReLU's; skipping the mask there would leave the convolution's part
// unmasked and fail.
func TestReLUReadTwiceStillMasked(t *testing.T) {
	rng := rand.New(rand.NewSource(23))
	x := randTensor(rng, 2, 3, 5, 6)
	w, b, w2 := randTensor(rng, 4, 3, 3, 3), randTensor(rng, 4), randTensor(rng, 4, 4, 1, 1)
	vals, diff := []*tensor.Dense{x, w, b, w2}, []bool{true, true, true, true}
	o := ConvOpts{PadH: 1, PadW: 1}
	build := func(relu func(in []*gorgonia.Node) (*gorgonia.Node, error)) func(in []*gorgonia.Node) (*gorgonia.Node, error) {
		return func(in []*gorgonia.Node) (*gorgonia.Node, error) {
			y, err := relu(in)
			if err != nil {
				return nil, err
			}
			z, err := Conv2d(y, in[3], ConvOpts{})
			if err != nil {
				return nil, err
			}
			return ConcatChannels(y, z)
		}
	}
	fused, fusedGrads := evalWithGrads(t, vals, diff, build(func(in []*gorgonia.Node) (*gorgonia.Node, error) {
		return ConvFused(in[0], in[1], in[2], o, ActReLU)
	}))
	plain, plainGrads := evalWithGrads(t, vals, diff, build(func(in []*gorgonia.Node) (*gorgonia.Node, error) {
		y, err := Conv2d(in[0], in[1], o)
		if err == nil {
			y, err = AddChannelBias(y, in[2])
		}
		if err != nil {
			return nil, err
		}
		return gorgonia.Rectify(y)
	}))
	assertClose(t, "output", fused, plain, 1e-5)
	for i := range plainGrads {
		assertClose(t, name("gradient %d", i), fusedGrads[i], plainGrads[i], 1e-5)
	}
}
