package train

import (
	"fmt"
	"math"
	"sort"

	"transferlab/engine/weights"
)

// A classifier always answers with one of its classes, so an eagle shown to
// an ants/bees model comes out "bees, 100 %". Novelty is how the classifier
// says "none of these" instead: a picture whose features lie farther from
// every training picture than nearly all validation pictures do is unlike
// anything it learned.
//
// The measure is the cosine distance, in the features the head reads (the
// pooled backbone output, (D)), to the nearest training picture. Measured
// on ants/bees with SqueezeNet 1.1 (case 1) against the 12 ImageNet sample
// photos, it separated them best of the measures tried: nearest picture
// 10 of 12 flagged, the mean of the 5 nearest 9, the class centroids 4,
// standardised features 6, at the 95th percentile (TestNoneOfTheseHymenoptera
// checks the chosen one). It is only as good as the features: case 2's
// early cut sees textures, and flagged 2 of 12 (no measure tried did
// better than 3); case 3 (112 px, 5 epochs) 6; case 4, whose features
// after 5 epochs from scratch all point one way, 1.
const (
	noveltyMethod = "nearest-cosine"
	// noveltyQuantile of the validation pictures' distances is the
	// threshold: about 1 in 20 pictures like the training ones is called
	// "none of these", the price of catching most that are not.
	noveltyQuantile = 0.95
	// maxReference training pictures are kept in the file (evenly spaced
	// in the training order, which goes class by class): 2000 × 2048
	// features (ResNet-50) is 16 MB, a sixth of its weights.
	maxReference = 2000
	// maxCalibration validation pictures at most are measured; cases 3 and
	// 4 run each through the trained network once more.
	maxCalibration = 1000
	// noveltyPath is the file's entry for the reference features; it is
	// kept apart from the classifier's state_dict, which holds the model.
	noveltyPath = "novelty.reference"
)

// Novelty is the calibrated "none of these" test of a classifier.
type Novelty struct {
	Method string `json:"method"`
	// Threshold is the distance (0..2) past which a picture is called
	// unlike the training pictures: the Quantile of the validation
	// pictures' distances.
	Threshold float64 `json:"threshold"`
	Quantile  float64 `json:"quantile"`
	// Reference and Calibration count the training pictures kept and the
	// validation pictures measured.
	Reference   int             `json:"reference_pictures"`
	Calibration int             `json:"calibration_pictures"`
	reference   *weights.Tensor // (Reference, D) rows of unit length
}

// calibrateNovelty keeps (up to maxReference of) the training pictures'
// features as the reference and sets the threshold from the validation
// pictures' distances to it. It returns nil when there is nothing to
// calibrate on.
func calibrateNovelty(train, val [][]float32) *Novelty {
	train, val = evenly(present(train), maxReference), evenly(present(val), maxCalibration)
	if len(train) == 0 || len(val) == 0 {
		return nil
	}
	d := len(train[0])
	ref := &weights.Tensor{Shape: []int{len(train), d}, Data: make([]float32, 0, len(train)*d)}
	for _, x := range train {
		ref.Data = append(ref.Data, unitLength(x)...)
	}
	n := &Novelty{Method: noveltyMethod, Quantile: noveltyQuantile, Reference: len(train), Calibration: len(val), reference: ref}
	dists := make([]float64, len(val))
	for i, x := range val {
		dists[i] = n.Distance(x)
	}
	n.Threshold = quantile(dists, noveltyQuantile)
	return n
}

// Distance is the cosine distance from features x (D) to the nearest
// reference picture: 0 for the same direction, 1 for orthogonal.
func (n *Novelty) Distance(x []float32) float64 {
	u := unitLength(x)
	d := len(u)
	best := math.Inf(-1)
	for r := 0; r+d <= len(n.reference.Data); r += d {
		var dot float64
		for j, v := range n.reference.Data[r : r+d] {
			dot += float64(v) * float64(u[j])
		}
		best = math.Max(best, dot)
	}
	// Rounding can put a direction met in training a hair past 1.
	return min(max(1-best, 0), 2)
}

// noveltySlack is how far past the threshold a distance must lie to count.
// The threshold is one validation picture's own distance, and the features
// computed again later (another batch size, which may take the Winograd
// convolutions instead of the GEMM, or another backend) agree only to float
// rounding, so that very picture could land a millionth beyond it.
const noveltySlack = 1e-4

// Unlike says whether features x are farther from every training picture
// than the threshold.
func (n *Novelty) Unlike(x []float32) bool { return n.Distance(x) > n.Threshold+noveltySlack }

// withReference returns the entries a classifier file holds: the model's
// state_dict and, when n is calibrated, the reference features.
func (n *Novelty) withReference(sd weights.StateDict) weights.StateDict {
	if n == nil {
		return sd
	}
	out := weights.StateDict{noveltyPath: n.reference}
	for k, v := range sd {
		out[k] = v
	}
	return out
}

// takeReference moves the reference features read from a classifier file
// out of its state_dict (which must hold the model alone) into n; without
// a calibration (n nil) the entry stays, for check to refuse.
func (n *Novelty) takeReference(sd weights.StateDict) {
	if n == nil {
		return
	}
	n.reference = sd[noveltyPath]
	delete(sd, noveltyPath)
}

// check refuses a calibration that does not fit features of width dim.
func (n *Novelty) check(dim int) error {
	switch {
	case n.Method != noveltyMethod:
		return fmt.Errorf("unknown novelty method %q", n.Method)
	case n.reference == nil:
		return fmt.Errorf("novelty reference features are missing")
	case len(n.reference.Shape) != 2 || n.reference.Shape[1] != dim || n.reference.Shape[0] != n.Reference || n.Reference < 1:
		return fmt.Errorf("novelty reference has shape %v, want (%d, %d)", n.reference.Shape, n.Reference, dim)
	case !(n.Threshold >= 0 && n.Threshold <= 2):
		return fmt.Errorf("novelty threshold %g is not a cosine distance", n.Threshold)
	}
	return nil
}

// present drops the nil rows (pictures that could not be read).
func present(xs [][]float32) [][]float32 {
	out := make([][]float32, 0, len(xs))
	for _, x := range xs {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

// unitLength returns x scaled to length 1 (x itself when it is all zeros:
// its distance to everything is then 1).
func unitLength(x []float32) []float32 {
	var s float64
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	out := make([]float32, len(x))
	if s == 0 {
		return out
	}
	inv := 1 / math.Sqrt(s)
	for i, v := range x {
		out[i] = float32(float64(v) * inv)
	}
	return out
}

// evenly returns at most n of xs, evenly spaced (all of them when n suffice).
func evenly[T any](xs []T, n int) []T {
	if len(xs) <= n {
		return xs
	}
	out := make([]T, n)
	for i := range out {
		out[i] = xs[i*len(xs)/n]
	}
	return out
}

// quantile is the smallest value at or above the q-th fraction of xs.
func quantile(xs []float64, q float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(math.Ceil(q*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}
