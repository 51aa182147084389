package train

import (
	"strings"

	G "gorgonia.org/gorgonia"

	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// netLearner trains a whole network with a new classifier on images (cases 3
// and 4): x (N, 3, S, S) -> backbone -> pooled (N, D) -> head -> logits (N, K).
type netLearner struct {
	net        *models.Network
	head       models.Linear
	state      *models.State
	train, val []dataset.Item
	transform  imageprep.Transform
	augment    bool
	loader     *batchLoader
	// frozenNorms keeps pretrained BatchNorm statistics (case 3): with small
	// batches of new data, batch statistics would be noisier than ImageNet's.
	frozenNorms bool
	graphs      map[int]*stepGraph
	runners     map[int]*models.Runner
	backboneLR  float64 // the backbone's learning rate (case 3: a tenth of the head's)
	backboneOpt G.Solver
	headOpt     G.Solver
}

// forward adds backbone, pooling and head to a graph.
func (n *netLearner) forward(b *models.Builder, x *G.Node) (*G.Node, error) {
	return transferForward(n.net, n.net.FeatureLayers, n.head)(b, x)
}

func (n *netLearner) inputShape(batch int) []int {
	return []int{batch, 3, n.transform.Crop, n.transform.Crop}
}

func (n *netLearner) graph(batch int) (*stepGraph, error) {
	if g, ok := n.graphs[batch]; ok {
		return g, nil
	}
	g, err := newStepGraph(n.state, n.inputShape(batch), n.forward, func(string) bool { return true })
	if err == nil {
		n.graphs[batch] = g
	}
	return g, err
}

// loadBatch decodes and preprocesses the items, augmenting training images.
func (n *netLearner) loadBatch(items []dataset.Item, idx []int, augment bool) ([]float32, []int, error) {
	return n.loader.load(items, idx, augment)
}

func (n *netLearner) step(idx []int) (float64, int, error) {
	g, err := n.graph(len(idx))
	if err != nil {
		return 0, 0, err
	}
	x, labels, err := n.loadBatch(n.train, idx, n.augment)
	if err != nil {
		return 0, 0, err
	}
	n.state.FreezeNorms(true, func(string) bool { return n.frozenNorms })
	loss, logits, err := g.run(x, labels)
	if err != nil {
		return 0, 0, err
	}
	defer g.vm.Reset()
	var backbone, head G.Nodes
	for i, node := range g.learn {
		if strings.HasPrefix(g.names[i], headPath+".") {
			head = append(head, node)
		} else {
			backbone = append(backbone, node)
		}
	}
	if err := n.backboneOpt.Step(G.NodesToValueGrads(backbone)); err != nil {
		return 0, 0, err
	}
	if err := n.headOpt.Step(G.NodesToValueGrads(head)); err != nil {
		return 0, 0, err
	}
	return loss * float64(len(idx)), countCorrect(logits, labels), nil
}

func (n *netLearner) logits(idx []int) ([][]float32, error) {
	r, ok := n.runners[len(idx)]
	if !ok {
		var err error
		if r, err = models.NewRunnerFunc(n.state, n.inputShape(len(idx)), n.forward); err != nil {
			return nil, err
		}
		n.runners[len(idx)] = r
	}
	n.state.SetTraining(false)
	x, _, err := n.loadBatch(n.val, idx, false)
	if err != nil {
		return nil, err
	}
	out, err := r.Run(x)
	if err != nil {
		return nil, err
	}
	k := len(out) / len(idx)
	rows := make([][]float32, len(idx))
	for i := range rows {
		rows[i] = out[i*k : (i+1)*k]
	}
	return rows, nil
}

func (n *netLearner) snapshot() (weights.StateDict, error) { return n.state.StateDict(), nil }
func (n *netLearner) restore(sd weights.StateDict) error {
	n.state.Load(sd)
	return nil
}

func (n *netLearner) close() {
	for _, g := range n.graphs {
		g.vm.Close()
	}
	for _, r := range n.runners {
		r.Close()
	}
}
