package train

import (
	"math"
	"math/rand"

	"transferlab/engine/backend"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// headLearner trains a linear classifier (the frozen-backbone cases) on feature vectors
// computed once by the frozen backbone: x (N, D) -> logits (N, K). Features
// are standardised with the training set's per-dimension mean and standard
// deviation, which makes one learning rate fit every network and cut; the
// saved classifier folds the scaling into its weights.
type headLearner struct {
	trainX, valX [][]float32 // standardised
	trainY       []int
	scale        standardiser
	head         models.Linear
	state        *models.State
	trainer      backend.Trainer
}

// newLinearHead initialises a Linear(in, out) as torch.nn.Linear does:
// weight and bias uniform in ±1/sqrt(in), from the seeded rng.
func newLinearHead(in, out int, rng *rand.Rand) (models.Linear, *models.State, error) {
	bound := 1 / math.Sqrt(float64(in))
	return linearHead(in, out, func() float32 { return float32((2*rng.Float64() - 1) * bound) })
}

// linearHead makes a Linear(in, out) whose values come from draw.
func linearHead(in, out int, draw func() float32) (models.Linear, *models.State, error) {
	head := models.Linear{In: in, Out: out}
	sd := weights.StateDict{}
	for _, p := range head.Params(headPath) {
		v := make([]float32, p.Size())
		for i := range v {
			v[i] = draw()
		}
		sd[p.Name] = &weights.Tensor{Shape: p.Shape, Data: v}
	}
	st, err := models.NewState(head.Params(headPath), sd, 0)
	return head, st, err
}

// newHeadLearner starts from zero weights: the loss is convex in them, so the
// start need not break any symmetry, and zero makes runs independent of the seed.
// The head trains on be with opt.
func newHeadLearner(trainX, valX [][]float32, trainY []int, classes int, be backend.Backend, opt backend.Optimiser) (*headLearner, error) {
	head, st, err := linearHead(len(trainX[0]), classes, func() float32 { return 0 })
	if err != nil {
		return nil, err
	}
	all := []backend.Group{{Match: func(string) bool { return true }, Optimiser: opt}}
	tr, err := be.Trainer(st, headForward(head), all)
	if err != nil {
		return nil, err
	}
	scale := newStandardiser(trainX)
	return &headLearner{
		trainX: scale.apply(trainX), valX: scale.apply(valX), trainY: trainY, scale: scale, head: head, state: st,
		trainer: tr,
	}, nil
}

func (h *headLearner) step(items []int) (float64, int, error) {
	x, labels := gather(h.trainX, h.trainY, items)
	loss, logits, err := h.trainer.Step(x, []int{len(items), h.head.In}, labels)
	if err != nil {
		return 0, 0, err
	}
	return loss * float64(len(items)), countCorrect(logits, labels), nil
}

// logits computes W·x + b on the host: the head is too small for a graph or
// a device to pay.
func (h *headLearner) logits(items []int) ([][]float32, error) {
	if err := h.trainer.Pull(); err != nil {
		return nil, err
	}
	w, err := h.state.Data(headPath + ".weight")
	if err != nil {
		return nil, err
	}
	b, err := h.state.Data(headPath + ".bias")
	if err != nil {
		return nil, err
	}
	return linearRows(h.valX, items, w, b), nil
}

// linearRows computes logits = W·x + b for the chosen rows: W (K, D), b (K).
func linearRows(xs [][]float32, items []int, wd, bd []float32) [][]float32 {
	k, d := len(bd), len(wd)/len(bd)
	rows := make([][]float32, len(items))
	for r, i := range items {
		rows[r] = make([]float32, k)
		for c := 0; c < k; c++ {
			s := bd[c]
			for j, v := range xs[i] {
				s += wd[c*d+j] * v
			}
			rows[r][c] = s
		}
	}
	return rows
}

func (h *headLearner) snapshot() (weights.StateDict, error) { return pull(h.trainer, h.state) }
func (h *headLearner) restore(sd weights.StateDict) error   { return push(h.trainer, h.state, sd) }

// rawHead returns the head's values for unstandardised features.
func (h *headLearner) rawHead() weights.StateDict {
	return h.scale.fold(h.state.StateDict())
}

func (h *headLearner) close() { h.trainer.Close() }

// gather packs the chosen feature rows into one (len(items), D) batch.
func gather(xs [][]float32, ys []int, items []int) ([]float32, []int) {
	d := len(xs[0])
	x := make([]float32, 0, len(items)*d)
	labels := make([]int, len(items))
	for j, i := range items {
		x = append(x, xs[i]...)
		labels[j] = ys[i]
	}
	return x, labels
}
