// Package glossary explains the technical words the app cannot avoid
// (epoch, validation, learning rate…) in one sentence each, for people who
// do not program: a "?" button beside the word where it appears, and the
// whole list under Help › Glossary.
package glossary

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Term is one word and what it means, both in the user's language.
type Term struct {
	Word    string
	Meaning string
}

// The words the screens explain; pass one of these to Button or FormItem.
const (
	Epoch          = "Epoch"
	Validation     = "Validation pictures"
	TestShare      = "Test share"
	LearningRate   = "Learning rate"
	BatchSize      = "Batch size"
	PictureSize    = "Picture size"
	Augmentation   = "Augmentation"
	Seed           = "Random seed"
	Device         = "Device"
	Parameters     = "Parameters"
	ImageNet       = "ImageNet top-1"
	Weights        = "Pretrained weights"
	Loss           = "Loss"
	Accuracy       = "Accuracy"
	Confusion      = "Confusion table"
	Precision      = "Precision"
	Recall         = "Recall"
	Case           = "Case"
	Speed          = "Speed here"
	NoneOfThese    = "None of these"
	ONNX           = "ONNX"
	Classifier     = "Model"
	Overfitting    = "Overfitting"
	FrozenBackbone = "Frozen network"
)

// meanings are the explanations, in English; All and Meaning translate them.
func meanings() map[string]string {
	return map[string]string{
		Epoch:          "One pass of training over all the training pictures; training repeats it several times and keeps the best one.",
		Validation:     "Pictures held back from training and used to check, after each epoch, how well the model does on pictures it has not learned from.",
		TestShare:      "Pictures kept out of training and out of choosing the best epoch, so the final score is an honest one.",
		LearningRate:   "How big a step the network takes each time it corrects itself: too big and it jumps around, too small and it learns slowly.",
		BatchSize:      "How many pictures the network looks at before each correction; bigger batches need more memory.",
		PictureSize:    "The side, in pixels, of the square every picture is scaled to before the network sees it.",
		Augmentation:   "Showing each picture slightly changed (flipped, cropped) each time, so the model learns the subject and not one exact picture.",
		Seed:           "A number that fixes the random choices (which pictures are held back, the order of training), so the same settings give the same result.",
		Device:         "What does the arithmetic: the graphics card (GPU) is usually much faster than the processor (CPU).",
		Parameters:     "The numbers a network learns; M means millions. More parameters can learn more but are slower.",
		ImageNet:       "How often the network named the right one of 1,000 everyday subjects on its original test photos.",
		Weights:        "What a network learned from a million photos, downloaded once and kept on this computer.",
		Loss:           "How wrong the model is on average; lower is better. It falls as the model learns.",
		Accuracy:       "The share of pictures the model names correctly.",
		Confusion:      "A table of the true class (rows) against the model's answer (columns): the diagonal is right, every other cell is a kind of mistake.",
		Precision:      "Of the pictures the model put in a class, the share that really belong there.",
		Recall:         "Of the pictures that belong to a class, the share the model found.",
		Case:           "One of four ways to reuse a pretrained network, chosen by how many pictures you have and how much they look like everyday photos.",
		Speed:          "How many pictures per second this computer trains; unknown until a run has been timed.",
		NoneOfThese:    "The picture looks unlike every class the model learned, so no answer should be trusted; add an \"other\" class with pictures like it.",
		ONNX:           "A standard file format for models, so other programs and phones can use what you trained.",
		Classifier:     "What training makes: the network with your classes, saved in a file, that names the class of a new picture.",
		Overfitting:    "When a model learns its training pictures by heart and does worse on new ones: training accuracy rises while validation accuracy stalls.",
		FrozenBackbone: "The pretrained part of the network is kept as it is and only the new last step learns: fast, and good with few pictures.",
	}
}

// Keys are the glossary's texts in English, as the translation files
// know them (their words and meanings are translated from variables).
func Keys() []string {
	var out []string
	for w, m := range meanings() {
		out = append(out, w, m)
	}
	return out
}

// Meaning is word's explanation in the user's language ("" if unknown).
func Meaning(word string) string {
	m, ok := meanings()[word]
	if !ok {
		return ""
	}
	return lang.L(m)
}

// All lists every term, translated, in alphabetical order of the word.
func All() []Term {
	var out []Term
	for w, m := range meanings() {
		out = append(out, Term{Word: lang.L(w), Meaning: lang.L(m)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Word < out[j].Word })
	return out
}

// Button is a small "?" button that explains word in a dialog; it takes
// keyboard focus like any button, so the explanation is reachable with
// Tab and Space too.
func Button(word string, win fyne.Window) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.QuestionIcon(), func() {
		dialog.ShowInformation(lang.L(word), Meaning(word), win)
	})
	b.Importance = widget.LowImportance
	return b
}

// Link is a low-key button naming word with a "?", for a heading whose
// numbers use it: "? Parameters" under "Network".
func Link(word string, win fyne.Window) *widget.Button {
	b := Button(word, win)
	b.SetText(lang.L(word))
	return b
}

// FormItem is a form row for word whose widget has the "?" button after it.
func FormItem(word string, w fyne.CanvasObject, win fyne.Window) *widget.FormItem {
	return widget.NewFormItem(lang.L(word), WithButton(word, w, win))
}

// WithButton places the "?" button for word after o.
func WithButton(word string, o fyne.CanvasObject, win fyne.Window) fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, Button(word, win), o)
}

// Show lists the whole glossary in a dialog of size (Help › Glossary).
func Show(win fyne.Window, size fyne.Size) {
	list := container.NewVBox()
	for _, t := range All() {
		word := widget.NewLabelWithStyle(t.Word, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		meaning := widget.NewLabel(t.Meaning)
		meaning.Wrapping = fyne.TextWrapWord
		list.Add(container.NewVBox(word, meaning))
	}
	d := dialog.NewCustom(lang.L("Glossary"), lang.L("Close"), container.NewVScroll(list), win)
	d.Resize(size)
	d.Show()
}
