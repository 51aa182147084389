package ui

import (
	"context"
	"image"
	"time"

	"transferlab/engine/cases"
)

// Engine is what the screens need from the machine-learning engine.
// Calls are synchronous, honour ctx and report progress through callbacks,
// which may be called from any goroutine.
type Engine interface {
	// Networks lists the pretrained networks the app offers, in display order.
	Networks() []Network
	// FetchWeights downloads and verifies the official weights of a network;
	// progress reports bytes (total < 0 when unknown).
	FetchWeights(ctx context.Context, network string, progress func(done, total int64)) error
	// ImportWeights verifies a local weights file for network and caches it.
	ImportWeights(network, file string) error
	// Scan reads folders and files dropped by the user: a folder of class
	// folders, a class folder, or loose pictures (unlabelled). Files that
	// cannot be decoded are listed with the reason, not dropped silently.
	// progress counts pictures checked (total < 0 when not known yet).
	Scan(ctx context.Context, paths []string, progress func(done, total int)) (Dataset, error)
	// Recommend picks one of the four cases for these classes and network,
	// and says why in plain words.
	Recommend(ctx context.Context, network string, classes []ClassImages) (Recommendation, error)
	// CheckTraining says in one sentence why req cannot be trained (a
	// setting out of the engine's range for this network and case), reading
	// no picture, so the Train screen can say so before Start; nil when it
	// can. Train applies the same rules.
	CheckTraining(req TrainRequest) error
	// Train runs one training job. When ctx is cancelled after at least one
	// epoch, Train returns the best model so far with Stopped set and a nil
	// error; cancelled earlier, it returns an error wrapping ctx.Err().
	Train(ctx context.Context, req TrainRequest, progress func(TrainEvent)) (TrainResult, error)
	// Lesson trains the four cases one after the other on the same
	// pictures, within a time budget, and compares them in plain words.
	// Cancelling ctx stops the case under way (keeping its best epoch when
	// it has one) and skips the rest; the finished cases are returned.
	Lesson(ctx context.Context, req LessonRequest, progress func(LessonEvent)) (LessonResult, error)
	// Predict runs a saved classifier on one picture and returns the topK
	// classes, most probable first.
	Predict(ctx context.Context, classifierPath, image string, topK int) ([]Prediction, error)
	// CheckClassifier reads the saved classifier at path, so Predict is
	// ready at once, and says what is wrong with the file when it cannot
	// be used (a reopened project's model may have been moved or damaged).
	CheckClassifier(ctx context.Context, classifierPath string) error
	// ExportONNX writes the saved classifier at classifierPath as a
	// standard ONNX model at out, for programs other than TransferLab; the
	// class names and the picture preparation go inside the file.
	ExportONNX(ctx context.Context, classifierPath, out string) (Exported, error)
	// MakeDemo draws the demo pictures into dir, one folder per class, with
	// nothing to download, so a first run can walk through the whole flow.
	MakeDemo(ctx context.Context, dir string) error
	// Devices looks for GPUs (it may take a moment: run it off the UI).
	Devices() Devices

	// --- Explain (issue 15: Grad-CAM heatmaps) ---

	// Explain works out which parts of a picture made the saved classifier
	// at classifierPath answer class (< 0: its top answer), as a heatmap.
	Explain(ctx context.Context, classifierPath, image string, class int) (Heatmap, error)
	// AugmentPreview draws what training would feed the network for one
	// picture: random versions made by the training's own code.
	AugmentPreview(ctx context.Context, req AugmentPreviewRequest) ([]image.Image, error)

	// --- "None of these" (issue 12, item 5) ---

	// PredictWithNovelty is Predict that also says whether the picture
	// looks unlike every picture the model learned from, so Try it need
	// not claim 100 % of a class for an eagle shown to an ants/bees model.
	// A model saved before TransferLab could tell says false.
	PredictWithNovelty(ctx context.Context, classifierPath, image string, topK int) (Answer, error)

	// --- Assisted labelling (issue 15) ---

	// Suggest proposes a class with a confidence for each unlabelled
	// picture (from its nearest labelled neighbours in the network's
	// pretrained features, or from the trained model when req names one)
	// and lists labelled pictures to review. It labels nothing. progress
	// counts pictures through the network.
	Suggest(ctx context.Context, req SuggestRequest, progress func(done, total int)) (Suggestions, error)
}

// Devices says what can do the training.
type Devices struct {
	GPUs []string // names of the GPUs found, software ones included
	Auto string   // what "automatic" uses, e.g. "GPU: NVIDIA H200" or "CPU (8 cores)"
	Why  string   // why automatic uses the CPU; "" when it uses a GPU
}

// Network describes one pretrained network.
type Network struct {
	Name             string  // command-line name, e.g. "resnet18"
	Title            string  // display name, e.g. "ResNet-18"
	Params           int64   // number of parameters
	SizeMB           float64 // weights download size in MB
	Top1             float64 // ImageNet top-1 accuracy, percent
	ImagesPerSecond  float64 // expected training speed on this computer; 0 = unknown
	WeightsAvailable bool    // pretrained weights are on this computer
}

// ClassImages is one class and its pictures (file paths).
type ClassImages struct {
	Name   string
	Images []string
}

// BadFile is a file that could not be used, and why.
type BadFile struct {
	Path   string
	Reason string
}

// Dataset is what a scan found.
type Dataset struct {
	Classes    []ClassImages // in folder order
	Unlabelled []string      // loose pictures, to be labelled by the user
	Unreadable []BadFile
	// Duplicates are pictures (the same bytes) filed under more than one
	// class: the paths of each picture's copies, in class order.
	Duplicates [][]string
}

// Recommendation is the engine's advice on which case to use.
type Recommendation struct {
	Case   cases.Case
	Reason string // one or two plain sentences, shown to the user
	// ImageNetLike is how familiar the pictures look to the pretrained
	// network, 0..1 (e.g. the ImageNet head's mean confidence); < 0 unknown.
	ImageNetLike float64
}

// TrainRequest is one training job. Classes hold only the pictures to use:
// the UI leaves out excluded and unlabelled ones.
type TrainRequest struct {
	Network      string
	Case         cases.Case
	Classes      []ClassImages
	Epochs       int     // 0 = the engine's recommendation for the case
	LearningRate float64 // 0 = the engine's recommendation for the case
	BatchSize    int     // 0 = the engine's recommendation for the case
	// ImageSize is the side of the square pictures are scaled and cropped
	// to; 0 = the network's own (224). Small sizes train much faster from
	// scratch (case 4), as in the demo.
	ImageSize int
	ValShare  float64 // fraction of each class held out for validation
	// TestShare of each class's training pictures is held out to test the
	// kept model, never used to choose the epoch; 0 = none.
	TestShare float64
	Augment   bool
	Seed      int64
	Device    string // "auto", "cpu" or "gpu"
	OutDir    string // folder for the saved classifier and caches

	// --- issue 15: the augmentation preview's switches ---

	// NoRandomCrop and NoFlip turn off one of Augment's changes (random
	// parts of the picture; left–right mirror images).
	NoRandomCrop, NoFlip bool
}

// Phase names a stage of training.
type Phase string

// Training phases, in the order they occur.
const (
	// PhaseFeatures: pictures pass once through the frozen network (cases 1
	// and 2); Done of Total pictures.
	PhaseFeatures Phase = "features"
	// PhaseBatch: a batch of epoch Epoch finished; Batch of Batches, with
	// the running TrainLoss and TrainAcc.
	PhaseBatch Phase = "batch"
	// PhaseEpoch: epoch Epoch of Epochs finished, with all four metrics.
	PhaseEpoch Phase = "epoch"
)

// TrainEvent is one progress report from Train.
type TrainEvent struct {
	Phase              Phase
	Epoch, Epochs      int // 1-based epoch, total epochs
	Batch, Batches     int // 1-based batch within the epoch, batches per epoch
	Done, Total        int // pictures through the network (PhaseFeatures)
	TrainLoss, ValLoss float64
	TrainAcc, ValAcc   float64 // fractions 0..1
	Device             string  // what is doing the work, e.g. "GPU: NVIDIA H200" or "CPU (8 cores)"
	Message            string  // optional note for the user
	// Patience is how many epochs without a lower validation loss end
	// training early (the kept model is the epoch with the lowest); 0 when
	// unknown. With it, Epochs is only an upper bound.
	Patience int
}

// EpochStats are the metrics at the end of one epoch.
type EpochStats struct {
	Epoch              int
	TrainLoss, ValLoss float64
	TrainAcc, ValAcc   float64
	Seconds            float64
}

// ImagePrediction is the trained model's answer on one validation picture.
// True and Predicted index TrainResult.Classes; Probs has one entry per class.
type ImagePrediction struct {
	Path            string
	True, Predicted int
	Probs           []float64
}

// TrainResult is what a finished (or stopped) training job produced.
type TrainResult struct {
	Classes     []string
	History     []EpochStats
	BestEpoch   int     // the epoch whose model was kept
	Confusion   [][]int // [true][predicted] counts on the validation pictures
	Predictions []ImagePrediction
	ValAccuracy float64   // of the kept model, 0..1
	Precision   []float64 // per class, 0..1
	Recall      []float64 // per class, 0..1
	// ClassifierPath is the saved model, usable with Predict.
	ClassifierPath string
	Device         string
	Stopped        bool    // the user stopped early; the best model so far was kept
	Seconds        float64 // the whole run, features and testing included; 0 = not known (older projects)
	// Test is the kept model on the held-out test pictures; nil without a
	// test share.
	Test *TestFigures
}

// TestFigures are the kept model's figures on pictures that played no part
// in training or in choosing the epoch.
type TestFigures struct {
	Pictures  int
	Accuracy  float64 // 0..1
	Confusion [][]int // [true][predicted]
}

// Exported describes a model written for other programs: what they need
// to feed it. Its input is float32 (N, 3, Crop, Crop), the picture resized
// so its shorter side is Resize, centre-cropped, scaled to 0..1 and
// normalised with Mean and Std; its output is one probability per class.
type Exported struct {
	File    string
	Bytes   int64
	Classes []string
	Resize  int
	Crop    int
	Mean    [3]float32
	Std     [3]float32
}

// LessonRequest is the four-cases lesson: the job's Case is ignored, and
// each case's model goes into its own folder under OutDir.
type LessonRequest struct {
	TrainRequest
	// Budget is the time the whole lesson may take; cases that would take
	// longer stop early, keeping their best epoch. 0 = the engine's default.
	Budget time.Duration
}

// LessonEvent is one progress report of a lesson: case Index (0-based) of
// Of, the case's own event, and how far the whole lesson is (0..1).
type LessonEvent struct {
	Case      cases.Case
	Index, Of int
	Fraction  float64
	Train     TrainEvent
}

// LessonCase is how one case of a lesson ended.
type LessonCase struct {
	Case   cases.Case
	Result *TrainResult // nil when the case failed
	Err    string       // why it failed, in a sentence
	// Shortened says in plain words how the time budget cut the case
	// short; "" when it did not.
	Shortened string
	Seconds   float64
}

// LessonResult is the lesson's comparison.
type LessonResult struct {
	Cases      []LessonCase
	Winner     cases.Case
	Conclusion string // which case won here and why, in plain words
}

// Prediction is one class and its probability.
type Prediction struct {
	Label string
	Index int
	Prob  float64
}

// --- Explain (issue 15: Grad-CAM heatmaps) ---

// Heatmap is what a network looked at in one picture for one class: its
// Grad-CAM map at the last convolutional block (at the cut for case 2).
type Heatmap struct {
	Class int
	Label string
	Prob  float64 // the model's probability for Class
	Layer string  // where the map was taken, as torchvision names it
	// H, W are the map's size; Values has H*W entries in 0..1, rows first
	// (all 0 when no part of the picture stood out).
	H, W   int
	Values []float32
	// View is the picture as the network saw it (resized, cut to a square),
	// and Overlay the same with the map drawn over it in heat colours.
	View, Overlay image.Image
}

// AugmentPreviewRequest asks for N versions of Image as training makes them
// with the request's settings, from Seed (a new seed, new samples).
type AugmentPreviewRequest struct {
	Image                string
	ImageSize            int // as TrainRequest.ImageSize; 0 = 224
	NoRandomCrop, NoFlip bool
	Seed                 int64
	N                    int
}

// --- "None of these" (issue 12, item 5) ---

// Answer is a saved classifier's answer on one picture.
type Answer struct {
	// Predictions are the top classes, most probable first.
	Predictions []Prediction
	// NoneOfThese says the picture looks unlike every picture the model
	// learned from: its top class then means little.
	NoneOfThese bool
}

// --- Assisted labelling (issue 15) ---

// SuggestRequest asks for classes for the unlabelled pictures.
type SuggestRequest struct {
	Network    string        // whose pretrained features are compared
	Classes    []ClassImages // the labelled pictures, included ones only
	Unlabelled []string
	// ClassifierPath, when not "", is a trained model that suggests
	// instead of the neighbours; "" = the neighbours.
	ClassifierPath string
}

// Suggestion is the class proposed for one unlabelled picture.
type Suggestion struct {
	Path       string
	Class      string
	Confidence float64 // 0..1
}

// Doubt is a labelled picture whose neighbours would put it in another class.
type Doubt struct {
	Path       string
	Labelled   string
	Suggested  string
	Confidence float64 // of Suggested, 0..1
}

// NearDuplicate is two labelled pictures in different classes that look
// all but identical.
type NearDuplicate struct {
	Paths      [2]string
	Classes    [2]string
	Similarity float64 // 0..1
}

// Suggestions are a round of proposals and what to review.
type Suggestions struct {
	Items []Suggestion // one per readable unlabelled picture
	// ByModel is true when the trained model made them, false when the
	// nearest labelled neighbours did.
	ByModel bool
	// DefaultConfidence is where the engine's measured "sure enough to
	// accept" starts, 0..1.
	DefaultConfidence float64
	Mislabelled       []Doubt         // the surest disagreement first
	NearDuplicates    []NearDuplicate // the most alike first
}
