package explain

import (
	"math"
	"math/rand"
	"testing"

	"transferlab/engine/imageprep"
	"transferlab/engine/models"
)

// TestEveryNetworkGradient checks, for all six networks (formula weights,
// 64-pixel pictures), where the map is taken and that the gradient it is
// made of is the true one: along a random direction d of the activations,
// (y(A+εd) − y(A−εd)) / 2ε equals ∇y·d.
func TestEveryNetworkGradient(t *testing.T) {
	layers := map[string]string{
		"squeezenet1_1": "features.12", "mobilenet_v2": "features.18", "resnet18": "layer4",
		"resnet50": "layer4", "alexnet": "features.12", "vgg16": "features.30",
	}
	big := map[string]bool{"resnet50": true, "alexnet": true, "vgg16": true}
	for _, name := range models.Names() {
		t.Run(name, func(t *testing.T) {
			if testing.Short() && big[name] {
				t.Skip("a big network: checked in the full (non -short) pass")
			}
			net, err := models.New(name)
			if err != nil {
				t.Fatal(err)
			}
			e, err := Pretrained(name, formulaStateDict(net.Params()))
			if err != nil {
				t.Fatal(err)
			}
			if e.Layer() != layers[name] {
				t.Errorf("map taken at %s, want %s", e.Layer(), layers[name])
			}
			e.transform = imageprep.ImageNetAt(64)
			if name == "alexnet" {
				e.transform = imageprep.ImageNetAt(96) // alexnet needs 63 pixels at least
			}
			checkGradient(t, e)
		})
	}
}

// checkGradient compares the graph's gradient of the top class with central
// differences along a random direction, on a picture of smooth noise.
func checkGradient(t *testing.T, e *Explainer) {
	t.Helper()
	rng := rand.New(rand.NewSource(1))
	x := make([]float32, e.transform.Len())
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	acts, shape, err := e.activations(x)
	if err != nil {
		t.Fatal(err)
	}
	g, err := e.newGradGraph(shape)
	if err != nil {
		t.Fatal(err)
	}
	defer g.close()
	logits, _, err := g.run(acts, -1)
	if err != nil {
		t.Fatal(err)
	}
	class := argmax(float64s(logits))
	_, grad, err := g.run(acts, class)
	if err != nil {
		t.Fatal(err)
	}
	d := make([]float32, len(acts))
	var slope float64
	for i := range d {
		d[i] = float32(rng.NormFloat64())
		slope += float64(grad[i]) * float64(d[i])
	}
	// A step of a thousandth of the activations' size: the change of the
	// logit stays far above float32's resolution at its magnitude.
	var sa, sd float64
	for i := range acts {
		sa += float64(acts[i]) * float64(acts[i])
		sd += float64(d[i]) * float64(d[i])
	}
	eps := float32(1e-3 * math.Sqrt(sa/sd))
	scoreAt := func(sign float32) float64 {
		moved := make([]float32, len(acts))
		for i := range moved {
			moved[i] = acts[i] + sign*eps*d[i]
		}
		l, _, err := g.run(moved, -1)
		if err != nil {
			t.Fatal(err)
		}
		return float64(l[class])
	}
	numeric := (scoreAt(1) - scoreAt(-1)) / (2 * float64(eps))
	t.Logf("%d channels, map %dx%d, class %d (logit %.4g): ∇y·d = %.5g, finite difference %.5g",
		shape[1], shape[2], shape[3], class, logits[class], slope, numeric)
	if math.Abs(numeric-slope) > 0.02*math.Abs(slope)+1e-3 {
		t.Errorf("gradient along d %.5g, finite difference %.5g", slope, numeric)
	}
	if slope == 0 {
		t.Error("zero gradient: the map would be empty")
	}
}

func float64s(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}
