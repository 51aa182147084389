// Package cases says what each of the four transfer-learning cases means:
// whether it needs pretrained weights, whether the backbone trains, whether
// the network is cut, its default recipe, and its name and explanation in
// plain words. It is the only place that knows which number is which case,
// so the engine, the command line and the app cannot drift apart; on the
// wire (project files, classifier files, --case) a case is its number.
//
// The package imports neither gorgonia nor Fyne: the UI may use it.
package cases

import "fmt"

// Case is one of the four ways to learn from a pretrained network, chosen by
// how much data there is and how much it looks like ImageNet (see Fitting).
// Its value is the number users and files know it by; ask its methods what
// it means rather than comparing numbers.
type Case int

// The four cases, and None for "not chosen" (a project that follows the
// recommendation).
const (
	None           Case = 0
	FrozenBackbone Case = 1 // small data like ImageNet: frozen backbone, new classifier
	CutBackbone    Case = 2 // small data unlike ImageNet: cut earlier, frozen, new classifier
	FineTune       Case = 3 // large data like ImageNet: pretrained start, everything trains
	FromScratch    Case = 4 // large data unlike ImageNet: random start, everything trains
)

// All returns the four cases in order.
func All() []Case { return []Case{FrozenBackbone, CutBackbone, FineTune, FromScratch} }

// Check says why c is not one of the four cases, in words a user can act on.
func (c Case) Check() error {
	if c < FrozenBackbone || c > FromScratch {
		return fmt.Errorf("case must be 1, 2, 3 or 4, not %d", int(c))
	}
	return nil
}

// Valid reports whether c is one of the four cases.
func (c Case) Valid() bool { return c.Check() == nil }

// Fitting is the case for data with enough pictures to train every layer
// (many) that look like ImageNet's (everyday): small and similar 1, small
// and different 2, large and similar 3, large and different 4.
func Fitting(many, everyday bool) Case {
	switch {
	case !many && everyday:
		return FrozenBackbone
	case !many:
		return CutBackbone
	case everyday:
		return FineTune
	}
	return FromScratch
}

// NeedsPretrained reports whether the case starts from ImageNet weights
// (every case but training from scratch).
func (c Case) NeedsPretrained() bool { return c.Valid() && c != FromScratch }

// TrainsBackbone reports whether the pretrained part learns too; when it
// does not, only a new classifier trains, on features computed once.
func (c Case) TrainsBackbone() bool { return c == FineTune || c == FromScratch }

// Cuts reports whether the backbone is cut after an earlier block (at the
// network's default cut unless the user names another): early features are
// generic, so they suit pictures unlike ImageNet's.
func (c Case) Cuts() bool { return c == CutBackbone }

// Short is a few words for the case, as in `transferlab train -h`.
func (c Case) Short() string {
	return map[Case]string{
		FrozenBackbone: "frozen backbone", CutBackbone: "cut backbone",
		FineTune: "fine-tune all", FromScratch: "from scratch",
	}[c]
}

// Title names the case by the data it suits, in plain words.
func (c Case) Title() string {
	return map[Case]string{
		FrozenBackbone: "Few pictures, everyday subjects",
		CutBackbone:    "Few pictures, unusual subjects",
		FineTune:       "Many pictures, everyday subjects",
		FromScratch:    "Many pictures, unusual subjects",
	}[c]
}

// Explain says what the case does and when it helps, for someone who does
// not program.
func (c Case) Explain() string {
	return map[Case]string{
		FrozenBackbone: "Keep everything the network learned from a million photos and train only a new last step that " +
			"chooses between your classes. Fast, and works with 20 to 100 pictures per class when your " +
			"pictures look like ordinary photos (animals, objects, plants, vehicles).",
		CutBackbone: "For pictures unlike everyday photos (X-rays, microscope slides, drawings, satellite images). Keep " +
			"only the network's first layers, which see edges, colours and textures useful for any picture, " +
			"and train a new last step on top of them.",
		FineTune: "With hundreds of pictures per class, start from what the network learned and let all of it adjust " +
			"a little (a small learning rate). Slower, and usually the most accurate.",
		FromScratch: "Train the whole network from scratch, starting from random numbers. Needs thousands of pictures " +
			"and much more time; with few pictures it does badly. Try it next to case 1 to see why " +
			"transfer learning helps.",
	}[c]
}
