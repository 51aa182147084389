package pictures

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// classCard is a tappable card for one class (or for the Unlabelled and
// Excluded piles): name, picture count, a few thumbnails. Tapping shows its
// pictures; dropping dragged pictures on it moves them there.
type classCard struct {
	widget.BaseWidget

	view    imageView
	current bool
	focused bool // has the keyboard: Space or Enter shows its pictures
	body    fyne.CanvasObject
	bg      *canvas.Rectangle
	onTap   func()
}

func newClassCard(view imageView, body fyne.CanvasObject, current bool, onTap func()) *classCard {
	c := &classCard{view: view, body: body, current: current, onTap: onTap, bg: canvas.NewRectangle(nil)}
	c.bg.CornerRadius = theme.Size(theme.SizeNameSelectionRadius)
	c.bg.StrokeWidth = 2
	c.ExtendBaseWidget(c)
	c.Refresh()
	return c
}

// CreateRenderer puts the body on a rounded background.
func (c *classCard) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.NewPadded(c.body)))
}

// Refresh re-reads the theme colours; the current card is outlined and
// filled, so it stands out without relying on colour alone.
func (c *classCard) Refresh() {
	c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	c.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	c.bg.StrokeWidth = 2
	if c.current {
		c.bg.FillColor = theme.Color(theme.ColorNameSelection)
		c.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	}
	if c.focused { // thick, in the text colour: plain to see on any card
		c.bg.StrokeColor = theme.Color(theme.ColorNameForeground)
		c.bg.StrokeWidth = 3
	}
	c.bg.Refresh()
	c.BaseWidget.Refresh()
}

// Tapped shows the card's pictures.
func (c *classCard) Tapped(*fyne.PointEvent) {
	if c.onTap != nil {
		c.onTap()
	}
}

// contains reports whether the window position at lies on the card.
func (c *classCard) contains(at fyne.Position) bool {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
	size := c.Size()
	return at.X >= pos.X && at.Y >= pos.Y && at.X < pos.X+size.Width && at.Y < pos.Y+size.Height
}

// FocusGained outlines the card: Tab reaches the cards, so the piles can be
// chosen without a mouse.
func (c *classCard) FocusGained() {
	c.focused = true
	c.Refresh()
}

// FocusLost drops the outline.
func (c *classCard) FocusLost() {
	c.focused = false
	c.Refresh()
}

// TypedKey shows the card's pictures on Space or Enter.
func (c *classCard) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		c.Tapped(nil)
	}
}

// TypedRune ignores text: the card is not an entry.
func (c *classCard) TypedRune(rune) {}
