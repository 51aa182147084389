// Package fakeengine is a small but honest ui.Engine for the UI's tests:
// the window's and each screen's. Only tests import it.
package fakeengine

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"transferlab/engine/cases"
	"transferlab/engine/demo"
	"transferlab/ui"
)

// Engine is a small but honest ui.Engine for UI tests: it really walks
// folders and decodes image headers, splits classes, emits per-epoch
// progress, writes a classifier file and reads it back in Predict. Its
// numbers are deterministic so tests can check them exactly.
type Engine struct {
	mu        sync.Mutex
	networks  []ui.Network
	Available map[string]bool // networks whose weights are "on this computer"

	// Hooks let a test act in the middle of a job (e.g. press Stop).
	OnFetch func(done, total int64)
	OnEvent func(ui.TrainEvent)
	OnScan  func(done, total int)

	Requests    []ui.TrainRequest // every Train call's request
	Recommended []string          // network of each Recommend call
	DemoErr     error             // MakeDemo fails with it when set
	CheckErr    error             // CheckTraining's answer
	// Patience, when set, stops training once the validation loss has not
	// fallen for that many epochs, as the engine does, and is sent with
	// the events.
	Patience int

	// --- Explain (issue 15) ---
	Explained       int                        // how many times Explain was called
	AugmentRequests []ui.AugmentPreviewRequest // every AugmentPreview call's request
}

// New returns an engine offering ResNet-18, SqueezeNet 1.1 (its weights
// present) and VGG16 (index 0, 1, 2 in the Model screen's list).
func New() *Engine {
	return &Engine{
		networks: []ui.Network{
			{Name: "resnet18", Title: "ResNet-18", Params: 11_689_512, SizeMB: 44.7, Top1: 69.76, ImagesPerSecond: 6.9},
			{Name: "squeezenet1_1", Title: "SqueezeNet 1.1", Params: 1_235_496, SizeMB: 4.7, Top1: 58.18, ImagesPerSecond: 22},
			{Name: "vgg16", Title: "VGG16", Params: 138_357_544, SizeMB: 527.8, Top1: 71.59},
		},
		Available: map[string]bool{"squeezenet1_1": true},
	}
}

func (f *Engine) Networks() []ui.Network {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]ui.Network, len(f.networks))
	for i, n := range f.networks {
		n.WeightsAvailable = f.Available[n.Name]
		out[i] = n
	}
	return out
}

func (f *Engine) FetchWeights(ctx context.Context, network string, progress func(done, total int64)) error {
	n, ok := f.find(network)
	if !ok {
		return fmt.Errorf("unknown network %q", network)
	}
	total := int64(n.SizeMB * (1 << 20))
	for k := int64(1); k <= 4; k++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("download %s: %w", network, err)
		}
		done := total * k / 4
		progress(done, total)
		if f.OnFetch != nil {
			f.OnFetch(done, total)
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("download %s: %w", network, err)
	}
	f.mu.Lock()
	f.Available[network] = true
	f.mu.Unlock()
	return nil
}

func (f *Engine) ImportWeights(network, file string) error {
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	if info.Size() == 0 {
		return fmt.Errorf("weights file %s is empty", file)
	}
	f.mu.Lock()
	f.Available[network] = true
	f.mu.Unlock()
	return nil
}

func (f *Engine) find(network string) (ui.Network, bool) {
	for _, n := range f.Networks() {
		if n.Name == network {
			return n, true
		}
	}
	return ui.Network{}, false
}

// Scan: a folder with sub-folders of pictures is a parent of classes; a
// folder with pictures is one class; a file is a loose picture. Progress
// counts the pictures found, then fails with ctx's error if cancelled.
func (f *Engine) Scan(ctx context.Context, paths []string, progress func(done, total int)) (ds ui.Dataset, err error) {
	defer func() {
		if err != nil {
			return
		}
		n := len(ds.Unlabelled) + len(ds.Unreadable)
		for _, c := range ds.Classes {
			n += len(c.Images)
		}
		for k := 1; k <= n; k++ {
			progress(k, n)
			if f.OnScan != nil {
				f.OnScan(k, n)
			}
			if ctx.Err() != nil {
				ds, err = ui.Dataset{}, fmt.Errorf("reading pictures: %w", ctx.Err())
				return
			}
		}
	}()
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return ds, err
		}
		if !info.IsDir() {
			if reason := unreadableReason(p); reason != "" {
				ds.Unreadable = append(ds.Unreadable, ui.BadFile{Path: p, Reason: reason})
			} else {
				ds.Unlabelled = append(ds.Unlabelled, p)
			}
			continue
		}
		if err := scanDir(p, &ds, true); err != nil {
			return ds, err
		}
	}
	ds.Duplicates = duplicatesAcross(ds.Classes)
	return ds, ctx.Err()
}

// duplicatesAcross finds files with the same bytes in more than one class,
// as the real engine does (it hashes the bytes too): each picture's copies
// in class order, the pictures ordered by their first copy.
func duplicatesAcross(classes []ui.ClassImages) [][]string {
	copies := map[[sha256.Size]byte][]string{}
	classesOf := map[[sha256.Size]byte]map[string]bool{}
	for _, c := range classes {
		for _, p := range c.Images {
			data, err := os.ReadFile(p)
			if err != nil {
				continue // Scan has just read it; a file gone since is not a duplicate
			}
			h := sha256.Sum256(data)
			copies[h] = append(copies[h], p)
			if classesOf[h] == nil {
				classesOf[h] = map[string]bool{}
			}
			classesOf[h][c.Name] = true
		}
	}
	var out [][]string
	for h, paths := range copies {
		if len(classesOf[h]) > 1 {
			out = append(out, paths)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func scanDir(dir string, ds *ui.Dataset, top bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var pics []string
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.IsDir() && top:
			if err := scanDir(p, ds, false); err != nil {
				return err
			}
		case e.IsDir():
		case unreadableReason(p) != "":
			ds.Unreadable = append(ds.Unreadable, ui.BadFile{Path: p, Reason: unreadableReason(p)})
		default:
			pics = append(pics, p)
		}
	}
	if len(pics) > 0 {
		ds.Classes = append(ds.Classes, ui.ClassImages{Name: filepath.Base(dir), Images: pics})
	}
	return nil
}

func unreadableReason(path string) string {
	fh, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer fh.Close()
	if info, _ := fh.Stat(); info.Size() == 0 {
		return "empty file (0 bytes)"
	}
	if _, _, err := image.DecodeConfig(fh); err != nil {
		return "not a picture this app can read: " + err.Error()
	}
	return ""
}

func (f *Engine) Recommend(ctx context.Context, network string, classes []ui.ClassImages) (ui.Recommendation, error) {
	f.mu.Lock()
	f.Recommended = append(f.Recommended, network)
	weights := f.Available[network]
	f.mu.Unlock()
	least := math.MaxInt
	for _, c := range classes {
		least = min(least, len(c.Images))
	}
	if !weights { // as the real engine: without the weights nothing says how familiar the pictures look
		return ui.Recommendation{Case: cases.FrozenBackbone, ImageNetLike: -1,
			Reason: fmt.Sprintf("Your smallest class has %d pictures, and we could not check how familiar they look to the pretrained network.", least)}, nil
	}
	if least < 100 {
		return ui.Recommendation{Case: cases.FrozenBackbone, ImageNetLike: 0.72,
			Reason: fmt.Sprintf("Your smallest class has %d pictures, and they look like everyday photos.", least)}, nil
	}
	return ui.Recommendation{Case: cases.FineTune, ImageNetLike: 0.72, Reason: "You have many pictures of everyday subjects."}, nil
}

// split puts every k-th picture of each class (k = 1/ValShare) into the
// validation set, the rest into training.
func split(req ui.TrainRequest) (train, val []ui.ImagePrediction) {
	k := max(2, int(math.Round(1/req.ValShare)))
	for ci, c := range req.Classes {
		for i, p := range c.Images {
			item := ui.ImagePrediction{Path: p, True: ci}
			if i%k == k-1 {
				val = append(val, item)
			} else {
				train = append(train, item)
			}
		}
	}
	return train, val
}

// Epoch returns the metrics of epoch e: the training loss falls, the
// validation loss is lowest and the accuracy highest at epoch 3, so the
// kept epoch is not simply the last.
func Epoch(e int) ui.EpochStats {
	acc := 0.5 + 0.1*float64(min(e, 3)) - 0.05*float64(max(0, e-3))
	return ui.EpochStats{Epoch: e, TrainLoss: 1 / float64(e+1), ValLoss: 1.2/float64(e+1) + 0.05 + 0.15*float64(max(0, e-3)),
		TrainAcc: 1 - 0.5/float64(e+1), ValAcc: acc, Seconds: 1.5}
}

func (f *Engine) Train(ctx context.Context, req ui.TrainRequest, progress func(ui.TrainEvent)) (ui.TrainResult, error) {
	f.mu.Lock()
	f.Requests = append(f.Requests, req)
	f.mu.Unlock()
	emit := func(ev ui.TrainEvent) {
		ev.Device, ev.Patience = "CPU (fake, 2 cores)", f.Patience
		progress(ev)
		if f.OnEvent != nil {
			f.OnEvent(ev)
		}
	}
	train, val := split(req)
	if !req.Case.TrainsBackbone() {
		total := len(train) + len(val)
		for done := 10; done < total+10; done += 10 {
			emit(ui.TrainEvent{Phase: ui.PhaseFeatures, Done: min(done, total), Total: total})
		}
	}
	// 0 is "automatic": the fake trains 4 epochs, the frozen-backbone cases
	// on all pictures at once, the others in batches of 16.
	epochs, batch := req.Epochs, req.BatchSize
	if epochs == 0 {
		epochs = 4
	}
	if batch == 0 {
		batch = 16
		if !req.Case.TrainsBackbone() {
			batch = max(1, len(train))
		}
	}
	batches := (len(train) + batch - 1) / batch
	res := ui.TrainResult{Device: "CPU (fake, 2 cores)"}
	for e := 1; e <= epochs; e++ {
		if err := ctx.Err(); err != nil {
			if e == 1 {
				return ui.TrainResult{}, fmt.Errorf("training stopped: %w", err)
			}
			res.Stopped = true
			break
		}
		s := Epoch(e)
		for b := 1; b <= batches; b++ {
			emit(ui.TrainEvent{Phase: ui.PhaseBatch, Epoch: e, Epochs: epochs, Batch: b, Batches: batches, TrainLoss: s.TrainLoss})
		}
		emit(ui.TrainEvent{Phase: ui.PhaseEpoch, Epoch: e, Epochs: epochs, TrainLoss: s.TrainLoss, ValLoss: s.ValLoss, TrainAcc: s.TrainAcc, ValAcc: s.ValAcc})
		res.History = append(res.History, s)
		if res.BestEpoch == 0 || s.ValLoss < res.History[res.BestEpoch-1].ValLoss {
			res.BestEpoch = e
		} else if f.Patience > 0 && e-res.BestEpoch >= f.Patience {
			break
		}
	}
	res.Test = testFigures(req, train)
	return f.finish(req, val, res)
}

// testFigures holds out the first TestShare of the training pictures and
// says every third of them is the next class; nil without a test share.
func testFigures(req ui.TrainRequest, train []ui.ImagePrediction) *ui.TestFigures {
	n := int(math.Round(req.TestShare * float64(len(train))))
	if n == 0 {
		return nil
	}
	k := len(req.Classes)
	t := &ui.TestFigures{Pictures: n, Confusion: make([][]int, k)}
	for i := range t.Confusion {
		t.Confusion[i] = make([]int, k)
	}
	right := 0
	for i, p := range train[:n] {
		said := p.True
		if i%3 == 2 {
			said = (p.True + 1) % k
		}
		t.Confusion[p.True][said]++
		if said == p.True {
			right++
		}
	}
	t.Accuracy = float64(right) / float64(n)
	return t
}

// Lesson trains the four cases with Train, one after the other, each in
// its own folder; the first of the most accurate wins (they tie here: the
// fake's figures do not depend on the case). A cancelled ctx ends the
// lesson with the cases finished so far.
func (f *Engine) Lesson(ctx context.Context, req ui.LessonRequest, progress func(ui.LessonEvent)) (ui.LessonResult, error) {
	var out ui.LessonResult
	all := cases.All()
	for i, c := range all {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		job := req.TrainRequest
		job.Case, job.OutDir = c, filepath.Join(req.OutDir, fmt.Sprintf("case-%d", c))
		res, err := f.Train(ctx, job, func(ev ui.TrainEvent) {
			progress(ui.LessonEvent{Case: c, Index: i, Of: len(all), Train: ev,
				Fraction: (float64(i) + trainFraction(ev)) / float64(len(all))})
		})
		lc := ui.LessonCase{Case: c, Seconds: 1.5 * float64(len(res.History))}
		if err != nil {
			lc.Err = err.Error()
		} else {
			lc.Result = &res
		}
		out.Cases = append(out.Cases, lc)
		if lc.Result != nil && (out.Winner == cases.None || res.ValAccuracy > out.Cases[out.Winner-1].Result.ValAccuracy) {
			out.Winner = c
		}
	}
	out.Conclusion = fmt.Sprintf("Case %d (%s) won here.", out.Winner, out.Winner.Title())
	return out, nil
}

// trainFraction is how far one fake run is, by epochs.
func trainFraction(ev ui.TrainEvent) float64 {
	if ev.Epochs == 0 {
		return 0
	}
	return float64(ev.Epoch) / float64(ev.Epochs)
}

// finish predicts the validation pictures (every 5th one wrong, "said the
// next class") and fills in the matrix and per-class figures.
func (f *Engine) finish(req ui.TrainRequest, val []ui.ImagePrediction, res ui.TrainResult) (ui.TrainResult, error) {
	n := len(req.Classes)
	for _, c := range req.Classes {
		res.Classes = append(res.Classes, c.Name)
	}
	res.Confusion = make([][]int, n)
	for i := range res.Confusion {
		res.Confusion[i] = make([]int, n)
	}
	right := 0
	for i, p := range val {
		p.Predicted = p.True
		conf := 0.9
		if i%5 == 0 {
			p.Predicted = (p.True + 1) % n
			conf = 0.6 + 0.01*float64(i)
		}
		p.Probs = make([]float64, n)
		for j := range p.Probs {
			p.Probs[j] = (1 - conf) / float64(n-1)
		}
		p.Probs[p.Predicted] = conf
		res.Predictions = append(res.Predictions, p)
		res.Confusion[p.True][p.Predicted]++
		if p.True == p.Predicted {
			right++
		}
	}
	res.ValAccuracy = float64(right) / float64(len(val))
	for k := 0; k < n; k++ {
		col, row := 0, 0
		for j := 0; j < n; j++ {
			col += res.Confusion[j][k]
			row += res.Confusion[k][j]
		}
		res.Precision = append(res.Precision, float64(res.Confusion[k][k])/float64(max(col, 1)))
		res.Recall = append(res.Recall, float64(res.Confusion[k][k])/float64(max(row, 1)))
	}
	if err := os.MkdirAll(req.OutDir, 0o755); err != nil {
		return res, err
	}
	res.ClassifierPath = filepath.Join(req.OutDir, fmt.Sprintf("%s-case%d.tlc", req.Network, req.Case))
	data, _ := json.Marshal(res.Classes)
	return res, os.WriteFile(res.ClassifierPath, data, 0o644)
}

// CheckTraining returns CheckErr, so tests can see how the Train screen
// shows the engine's refusal.
func (f *Engine) CheckTraining(req ui.TrainRequest) error { return f.CheckErr }

// CheckClassifier reads the class list Predict would use.
func (f *Engine) CheckClassifier(ctx context.Context, classifierPath string) error {
	_, err := readClasses(classifierPath)
	return err
}

// readClasses reads the class list the fake's classifier file holds.
func readClasses(classifierPath string) ([]string, error) {
	data, err := os.ReadFile(classifierPath)
	if err != nil {
		return nil, err
	}
	var classes []string
	if err := json.Unmarshal(data, &classes); err != nil || len(classes) == 0 {
		return nil, fmt.Errorf("classifier %s: not a classifier file (%v)", classifierPath, err)
	}
	return classes, nil
}

// Predict reads the class list from the classifier file; a picture whose
// file name contains a class name gets that class with 80%.
func (f *Engine) Predict(ctx context.Context, classifierPath, img string, topK int) ([]ui.Prediction, error) {
	classes, err := readClasses(classifierPath)
	if err != nil {
		return nil, err
	}
	if reason := unreadableReason(img); reason != "" {
		return nil, errors.New(reason)
	}
	var out []ui.Prediction
	for i, c := range classes {
		p := 0.2 / float64(len(classes)-1)
		if strings.Contains(filepath.Base(img), c) {
			p = 0.8
		}
		out = append(out, ui.Prediction{Label: c, Index: i, Prob: p})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Prob > out[b].Prob })
	return out[:min(topK, len(out))], ctx.Err()
}

// ExportONNX writes the class list to out (the fake has no network to
// export) and describes it as the real engine would for 224-pixel
// ImageNet pictures.
func (f *Engine) ExportONNX(ctx context.Context, classifierPath, out string) (ui.Exported, error) {
	classes, err := readClasses(classifierPath)
	if err != nil {
		return ui.Exported{}, err
	}
	data, _ := json.Marshal(classes)
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return ui.Exported{}, err
	}
	return ui.Exported{
		File: out, Bytes: int64(len(data)), Classes: classes, Resize: 256, Crop: 224,
		Mean: [3]float32{0.485, 0.456, 0.406}, Std: [3]float32{0.229, 0.224, 0.225},
	}, ctx.Err()
}

// MakeDemo draws the real demo pictures (engine/demo needs no weights and
// takes a fraction of a second).
func (f *Engine) MakeDemo(ctx context.Context, dir string) error {
	if f.DemoErr != nil {
		return f.DemoErr
	}
	_, err := demo.Generate(ctx, dir, demo.Default())
	return err
}

func (f *Engine) Devices() ui.Devices {
	return ui.Devices{GPUs: []string{"Test GPU"}, Auto: "GPU: Test GPU"}
}

// --- Explain (issue 15: Grad-CAM heatmaps) ---

// Explain gives Predict's answer (or class) a 7x7 map that is hottest at
// the centre, over the decoded picture, tinted red where the map is hot.
// Explained counts the calls, so tests see when a heatmap was computed.
func (f *Engine) Explain(ctx context.Context, classifierPath, img string, class int) (ui.Heatmap, error) {
	f.mu.Lock()
	f.Explained++
	f.mu.Unlock()
	preds, err := f.Predict(ctx, classifierPath, img, math.MaxInt)
	if err != nil {
		return ui.Heatmap{}, err
	}
	if class >= len(preds) {
		return ui.Heatmap{}, fmt.Errorf("class %d does not exist: the model knows %d classes", class, len(preds))
	}
	chosen := preds[0]
	for _, p := range preds {
		if p.Index == class {
			chosen = p
		}
	}
	fh, err := os.Open(img)
	if err != nil {
		return ui.Heatmap{}, err
	}
	defer fh.Close()
	pic, _, err := image.Decode(fh)
	if err != nil {
		return ui.Heatmap{}, err
	}
	const side = 7
	values := make([]float32, side*side)
	for y := range side {
		for x := range side {
			d := math.Hypot(float64(x-side/2), float64(y-side/2)) / math.Hypot(side/2, side/2)
			values[y*side+x] = float32(1 - d)
		}
	}
	return ui.Heatmap{
		Class: chosen.Index, Label: chosen.Label, Prob: chosen.Prob, Layer: "features.12",
		H: side, W: side, Values: values, View: pic, Overlay: tintRed(pic),
	}, ctx.Err()
}

// tintRed is pic with every pixel's red raised halfway to full.
func tintRed(pic image.Image) image.Image {
	b := pic.Bounds()
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := pic.At(x, y).RGBA()
			out.Set(x, y, color.RGBA{uint8((r>>8)/2 + 128), uint8(g >> 8), uint8(bl >> 8), 255})
		}
	}
	return out
}

// AugmentPreview records the request and returns N copies of the picture,
// every other one mirrored unless NoFlip (the fake does not crop).
func (f *Engine) AugmentPreview(ctx context.Context, req ui.AugmentPreviewRequest) ([]image.Image, error) {
	f.mu.Lock()
	f.AugmentRequests = append(f.AugmentRequests, req)
	f.mu.Unlock()
	fh, err := os.Open(req.Image)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	pic, _, err := image.Decode(fh)
	if err != nil {
		return nil, err
	}
	out := make([]image.Image, req.N)
	for i := range out {
		out[i] = pic
		if !req.NoFlip && (req.Seed+int64(i))%2 == 1 {
			out[i] = mirrored(pic)
		}
	}
	return out, ctx.Err()
}

func mirrored(pic image.Image) image.Image {
	b := pic.Bounds()
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(b.Max.X-1-(x-b.Min.X), y, pic.At(x, y))
		}
	}
	return out
}

// --- "None of these" (issue 12, item 5) ---

// PredictWithNovelty answers as Predict does, and calls a picture whose
// file name contains no class name unlike the training pictures.
func (f *Engine) PredictWithNovelty(ctx context.Context, classifierPath, img string, topK int) (ui.Answer, error) {
	preds, err := f.Predict(ctx, classifierPath, img, topK)
	if err != nil {
		return ui.Answer{}, err
	}
	classes, err := readClasses(classifierPath)
	if err != nil {
		return ui.Answer{}, err
	}
	unlike := true
	for _, c := range classes {
		if strings.Contains(filepath.Base(img), c) {
			unlike = false
		}
	}
	return ui.Answer{Predictions: preds, NoneOfThese: unlike}, nil
}

// --- Assisted labelling (issue 15) ---

// Suggest names each unlabelled picture after the first class whose name
// is in its file name, with 90% ("unsure" in the name: 60%), else the
// first class with 55%. A labelled picture whose name holds another
// class's name is a doubt (85%); the same bytes in two classes are
// near-duplicates. Fewer than two classes with pictures, or a network
// whose weights are not Available (without a classifier), is refused, as
// the engine does.
func (f *Engine) Suggest(ctx context.Context, req ui.SuggestRequest, progress func(done, total int)) (ui.Suggestions, error) {
	var names []string
	for _, c := range req.Classes {
		if len(c.Images) > 0 {
			names = append(names, c.Name)
		}
	}
	if len(names) < 2 {
		return ui.Suggestions{}, errors.New("suggestions need at least two classes with a readable picture each")
	}
	if req.ClassifierPath == "" && !f.available(req.Network) {
		return ui.Suggestions{}, fmt.Errorf("the pretrained weights of %s are not on this computer yet: download them, or import the file", req.Network)
	}
	out := ui.Suggestions{ByModel: req.ClassifierPath != "", DefaultConfidence: 0.8}
	for i, p := range req.Unlabelled {
		if err := ctx.Err(); err != nil {
			return ui.Suggestions{}, err
		}
		s := ui.Suggestion{Path: p, Class: names[0], Confidence: 0.55}
		if c := classInName(p, names); c != "" {
			s.Class, s.Confidence = c, 0.9
			if strings.Contains(filepath.Base(p), "unsure") {
				s.Confidence = 0.6
			}
		}
		out.Items = append(out.Items, s)
		if progress != nil {
			progress(i+1, len(req.Unlabelled))
		}
	}
	for _, c := range req.Classes {
		for _, p := range c.Images {
			if other := classInName(p, names); other != "" && other != c.Name {
				out.Mislabelled = append(out.Mislabelled, ui.Doubt{Path: p, Labelled: c.Name, Suggested: other, Confidence: 0.85})
			}
		}
	}
	for _, copies := range duplicatesAcross(req.Classes) {
		pair := ui.NearDuplicate{Paths: [2]string{copies[0], copies[1]}, Similarity: 1}
		for _, c := range req.Classes {
			for _, p := range c.Images {
				for k := range pair.Paths {
					if p == pair.Paths[k] {
						pair.Classes[k] = c.Name
					}
				}
			}
		}
		out.NearDuplicates = append(out.NearDuplicates, pair)
	}
	return out, nil
}

func (f *Engine) available(network string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.Available[network]
}

// classInName is the first of names in path's file name, or "".
func classInName(path string, names []string) string {
	for _, n := range names {
		if strings.Contains(filepath.Base(path), n) {
			return n
		}
	}
	return ""
}
