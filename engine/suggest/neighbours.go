package suggest

import (
	"math"
	"slices"
	"sort"
)

// space is the labelled and unlabelled pictures' features made ready for
// cosine similarity: centred on the mean of all of them (the pooled
// activations are all positive, so uncentred vectors point roughly the same
// way and every pair looks alike) and scaled to unit length.
type space struct {
	labelled   [][]float32 // (n, D) unit vectors
	labels     []int       // n class indices
	unlabelled [][]float32 // (m, D) unit vectors
	classes    int
}

// newSpace centres and normalises the vectors; rows are not copied twice.
func newSpace(labelled [][]float32, labels []int, unlabelled [][]float32, classes int) *space {
	dim := len(labelled[0])
	mean := make([]float64, dim)
	all := append(append([][]float32(nil), labelled...), unlabelled...)
	for _, v := range all {
		for j, x := range v {
			mean[j] += float64(x)
		}
	}
	for j := range mean {
		mean[j] /= float64(len(all))
	}
	unit := func(rows [][]float32) [][]float32 {
		out := make([][]float32, len(rows))
		for i, v := range rows {
			out[i] = centredUnit(v, mean)
		}
		return out
	}
	return &space{labelled: unit(labelled), labels: labels, unlabelled: unit(unlabelled), classes: classes}
}

// centredUnit returns (v - mean) / |v - mean|.
func centredUnit(v []float32, mean []float64) []float32 {
	out := make([]float32, len(v))
	var norm float64
	for j, x := range v {
		d := float64(x) - mean[j]
		out[j] = float32(d)
		norm += d * d
	}
	if norm == 0 {
		return out
	}
	s := float32(1 / math.Sqrt(norm))
	for j := range out {
		out[j] *= s
	}
	return out
}

func dot(a, b []float32) float32 {
	var s float32
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// neighbour is one labelled picture near a query.
type neighbour struct {
	index int     // into space.labelled
	sim   float32 // cosine similarity, -1..1
}

// nearest returns the k labelled pictures most similar to q, most similar
// first, leaving out labelled picture skip (-1: none; leave-one-out).
func (s *space) nearest(q []float32, k, skip int) []neighbour {
	all := make([]neighbour, 0, len(s.labelled))
	for i, v := range s.labelled {
		if i != skip {
			all = append(all, neighbour{i, dot(q, v)})
		}
	}
	sort.Slice(all, func(a, b int) bool { return all[a].sim > all[b].sim })
	return all[:min(k, len(all))]
}

// voter turns neighbours into class probabilities. Each neighbour votes
// for its class with weight exp((sim - best sim) / temperature), so the
// nearest weighs 1 and a neighbour temperature less similar weighs 1/e;
// smoothing adds that much weight spread evenly over the classes, so a
// vote of few neighbours never reaches a certainty it has not earned.
// Both are fitted on the labelled pictures (see calibrate).
type voter struct {
	temperature, smoothing float64
}

// probabilities are the weighted vote shares of each class.
func (v voter) probabilities(ns []neighbour, labels []int, classes int) []float64 {
	p := make([]float64, classes)
	total := v.smoothing
	for c := range p {
		p[c] = v.smoothing / float64(classes)
	}
	for _, n := range ns {
		w := math.Exp(float64(n.sim-ns[0].sim) / v.temperature)
		p[labels[n.index]] += w
		total += w
	}
	for c := range p {
		p[c] /= total
	}
	return p
}

// The grids calibrate searches: similarities of unit vectors lie in -1..1,
// so temperatures from 0.01 (only the nearest counts) to 1 (all k vote
// almost equally) span every useful weighting.
var (
	temperatures = []float64{0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1}
	smoothings   = []float64{0, 0.25, 0.5, 1, 2}
)

// calibrate picks the voter whose leave-one-out probabilities on the
// labelled pictures (each voted on by its k nearest other labelled
// pictures) have the lowest log loss: the confidences it gives are then
// honest on pictures like these, which a bare vote share of a handful of
// neighbours is not. It also returns each labelled picture's
// leave-one-out probabilities, which review reuses.
func (s *space) calibrate(k int) (voter, [][]float64) {
	near := make([][]neighbour, len(s.labelled))
	for i, v := range s.labelled {
		near[i] = s.nearest(v, k, i)
	}
	best, bestLoss := voter{temperature: 0.1, smoothing: 1}, math.Inf(1)
	for _, t := range temperatures {
		for _, a := range smoothings {
			v := voter{temperature: t, smoothing: a}
			var loss float64
			for i, ns := range near {
				p := v.probabilities(ns, s.labels, s.classes)
				loss -= math.Log(math.Max(p[s.labels[i]], 1e-9))
			}
			if loss < bestLoss {
				best, bestLoss = v, loss
			}
		}
	}
	loo := make([][]float64, len(near))
	for i, ns := range near {
		loo[i] = best.probabilities(ns, s.labels, s.classes)
	}
	return best, loo
}

// argmax is the index of the largest value (the first on ties).
func argmax(p []float64) int { return slices.Index(p, slices.Max(p)) }
