package train

import (
	"strings"

	"transferlab/engine/cases"
	"transferlab/engine/features"
	"transferlab/engine/gpu"
	"transferlab/engine/gpunet"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// gpuNetLearner is netLearner (the cases whose backbone trains) with every
// training step on the GPU: batches are decoded and augmented on the host
// exactly as on the CPU, then forward, backward and the updates run on the
// device.
// The host State is brought up to date only when a snapshot is taken.
type gpuNetLearner struct {
	*netLearner
	net    *gpunet.Net
	groups []gpunet.Group
	ahead  []int // the batch after the one about to train, loaded meanwhile
}

// newGPUNetLearner trains n's network on dev with the head's and the
// backbone's optimisers (it frees them when closed).
func newGPUNetLearner(n *netLearner, dev *gpu.Device, headOpt, backboneOpt gpunet.Optimizer) (*gpuNetLearner, error) {
	net, err := gpunet.NewNet(dev, n.state, func(be models.Backend, x models.Value) (models.Value, error) {
		return lowerTransfer(be, n.net, n.net.FeatureLayers, n.head, x)
	})
	if err != nil {
		return nil, err
	}
	isHead := func(name string) bool { return strings.HasPrefix(name, headPath+".") }
	learnable := func(name string) bool { return isLearnable(n.state, name) }
	return &gpuNetLearner{netLearner: n, net: net, groups: []gpunet.Group{
		{Match: func(s string) bool { return isHead(s) && learnable(s) }, Optimizer: headOpt},
		{Match: func(s string) bool { return !isHead(s) && learnable(s) }, Optimizer: backboneOpt},
	}}, nil
}

// next implements lookahead.
func (g *gpuNetLearner) next(idx []int) { g.ahead = idx }

func (g *gpuNetLearner) step(idx []int) (float64, int, error) {
	x, labels, err := g.loadBatch(g.train, idx, g.augment)
	if err != nil {
		return 0, 0, err
	}
	g.loader.loadAhead(g.train, g.ahead, g.augment) // decodes while the device trains
	g.state.FreezeNorms(true, func(string) bool { return g.frozenNorms })
	s, err := g.net.TrainStep(x, g.inputShape(len(idx)), labels, g.groups)
	if err != nil {
		return 0, 0, err
	}
	return s.Loss * float64(len(idx)), countCorrect(s.Logits, labels), nil
}

func (g *gpuNetLearner) logits(idx []int) ([][]float32, error) {
	g.state.SetTraining(false)
	x, _, err := g.loadBatch(g.val, idx, false)
	if err != nil {
		return nil, err
	}
	out, _, err := g.net.Infer(x, g.inputShape(len(idx)))
	if err != nil {
		return nil, err
	}
	return rowsOf(out, len(idx)), nil
}

func (g *gpuNetLearner) snapshot() (weights.StateDict, error) { return pullState(g.net, g.state) }
func (g *gpuNetLearner) restore(sd weights.StateDict) error   { return pushState(g.net, g.state, sd) }

func (g *gpuNetLearner) close() {
	g.loader.drop()
	for _, gr := range g.groups {
		gpunet.FreeOptimizer(gr.Optimizer)
	}
	g.net.Close()
}

// pullState copies the device's values into the host State and returns them.
func pullState(net *gpunet.Net, st *models.State) (weights.StateDict, error) {
	if err := net.Params().Pull(); err != nil {
		return nil, err
	}
	return st.StateDict(), nil
}

// pushState loads sd into the host State and the device.
func pushState(net *gpunet.Net, st *models.State, sd weights.StateDict) error {
	st.Load(sd)
	return net.Params().Push()
}

// rowsOf splits (n, k) logits into rows.
func rowsOf(out []float32, n int) [][]float32 {
	k := len(out) / n
	rows := make([][]float32, n)
	for i := range rows {
		rows[i] = out[i*k : (i+1)*k]
	}
	return rows
}

// gpuHeadLearner is headLearner (the frozen-backbone cases) with its steps on
// the GPU; validation reads the head back to the host.
type gpuHeadLearner struct {
	*headLearner
	net    *gpunet.Net
	groups []gpunet.Group
}

func newGPUHeadLearner(h *headLearner, dev *gpu.Device, opt gpunet.Optimizer) (*gpuHeadLearner, error) {
	net, err := gpunet.NewNet(dev, h.state, func(be models.Backend, x models.Value) (models.Value, error) {
		return h.head.Lower(be, headPath, x)
	})
	if err != nil {
		return nil, err
	}
	return &gpuHeadLearner{headLearner: h, net: net, groups: []gpunet.Group{
		{Match: func(string) bool { return true }, Optimizer: opt},
	}}, nil
}

func (g *gpuHeadLearner) step(items []int) (float64, int, error) {
	x, labels := gather(g.trainX, g.trainY, items)
	s, err := g.net.TrainStep(x, []int{len(items), g.head.In}, labels, g.groups)
	if err != nil {
		return 0, 0, err
	}
	return s.Loss * float64(len(items)), countCorrect(s.Logits, labels), nil
}

func (g *gpuHeadLearner) logits(items []int) ([][]float32, error) {
	if err := g.net.Params().Pull(); err != nil {
		return nil, err
	}
	return g.headLearner.logits(items)
}

func (g *gpuHeadLearner) snapshot() (weights.StateDict, error) { return pullState(g.net, g.state) }
func (g *gpuHeadLearner) restore(sd weights.StateDict) error   { return pushState(g.net, g.state, sd) }

func (g *gpuHeadLearner) close() {
	gpunet.FreeOptimizer(g.groups[0].Optimizer)
	g.net.Close()
}

// gpuFeatureRunner makes the feature extractor run the backbone on the GPU.
func gpuFeatureRunner(dev *gpu.Device, net *models.Network, st *models.State, upTo int) features.NewRunner {
	return func(input []int) (features.Runner, error) {
		st.SetTraining(false)
		n, err := gpunet.NewNet(dev, st, func(be models.Backend, x models.Value) (models.Value, error) {
			return net.Lower(be, x, 0, upTo)
		})
		if err != nil {
			return nil, err
		}
		return gpunet.NewRunner(n, input), nil
	}
}

// gpuOptimizer is the recipe's optimiser on the GPU, equal to solver's on
// the CPU (the tests compare their steps).
func (c Config) gpuOptimizer(lr float64) gpunet.Optimizer {
	r := c.Case.Recipe()
	if r.Optimiser == cases.Adam {
		return gpunet.NewAdam(lr)
	}
	return gpunet.NewMomentum(lr, r.Momentum)
}
