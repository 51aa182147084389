package session

import (
	"context"
	"runtime/debug"
	"time"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/device"
	"transferlab/engine/features"
	"transferlab/engine/gpunet"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/predict"
	"transferlab/engine/train"
	"transferlab/engine/weights"
)

// minMeasured is the fewest readable pictures the cases are measured on:
// two per fold, so every round trains on at least 8 and checks at least 2.
const minMeasured = 2 * adviceFolds

// measurement is what one pass of the pretrained network over a sample
// found.
type measurement struct {
	options     []MeasuredOption // case 1, then case 2 at each cut, deep to shallow; none when too few pictures
	familiarity float64          // mean top-1 ImageNet probability
	sampled     int              // readable pictures measured
	perPicture  time.Duration    // one picture through the whole network here, decoding included
}

// measureFrozen runs network (weights sd) once over the sample, pooling at
// each cut, after the backbone and at the ImageNet classifier's output,
// with the features cached in cacheDir under the keys training uses; then
// cross-validates the frozen cases' classifier on each depth.
func measureFrozen(ctx context.Context, cacheDir, network string, sd weights.StateDict, sample []dataset.Class, progress func(done, total int)) (*measurement, error) {
	// The network's graphs are garbage once measured: hand their memory back
	// rather than let an idle app hold it until the heap doubles again.
	defer debug.FreeOSMemory()
	net, err := models.New(network)
	if err != nil {
		return nil, err
	}
	st, err := models.NewState(net.Params(), sd, 0)
	if err != nil {
		return nil, err
	}
	var ends []int // shallow to deep: the cuts, the backbone, the logits
	for _, c := range net.Cuts {
		ends = append(ends, c.After)
	}
	ends = append(ends, net.FeatureLayers, len(net.Layers))
	be, err := gpunet.Choose(device.Auto)
	if err != nil {
		return nil, err
	}
	defer be.Close()
	d, err := features.NewDepths(net, st, ends, imageprep.ImageNet(), be)
	if err != nil {
		return nil, err
	}
	pics, labels := picturesOfClasses(sample)
	start := time.Now()
	ext, err := d.Extract(ctx, features.NewCache(cacheDir), pics, progress)
	if err != nil {
		return nil, err
	}
	m := &measurement{}
	if m.perPicture, err = perPicture(ctx, d, pics, ext[0].Computed, time.Since(start)); err != nil {
		return nil, err
	}
	keep := readableRows(ext[0])
	m.sampled = len(keep)
	m.familiarity = meanTopProbability(rows(ext[len(ext)-1].Features, keep))
	labels = pickInts(labels, keep)
	if m.sampled < minMeasured {
		return m, nil // too few to measure: the advice falls back to the rule
	}
	whole := len(ends) - 2
	order := []int{whole} // case 1, then the cuts from deep to shallow
	for k := whole - 1; k >= 0; k-- {
		order = append(order, k)
	}
	for _, k := range order {
		cv, err := train.CrossValidate(ctx, rows(ext[k].Features, keep), labels, len(sample), adviceFolds, adviceSeed, nil)
		if err != nil {
			return nil, err
		}
		o := MeasuredOption{Case: cases.FrozenBackbone, Accuracy: cv.Accuracy, Spread: cv.Spread}
		if k != whole {
			o.Case, o.Cut = cases.CutBackbone, net.Cuts[k].Name
		}
		m.options = append(m.options, o)
	}
	return m, nil
}

// perPicture is the measured cost of one picture: from the pass just made
// when it computed at least a batch, otherwise (the features were cached)
// from one batch timed now.
func perPicture(ctx context.Context, d *features.Depths, pics []features.Picture, computed int, took time.Duration) (time.Duration, error) {
	if computed >= 16 {
		return took / time.Duration(computed), nil
	}
	return d.PerPicture(ctx, pics)
}

// wholeNetworkMinutes estimates letting the whole network learn (case 3)
// on total pictures here: each of the recipe's epochs (an upper bound, as
// early stopping may end sooner) trains on the 80% training share, a
// forward and a backward pass of about twice its cost, and checks the
// other 20% with a forward pass.
func (m *measurement) wholeNetworkMinutes(total int) float64 {
	epochs := float64(cases.FineTune.Recipe().Epochs)
	passes := 0.8*float64(total)*3 + 0.2*float64(total)
	return epochs * passes * m.perPicture.Minutes()
}

// picturesOfClasses lists the classes' files with their class index.
func picturesOfClasses(classes []dataset.Class) ([]features.Picture, []int) {
	var pics []features.Picture
	var labels []int
	for c, cl := range classes {
		for _, f := range cl.Files {
			pics, labels = append(pics, features.Picture{Path: f}), append(labels, c)
		}
	}
	return pics, labels
}

// readableRows are the indices of the pictures that have features.
func readableRows(ext *features.Extraction) []int {
	var keep []int
	for i, f := range ext.Features {
		if f != nil {
			keep = append(keep, i)
		}
	}
	return keep
}

func rows(xs [][]float32, keep []int) [][]float32 {
	out := make([][]float32, len(keep))
	for j, i := range keep {
		out[j] = xs[i]
	}
	return out
}

func pickInts(xs []int, keep []int) []int {
	out := make([]int, len(keep))
	for j, i := range keep {
		out[j] = xs[i]
	}
	return out
}

// meanTopProbability is the mean over pictures of the largest softmax
// probability of their ImageNet logits: how familiar they look.
func meanTopProbability(logits [][]float32) float64 {
	if len(logits) == 0 {
		return -1
	}
	var sum float64
	for _, l := range logits {
		p := predict.Softmax(l)
		top := 0.0
		for _, v := range p {
			top = max(top, v)
		}
		sum += top
	}
	return sum / float64(len(logits))
}
