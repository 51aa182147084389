package chart

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shareTrackWidth is the bar's length at 100%, in unscaled pixels: long
// enough to tell 2% from 5% apart, short enough for a narrow window.
const shareTrackWidth = 240

// Share draws a fraction (a probability, say) as a bar to scale with its
// text beside it: 2% is a sliver, not a full-width bar as a progress bar
// with its text centred over the track makes it look.
type Share struct {
	widget.BaseWidget
	value float64 // 0..1, clamped
	text  string
}

// NewShare returns a bar of value (clamped to 0..1) labelled text.
func NewShare(value float64, text string) *Share {
	s := &Share{value: min(max(value, 0), 1), text: text}
	s.ExtendBaseWidget(s)
	return s
}

// Value is the fraction drawn.
func (s *Share) Value() float64 { return s.value }

func (s *Share) CreateRenderer() fyne.WidgetRenderer {
	r := &shareRenderer{s: s, track: canvas.NewRectangle(nil), fill: canvas.NewRectangle(nil), label: canvas.NewText(s.text, nil)}
	r.Refresh()
	return r
}

type shareRenderer struct {
	s           *Share
	track, fill *canvas.Rectangle
	label       *canvas.Text
}

func (r *shareRenderer) Destroy() {}

func (r *shareRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.label}
}

// MinSize is the track and the text beside it, one line high.
func (r *shareRenderer) MinSize() fyne.Size {
	pad := r.s.Theme().Size(theme.SizeNamePadding)
	return fyne.NewSize(shareTrackWidth+pad+r.textWidth(), r.label.MinSize().Height+pad)
}

// textWidth is the room kept for the text: the widest a percentage gets,
// so the bars of one list share one track length whatever their text.
func (r *shareRenderer) textWidth() float32 {
	widest := fyne.MeasureText("100.0%", r.label.TextSize, r.label.TextStyle).Width
	return max(widest, r.label.MinSize().Width)
}

// Layout keeps the text's room on the right and gives the track the rest;
// the fill is value of the track, from the left.
func (r *shareRenderer) Layout(size fyne.Size) {
	pad := r.s.Theme().Size(theme.SizeNamePadding)
	t := r.label.MinSize()
	trackW := max(size.Width-r.textWidth()-pad, 0)
	barH := t.Height * 0.7
	y := (size.Height - barH) / 2
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(trackW, barH))
	r.fill.Move(fyne.NewPos(0, y))
	r.fill.Resize(fyne.NewSize(trackW*float32(r.s.value), barH))
	r.label.Move(fyne.NewPos(trackW+pad, (size.Height-t.Height)/2))
	r.label.Resize(t)
}

// Refresh follows the theme: the track is the input background with a
// separator-coloured outline, so an empty bar reads as empty in the light
// and the dark theme.
func (r *shareRenderer) Refresh() {
	th := r.s.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.track.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.track.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.track.StrokeWidth = 1
	r.fill.FillColor = th.Color(theme.ColorNamePrimary, v)
	r.label.Color = th.Color(theme.ColorNameForeground, v)
	r.label.TextSize = th.Size(theme.SizeNameText)
	r.label.Text = r.s.text
	r.Layout(r.s.Size())
	canvas.Refresh(r.s)
}
