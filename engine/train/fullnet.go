package train

import (
	"fmt"
	"math/rand"
	"runtime/debug"
	"strings"

	"transferlab/engine/backend"
	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// netLearner trains a whole network with a new classifier on images (cases 3
// and 4): x (N, 3, S, S) -> backbone -> pooled (N, D) -> head -> logits (N, K).
// Batches are decoded and augmented on the host the same way for every
// backend; the steps run on the backend.
type netLearner struct {
	state      *models.State
	train, val []dataset.Item
	transform  imageprep.Transform
	augment    bool
	loader     *batchLoader
	// frozenNorms keeps pretrained BatchNorm statistics (case 3): with small
	// batches of new data, batch statistics would be noisier than ImageNet's.
	frozenNorms bool
	trainer     backend.Trainer
	// loadsAhead decodes the next batch while a step runs: on a GPU the host
	// is idle meanwhile; on the CPU the decoding would compete with the step
	// for the same cores.
	loadsAhead bool
	ahead      []int // the batch after the one about to train
	gcPercent  int   // the collector's setting before training, restored by close
}

// trainingGCPercent lets the heap grow by a quarter over what is live before
// the collector runs, not Go's default doubling: a training step's live
// memory is large (graphs, activations) and its garbage (gorgonia's own
// results, copies) would otherwise pile up to as much again. The live
// memory is mostly pointer-free float arrays, which a collection does not
// scan, so collecting more often costs little.
const trainingGCPercent = 25

// newNetLearner starts the whole network from the pretrained weights or
// from random ones, as the case says, with a new randomly initialised head,
// to train on be, reading pictures through cache (nil: none).
func newNetLearner(job Job, cfg Config, net *models.Network, be backend.Backend, cache *imageprep.PictureCache) (*netLearner, error) {
	rng := rand.New(rand.NewSource(cfg.Seed))
	sd, err := startingWeights(job, cfg, net, rng)
	if err != nil {
		return nil, err
	}
	head, headState, err := newLinearHead(net.FeatureDim, len(job.Data.Classes), rng)
	if err != nil {
		return nil, err
	}
	for k, v := range headState.StateDict() {
		sd[k] = v
	}
	m := transfer{net: net, upTo: net.FeatureLayers, head: head}
	st, err := m.state(sd, cfg.Seed)
	if err != nil {
		return nil, err
	}
	r := cfg.Case.Recipe()
	tr, err := be.Trainer(st, m.forward, netGroups(st, cfg))
	if err != nil {
		return nil, err
	}
	return &netLearner{
		state: st, train: job.Data.Train, val: job.Data.Val, transform: cfg.Transform,
		augment: cfg.Augment && r.Augment, frozenNorms: r.KeepNormStatistics,
		loader: &batchLoader{transform: cfg.Transform, rng: rng, cache: cache}, trainer: tr,
		loadsAhead: be.Device().GPU != "", gcPercent: debug.SetGCPercent(trainingGCPercent),
	}, nil
}

// startingWeights are the backbone's pretrained weights, or random ones
// (Kaiming) when the case trains from scratch.
func startingWeights(job Job, cfg Config, net *models.Network, rng *rand.Rand) (weights.StateDict, error) {
	params := transfer{net: net, upTo: net.FeatureLayers}.backboneParams()
	if !cfg.Case.NeedsPretrained() {
		return models.RandomInit(params, rng), nil
	}
	if job.Pretrained == nil {
		return nil, fmt.Errorf("train: case %d needs pretrained weights for %s", cfg.Case, net.Name)
	}
	return pick(job.Pretrained, params), nil
}

// netGroups trains the backbone at the recipe's backbone rate and the head
// at the configured rate (BatchNorm buffers are entries too, but do not learn).
func netGroups(st *models.State, cfg Config) []backend.Group {
	learnable := func(name string) bool {
		p, ok := st.Param(name)
		return ok && p.Learnable()
	}
	isHead := func(name string) bool { return strings.HasPrefix(name, headPath+".") }
	return []backend.Group{
		{Match: func(s string) bool { return !isHead(s) && learnable(s) }, Optimiser: cfg.optimiser(cfg.LR * cfg.Case.Recipe().BackboneLRScale)},
		{Match: func(s string) bool { return isHead(s) && learnable(s) }, Optimiser: cfg.optimiser(cfg.LR)},
	}
}

func (n *netLearner) inputShape(batch int) []int {
	return []int{batch, 3, n.transform.Crop, n.transform.Crop}
}

// next implements lookahead.
func (n *netLearner) next(idx []int) { n.ahead = idx }

func (n *netLearner) step(idx []int) (float64, int, error) {
	x, labels, err := n.loader.load(n.train, idx, n.augment)
	if err != nil {
		return 0, 0, err
	}
	if n.loadsAhead {
		n.loader.loadAhead(n.train, n.ahead, n.augment)
	}
	n.state.FreezeNorms(true, func(string) bool { return n.frozenNorms })
	loss, logits, err := n.trainer.Step(x, n.inputShape(len(idx)), labels)
	if err != nil {
		return 0, 0, err
	}
	n.loader.recycle(x)
	return loss * float64(len(idx)), countCorrect(logits, labels), nil
}

func (n *netLearner) logits(idx []int) ([][]float32, error) {
	n.state.SetTraining(false)
	x, _, err := n.loader.load(n.val, idx, false)
	if err != nil {
		return nil, err
	}
	out, err := n.trainer.Infer(x, n.inputShape(len(idx)))
	if err != nil {
		return nil, err
	}
	n.loader.recycle(x)
	return rowsOf(out, len(idx)), nil
}

func (n *netLearner) snapshot() (weights.StateDict, error) { return pull(n.trainer, n.state) }
func (n *netLearner) restore(sd weights.StateDict) error   { return push(n.trainer, n.state, sd) }

func (n *netLearner) close() {
	n.loader.close()
	n.trainer.Close()
	debug.SetGCPercent(n.gcPercent)
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
