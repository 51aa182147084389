package explain

import (
	"context"
	"fmt"
	"image"
	"slices"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/ops"
	"transferlab/engine/predict"
)

// Map is the Grad-CAM map of one picture for one class.
type Map struct {
	Class int
	Label string
	// Prob is the model's probability for Class.
	Prob  float64
	Layer string
	// H, W are the map's size (the layer's resolution); Values has H*W
	// entries, rows first, in 0..1.
	H, W   int
	Values []float32
	// View is the picture as the network saw it (resized and cropped).
	View *image.RGBA
}

// Empty says that no place pushed towards the class (every value is 0): the
// answer came from everywhere a little, or from the bias alone.
func (m Map) Empty() bool {
	for _, v := range m.Values {
		if v > 0 {
			return false
		}
	}
	return true
}

// At returns the map's value at row y, column x.
func (m Map) At(y, x int) float32 { return m.Values[y*m.W+x] }

// File computes the map of the picture at path; class < 0 takes the class
// the model ranks first.
func (e *Explainer) File(ctx context.Context, path string, class int) (Map, error) {
	img, err := imageprep.Decode(path)
	if err != nil {
		return Map{}, err
	}
	return e.Image(ctx, img, class)
}

// Image computes the map of a decoded picture; class < 0 takes the class the
// model ranks first.
func (e *Explainer) Image(ctx context.Context, img image.Image, class int) (Map, error) {
	if class >= len(e.labels) {
		return Map{}, fmt.Errorf("class %d does not exist: the model knows %d classes (0 to %d)", class, len(e.labels), len(e.labels)-1)
	}
	view := e.transform.Prepare(img)
	x := make([]float32, e.transform.Len())
	// The view is already resized and cropped: only scale and normalise it.
	imageprep.Transform{Crop: e.transform.Crop, Mean: e.transform.Mean, Std: e.transform.Std}.Apply(view, x)
	acts, shape, err := e.activations(x)
	if err != nil {
		return Map{}, err
	}
	if err := ctx.Err(); err != nil {
		return Map{}, err
	}
	g, err := e.newGradGraph(shape)
	if err != nil {
		return Map{}, err
	}
	defer g.close()
	logits, grad, err := g.run(acts, class)
	if err != nil {
		return Map{}, err
	}
	probs := predict.Softmax(logits)
	if class < 0 {
		class = argmax(probs)
		if logits, grad, err = g.run(acts, class); err != nil {
			return Map{}, err
		}
	}
	h, w := shape[2], shape[3]
	return Map{
		Class: class, Label: e.labels[class], Prob: probs[class], Layer: e.Layer(),
		H: h, W: w, Values: camOf(acts, grad, shape[1], h*w), View: view,
	}, nil
}

// activations runs Layers[:target] on one picture x (1, 3, S, S) in the
// inference graph: (1, C, h, w).
func (e *Explainer) activations(x []float32) ([]float32, []int, error) {
	s := e.transform.Crop
	r, err := models.NewRunner(e.net, e.state, []int{1, 3, s, s}, e.target)
	if err != nil {
		return nil, nil, fmt.Errorf("explain: %w", err)
	}
	defer r.Close()
	acts, err := r.Run(x)
	if err != nil {
		return nil, nil, fmt.Errorf("explain: %w", err)
	}
	shape := r.OutputShape()
	if len(shape) != 4 {
		return nil, nil, fmt.Errorf("explain: %s ends in a %d-dimensional value, not a map", e.Layer(), len(shape))
	}
	return acts, shape, nil
}

// camOf is ReLU(Σ_k w_k A_k) / max, w_k the mean of grad over channel k's
// places. acts and grad are (C, hw); the result is (hw). A map that is 0
// everywhere (nothing pushed towards the class) stays 0.
func camOf(acts, grad []float32, channels, hw int) []float32 {
	cam := make([]float64, hw)
	for k := range channels {
		var wk float64
		for _, g := range grad[k*hw : (k+1)*hw] {
			wk += float64(g)
		}
		wk /= float64(hw)
		for i, a := range acts[k*hw : (k+1)*hw] {
			cam[i] += wk * float64(a)
		}
	}
	var top float64
	for _, v := range cam {
		top = max(top, v)
	}
	out := make([]float32, hw)
	for i, v := range cam {
		if v > 0 {
			out[i] = float32(v / top)
		}
	}
	return out
}

// argmax is the index of the largest value (the first on ties).
func argmax(p []float64) int { return slices.Index(p, slices.Max(p)) }

// gradGraph is the model after the target layer, fed with its activations
// (1, C, h, w): the logits, and the gradient of one class's logit with
// respect to the activations.
type gradGraph struct {
	acts, pick   *G.Node // inputs: activations; one-hot row (1, K) choosing the class
	logits, grad G.Value
	classes      int
	vm           G.VM
}

// newGradGraph builds Layers[target:upTo], then the classifier's pooling and
// head when it has one, in a training-style graph (no folded batch norms,
// which have no gradient) over the evaluation-mode State.
func (e *Explainer) newGradGraph(shape []int) (*gradGraph, error) {
	b := models.NewBuilder(e.state)
	a := G.NewTensor(b.Graph, tensor.Float32, 4, G.WithShape(shape...), G.WithName("activations"))
	// A convolution skips the gradient of a graph input; adding zeros
	// makes the activations an inner node, whose gradient every op gives.
	zero := G.NewTensor(b.Graph, tensor.Float32, 4, G.WithShape(shape...), G.WithName("zero"),
		G.WithValue(tensor.New(tensor.WithShape(shape...), tensor.Of(tensor.Float32))))
	inner, err := ops.AddAct(a, zero, ops.ActNone)
	if err != nil {
		return nil, err
	}
	y, err := e.rest(b, b.Value(inner))
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	logits := models.Node(y)
	classes := logits.Shape()[1]
	pick := G.NewMatrix(b.Graph, tensor.Float32, G.WithShape(1, classes), G.WithName("pick"))
	chosen, err := G.HadamardProd(logits, pick)
	if err != nil {
		return nil, err
	}
	score, err := G.Sum(chosen)
	if err != nil {
		return nil, err
	}
	grads, err := G.Grad(score, a)
	if err != nil {
		return nil, fmt.Errorf("explain: gradient: %w", err)
	}
	g := &gradGraph{acts: a, pick: pick, classes: classes}
	G.Read(logits, &g.logits)
	G.Read(grads[0], &g.grad)
	g.vm = ops.NewMachine(b.Graph)
	return g, nil
}

// rest lowers what follows the target: (1, C, h, w) -> logits (1, K).
func (e *Explainer) rest(be models.Backend, x models.Value) (models.Value, error) {
	y, err := e.net.Lower(be, x, e.target, e.upTo)
	if err != nil || e.head == nil {
		return y, err
	}
	if len(y.Shape()) == 4 { // as engine/train's classifier pools the backbone's map
		if y, err = (models.AdaptiveAvgPool{Size: 1}).Lower(be, "", y); err != nil {
			return nil, err
		}
		if y, err = (models.Flatten{}).Lower(be, "", y); err != nil {
			return nil, err
		}
	}
	return e.head.Lower(be, e.headPrefix, y)
}

// run returns the logits (K) and the gradient of class's logit (C*h*w);
// class < 0 gives a zero gradient.
func (g *gradGraph) run(acts []float32, class int) ([]float32, []float32, error) {
	onehot := make([]float32, g.classes)
	if class >= 0 {
		onehot[class] = 1
	}
	shape := g.acts.Shape()
	if err := G.Let(g.acts, tensor.New(tensor.WithShape(shape...), tensor.WithBacking(acts))); err != nil {
		return nil, nil, err
	}
	if err := G.Let(g.pick, tensor.New(tensor.WithShape(1, g.classes), tensor.WithBacking(onehot))); err != nil {
		return nil, nil, err
	}
	defer g.vm.Reset()
	if err := g.vm.RunAll(); err != nil {
		return nil, nil, fmt.Errorf("explain: %w", err)
	}
	logits := append([]float32(nil), g.logits.Data().([]float32)...)
	grad := append([]float32(nil), g.grad.Data().([]float32)...)
	return logits, grad, nil
}

func (g *gradGraph) close() { g.vm.Close() }
