package train

import (
	"context"
	"fmt"
	"math"
	"time"

	"transferlab/engine/backend"
	"transferlab/engine/cases"
	"transferlab/engine/cpunet"
	"transferlab/engine/dataset"
	"transferlab/engine/features"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// Job is everything a training run needs.
type Job struct {
	Config
	Data *dataset.Dataset
	// Pretrained holds the network's ImageNet weights, for the cases that
	// need them; the others ignore it.
	Pretrained weights.StateDict
	// FeatureCache is where the frozen-backbone cases keep backbone features.
	FeatureCache string
	// Backend is where the work runs (engine/gpunet.Choose opens the one a
	// device.Choice asks for); nil means the CPU. The caller closes it.
	Backend backend.Backend
}

// Result reports a finished (or stopped) run; its figures are those of the
// best epoch, whose values the classifier holds.
type Result struct {
	Network   string     `json:"network"`
	Case      cases.Case `json:"case"`
	Cut       string     `json:"cut,omitempty"`
	Classes   []string   `json:"classes"`
	History   []Epoch    `json:"epochs"`
	BestEpoch int        `json:"best_epoch"`
	Stopped   bool       `json:"stopped"` // cancelled by the user; the best epoch so far is kept
	Evaluation
	Predictions []Prediction `json:"predictions"`
	Seconds     float64      `json:"seconds"`
	// BackboneSeconds is the time spent computing features (cases 1, 2);
	// FeaturesComputed of the images went through the backbone, the rest
	// came from the cache.
	BackboneSeconds  float64           `json:"backbone_seconds"`
	FeaturesComputed int               `json:"features_computed"`
	FeaturesCached   int               `json:"features_cached"`
	Skipped          []dataset.Skipped `json:"skipped"`
	// Test is the kept model on the held-out test pictures (Config's
	// TestFraction); nil without a test share.
	Test *TestEvaluation `json:"test,omitempty"`
	// Device is what did the work, e.g. "GPU: NVIDIA H200" or "CPU (8 cores)".
	Device string `json:"device"`
}

// Run trains a classifier for job and returns the report and the classifier.
func Run(ctx context.Context, job Job, progress Progress) (*Result, *Classifier, error) {
	defer handBackMemory()
	start := time.Now()
	if err := job.Config.Check(); err != nil {
		return nil, nil, err
	}
	cfg := job.Config.Defaults()
	net, err := models.New(cfg.Network)
	if err != nil {
		return nil, nil, err
	}
	if job.Data == nil || len(job.Data.Train) == 0 || len(job.Data.Val) == 0 {
		return nil, nil, fmt.Errorf("train: no training or validation images")
	}
	if cfg.TestFraction > 0 {
		if job.Data, err = job.Data.HoldOutTest(cfg.TestFraction, cfg.Seed); err != nil {
			return nil, nil, fmt.Errorf("train: %w", err)
		}
	}
	upTo, cut, err := backboneEnd(net, cfg)
	if err != nil {
		return nil, nil, err
	}
	be := job.Backend
	if be == nil {
		be = cpunet.New("")
	}
	info := be.Device()
	announce(info, progress)
	res := &Result{Network: net.Name, Case: cfg.Case, Cut: cut, Classes: job.Data.Classes, Skipped: job.Data.Skipped, Device: info.String()}
	var clf *Classifier
	if !cfg.Case.TrainsBackbone() {
		clf, err = runHead(ctx, job, cfg, transfer{net: net, upTo: upTo}, be, res, progress)
	} else {
		// The pictures stay decoded from the first epoch to the calibration.
		cache := imageprep.NewPictureCache(pictureCacheBudget)
		clf, err = runNetwork(ctx, job, cfg, net, be, cache, res, progress)
		if err == nil {
			// The trainer is garbage now; without a collection here the
			// calibration's runner and decoding stacked on top of it
			// (case 3 on the ant and bee photos peaked 250 MB higher).
			handBackMemory()
			calibrateOrWarn(ctx, clf, job.Data, be, cache, progress)
		}
	}
	if err != nil {
		return nil, nil, explainOutOfMemory(err, info, cfg)
	}
	if len(job.Data.Test) > 0 {
		if res.Test, err = testOn(ctx, clf, job.Data, res, progress); err != nil {
			return nil, nil, err
		}
	}
	res.Seconds = time.Since(start).Seconds()
	clf.Metrics = *res
	progress.send(Event{Phase: PhaseDone, Message: fmt.Sprintf("validation accuracy %.3f", res.Accuracy)})
	return res, clf, nil
}

// backboneEnd is how many layers feed the classifier: all feature layers, or
// up to the cut when the case cuts.
func backboneEnd(net *models.Network, cfg Config) (int, string, error) {
	if !cfg.Case.Cuts() {
		return net.FeatureLayers, "", nil
	}
	name := cfg.Cut
	if name == "" {
		name = net.DefaultCut
	}
	c, err := net.Cut(name)
	return c.After, name, err
}

func labelsOf(items []dataset.Item) []int {
	ys := make([]int, len(items))
	for i, it := range items {
		ys[i] = it.Class
	}
	return ys
}

// runHead is the frozen-backbone cases: features from the frozen backbone
// (cached), then a linear classifier; m's head is not yet known.
func runHead(ctx context.Context, job Job, cfg Config, m transfer, be backend.Backend, res *Result, progress Progress) (*Classifier, error) {
	if job.Pretrained == nil {
		return nil, fmt.Errorf("train: case %d needs pretrained weights for %s", cfg.Case, m.net.Name)
	}
	backbone, err := m.backboneState(job.Pretrained)
	if err != nil {
		return nil, err
	}
	ex, err := features.NewExtractor(m.net, backbone, m.upTo, cfg.Transform, be)
	if err != nil {
		return nil, err
	}
	feats, err := extractFeatures(ctx, &job, ex, res, progress)
	if err != nil {
		return nil, err
	}
	nTrain := len(job.Data.Train)
	h, err := newHeadLearner(feats[:nTrain], feats[nTrain:], labelsOf(job.Data.Train), len(job.Data.Classes), be, cfg.optimiser(cfg.LR))
	if err != nil {
		return nil, err
	}
	defer h.close()
	if err := fit(ctx, cfg, job.Data, h, false, res, progress); err != nil {
		return nil, err
	}
	clf := newClassifier(m.net, cfg, m.upTo, res, backbone.StateDict(), h.rawHead())
	clf.Novelty = calibrateNovelty(feats[:nTrain], feats[nTrain:])
	return clf, nil
}

// extractFeatures returns the backbone features of job's training then
// validation pictures, from the cache where it has them, and fills the
// report's feature figures. Pictures that could not be decoded are left out
// of job.Data (and listed in its Skipped and the report's).
func extractFeatures(ctx context.Context, job *Job, ex *features.Extractor, res *Result, progress Progress) ([][]float32, error) {
	t0 := time.Now()
	items := append(append([]dataset.Item(nil), job.Data.Train...), job.Data.Val...)
	cache := features.NewCache(job.FeatureCache)
	ext, err := ex.Extract(ctx, cache, picturesOf(items, job.Data.Hashes), cacheWarning(cache, progress))
	if err != nil {
		return nil, err
	}
	feats := ext.Features
	if len(ext.Unreadable) > 0 {
		if job.Data, err = job.Data.LeaveOut(unreadable(items, ext.Unreadable)); err != nil {
			return nil, err
		}
		res.Skipped, feats = job.Data.Skipped, readable(feats, ext.Unreadable)
	}
	res.BackboneSeconds, res.FeaturesComputed, res.FeaturesCached = time.Since(t0).Seconds(), ext.Computed, len(feats)-ext.Computed
	return feats, nil
}

// cacheWarning forwards feature progress, and says once that the feature
// cache was turned off (a full or read-only disk) and why.
func cacheWarning(cache *features.Cache, progress Progress) func(done, total int) {
	warned := false
	return func(done, total int) {
		if err := cache.Off(); err != nil && !warned {
			warned = true
			progress.send(Event{Phase: PhaseWarning, Message: fmt.Sprintf("going on without the feature cache: %v", err)})
		}
		progress.send(Event{Phase: PhaseFeatures, Done: done, Total: total})
	}
}

// runNetwork is the cases whose backbone trains: the whole network trains.
func runNetwork(ctx context.Context, job Job, cfg Config, net *models.Network, be backend.Backend, cache *imageprep.PictureCache, res *Result, progress Progress) (*Classifier, error) {
	var err error
	if job.Data, err = leaveOutUndecodable(ctx, job.Data); err != nil {
		return nil, err
	}
	res.Skipped = job.Data.Skipped
	n, err := newNetLearner(job, cfg, net, be, cache)
	if err != nil {
		return nil, err
	}
	defer n.close()
	if err := fit(ctx, cfg, job.Data, n, true, res, progress); err != nil {
		return nil, err
	}
	return newClassifier(net, cfg, net.FeatureLayers, res, n.state.StateDict(), nil), nil
}

// fit runs the epoch loop and fills the report with the best epoch's figures.
func fit(ctx context.Context, cfg Config, data *dataset.Dataset, m learner, dropLast bool, res *Result, progress Progress) error {
	l := &loop{cfg: cfg, trainY: labelsOf(data.Train), valY: labelsOf(data.Val), dropLast: dropLast, progress: progress}
	stopped, err := l.run(ctx, m)
	if err != nil {
		return err
	}
	preds, loss, err := l.validate(m)
	if err != nil {
		return err
	}
	for i := range preds {
		preds[i].File = data.Val[i].Path
	}
	res.History, res.BestEpoch, res.Stopped = l.history, l.bestEpoch, stopped
	res.Evaluation = evaluate(data.Classes, preds, loss)
	res.Predictions = preds
	if math.IsNaN(loss) {
		return fmt.Errorf("train: the loss became NaN; try a lower learning rate")
	}
	return nil
}

// picturesOf pairs each item's path with its content hash from the scan
// (when there is one), so cached features need no read of the file.
func picturesOf(items []dataset.Item, hashes map[string]string) []features.Picture {
	ps := make([]features.Picture, len(items))
	for i, it := range items {
		ps[i] = features.Picture{Path: it.Path, Hash: hashes[it.Path]}
	}
	return ps
}

// unreadable lists the items whose pictures could not be decoded, in order,
// with why.
func unreadable(items []dataset.Item, why map[int]error) []dataset.Skipped {
	var out []dataset.Skipped
	for i, it := range items {
		if err, ok := why[i]; ok {
			out = append(out, dataset.Skipped{Path: it.Path, Reason: err.Error()})
		}
	}
	return out
}

// readable drops the vectors of the pictures that could not be decoded,
// keeping the order (the train items' then the val items'), as LeaveOut
// keeps the items'.
func readable(feats [][]float32, bad map[int]error) [][]float32 {
	out := make([][]float32, 0, len(feats))
	for i, f := range feats {
		if _, ok := bad[i]; !ok {
			out = append(out, f)
		}
	}
	return out
}
