package train

import (
	"fmt"
	"math"
	"strings"

	"transferlab/engine/cases"
)

// Thresholds of the recommendation. Many images means enough to train every
// layer without overfitting; an ImageNet-like collection is one on which
// the pretrained network is already fairly sure of an ImageNet class.
const (
	ManyImagesPerClass = 300
	ImageNetLikeAbove  = 0.3
)

// Advice is a recommended case with its reason in plain words.
type Advice struct {
	Case   cases.Case
	Reason string
}

// Recommend picks a case from the smallest class size and how ImageNet-like
// the pictures look (the pretrained network's mean top-1 probability on a
// sample; negative when unknown, e.g. without pretrained weights).
func Recommend(smallestClass int, likeness float64) Advice {
	many := smallestClass >= ManyImagesPerClass
	size := fmt.Sprintf("Your smallest class has %d pictures", smallestClass)
	if many {
		size += " — enough to train the whole network"
	} else {
		size += fmt.Sprintf(", fewer than the %d it takes to train the whole network well", ManyImagesPerClass)
	}
	var look string
	similar := true
	switch {
	case likeness < 0:
		look = "we could not check how familiar they look to the pretrained network, so we assume everyday photos"
	case likeness >= ImageNetLikeAbove:
		look = fmt.Sprintf("they look like everyday photos to the pretrained network (it is on average %.0f%% sure of what it sees)", 100*likeness)
	default:
		similar = false
		look = fmt.Sprintf("they look unusual to the pretrained network (it is on average only %.0f%% sure of what it sees)", 100*likeness)
	}
	return Advice{Case: cases.Fitting(many, similar), Reason: fmt.Sprintf("%s, and %s.", size, look)}
}

// MeasuredOption is one frozen case measured by cross-validation on the
// user's pictures: case 1 (Cut "") or case 2 cut at Cut.
type MeasuredOption struct {
	Case     cases.Case `json:"case"`
	Cut      string     `json:"cut"`
	Accuracy float64    `json:"accuracy"` // mean share of held-back pictures recognised, 0..1
	Spread   float64    `json:"spread"`   // standard deviation over the folds
}

// SimplerWithin is how much better (in accuracy) a cut must measure than
// the whole backbone to be recommended: a smaller gain is within what the
// measurement can tell apart on a few hundred pictures, and case 1 is the
// simpler one (no cut to choose, and the features the ImageNet classifier
// itself reads).
const SimplerWithin = 0.01

// ChooseMeasured picks, among measured frozen options (case 1 first, then
// the cuts), the best cut if it beats case 1 by more than SimplerWithin,
// otherwise case 1. Among cuts, the first best one counts.
func ChooseMeasured(options []MeasuredOption) MeasuredOption {
	var whole, cut *MeasuredOption
	for i := range options {
		o := &options[i]
		switch {
		case o.Case == cases.FrozenBackbone && whole == nil:
			whole = o
		case o.Case == cases.CutBackbone && (cut == nil || o.Accuracy > cut.Accuracy):
			cut = o
		}
	}
	if whole == nil || (cut != nil && cut.Accuracy > whole.Accuracy+SimplerWithin) {
		return *cut
	}
	return *whole
}

// MeasuredReason says in plain words what the measurement found and why
// chosen won: options in their order (case 1 first), on sampled pictures.
func MeasuredReason(options []MeasuredOption, chosen MeasuredOption, sampled int) string {
	var parts []string
	for i, o := range options {
		switch {
		case o.Case == cases.FrozenBackbone:
			parts = append(parts, fmt.Sprintf("the network's last block recognised %s of the held-back pictures", pointsOf(o)))
		case i == 1:
			parts = append(parts, fmt.Sprintf("an earlier cut at %s %s", o.Cut, pointsOf(o)))
		default:
			parts = append(parts, fmt.Sprintf("one at %s %s", o.Cut, pointsOf(o)))
		}
	}
	list := parts[0]
	if n := len(parts); n > 1 {
		list = strings.Join(parts[:n-1], ", ") + " and " + parts[n-1]
	}
	s := fmt.Sprintf("Trained on four fifths of %d of your pictures and checked on the fifth held back, five times over, %s.", sampled, list)
	if chosen.Case == cases.CutBackbone {
		return s + fmt.Sprintf(" Cutting at %s did best, so case 2 cut there.", chosen.Cut)
	}
	return s + " No cut did clearly better than the whole backbone, the simpler choice, so case 1."
}

// pointsOf is an option's accuracy with its spread, in percent.
func pointsOf(o MeasuredOption) string {
	return fmt.Sprintf("%.0f%% (± %.0f)", 100*o.Accuracy, 100*o.Spread)
}

// WholeNetworkEstimate is an estimate, not a measurement, of what letting
// the whole network learn (cases 3 and 4) would bring: from the best frozen
// accuracy, the smallest class and how long it would take here (minutes,
// from a measured forward speed). Fine-tuning tends to beat frozen features
// only with a few hundred pictures per class (ManyImagesPerClass), and
// training from scratch needs thousands.
func WholeNetworkEstimate(best float64, smallestClass int, minutes float64) string {
	took := fmt.Sprintf("would take up to %s here", minutesText(minutes))
	switch {
	case smallestClass < ManyImagesPerClass:
		return fmt.Sprintf("Letting the whole network learn (case 3) %s and, with %d pictures in your smallest class (fewer than %d), is unlikely to do clearly better; training from scratch (case 4) needs thousands per class.",
			took, smallestClass, ManyImagesPerClass)
	case best >= 0.95:
		return fmt.Sprintf("Letting the whole network learn (case 3) %s, with little left to gain above %.0f%%; training from scratch (case 4) needs thousands of pictures per class.", took, 100*best)
	}
	return fmt.Sprintf("With at least %d pictures per class, letting the whole network learn (case 3) may gain a few points, and %s; training from scratch (case 4) rarely beats it below thousands of pictures per class.",
		smallestClass, took)
}

// minutesText says minutes as the upper end of a wide band, as wide as
// the estimate is rough (early stopping, the pictures' sizes, other
// programs), so that two askings timed a little differently read the same.
func minutesText(m float64) string {
	switch {
	case m < 1:
		return "a minute"
	case m < 10:
		return "ten minutes"
	case m < 30:
		return "half an hour"
	case m < 90:
		return "an hour and a half"
	}
	return fmt.Sprintf("%.0f hours", math.Ceil(m/60))
}
