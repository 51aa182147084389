package train

import (
	"fmt"

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
