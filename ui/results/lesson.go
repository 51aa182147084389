package results

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/store"
)

// lessonTitle heads the lesson's comparison and its card.
func lessonTitle() string { return lang.L("What the four cases did with your pictures") }

// showLesson ticks the lesson's runs and opens their comparison, the
// conclusion on top.
func (v *runsView) showLesson() {
	l := v.s.Lesson()
	if l == nil {
		return
	}
	clear(v.picked)
	for _, i := range l.Runs {
		v.picked[i] = true
	}
	v.refresh()
	v.openComparison(lessonTitle(), lessonConclusion(l)...)
}

// lessonConclusion is the lesson's verdict and its notes, as labels.
func lessonConclusion(l *store.Lesson) []fyne.CanvasObject {
	out := []fyne.CanvasObject{wrapped(l.Conclusion, fyne.TextStyle{Bold: true})}
	for _, n := range l.Notes {
		out = append(out, wrapped(n, fyne.TextStyle{Italic: true}))
	}
	return out
}

// lessonCard keeps the last lesson's conclusion at the top of the screen,
// with a way back to its comparison.
func (v *runsView) lessonCard(l *store.Lesson) fyne.CanvasObject {
	again := widget.NewButtonWithIcon(lang.L("Compare the lesson's runs again"), theme.ListIcon(), v.showLesson)
	return container.NewVBox(heading(lessonTitle()), container.NewVBox(lessonConclusion(l)...), container.NewHBox(again))
}

func wrapped(text string, style fyne.TextStyle) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, style)
	l.Wrapping = fyne.TextWrapWord
	return l
}
