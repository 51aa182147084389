package pictures

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// pictureGrid is the picture grid with a file manager's keys, so the
// pictures can be labelled without a mouse: the arrows move the highlight,
// Space or Enter selects the highlighted picture (or deselects it), Shift
// with an arrow selects as it moves, and 1–9, Delete and Escape do what they
// do with nothing focused (label, exclude, select none).
type pictureGrid struct {
	widget.GridWrap
	d *Screen

	// cursor mirrors the grid's highlighted item, which Fyne keeps to
	// itself; it moves by the same rules.
	cursor int
	shift  bool // a Shift key is held down
}

func newPictureGrid(d *Screen, create func() fyne.CanvasObject, update func(widget.GridWrapItemID, fyne.CanvasObject)) *pictureGrid {
	g := &pictureGrid{d: d}
	g.Length = func() int { return len(d.images) }
	g.CreateItem, g.UpdateItem = create, update
	g.ExtendBaseWidget(g)
	return g
}

// TypedKey moves, selects, or hands the key to the screen.
func (g *pictureGrid) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		if g.cursor < len(g.d.images) {
			g.d.flip(g.d.images[g.cursor])
		}
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		from := g.cursor
		g.GridWrap.TypedKey(ev)
		g.cursor = g.moved(ev.Name)
		if g.shift {
			g.d.selectRange(from, g.cursor)
		}
	default:
		g.d.TypedKey(ev)
	}
}

// moved is where the highlight went for key, by GridWrap's rules.
func (g *pictureGrid) moved(key fyne.KeyName) int {
	n, c, cols := len(g.d.images), g.cursor, max(g.ColumnCount(), 1)
	switch key {
	case fyne.KeyLeft:
		c--
	case fyne.KeyRight:
		c++
	case fyne.KeyUp:
		c -= cols
	case fyne.KeyDown:
		c += cols
	}
	return max(0, min(c, n-1))
}

// TypedRune labels with 1–9; the Space that selects arrives as a key.
func (g *pictureGrid) TypedRune(r rune) { g.d.TypedRune(r) }

// KeyDown notes Shift, which turns arrows into selecting.
func (g *pictureGrid) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		g.shift = true
	}
}

// KeyUp notes Shift let go.
func (g *pictureGrid) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		g.shift = false
	}
}

// FocusLost forgets Shift: its release may go to another widget.
func (g *pictureGrid) FocusLost() {
	g.shift = false
	g.GridWrap.FocusLost()
}

// resetCursor puts the highlight back on the first picture, as a new pile
// is shown.
// GridWrap has no call to set it, so it is moved back by rows, then by
// pictures, by the keys' own rules.
func (g *pictureGrid) resetCursor() {
	for g.cursor > 0 {
		key := fyne.KeyLeft
		if g.cursor >= max(g.ColumnCount(), 1) {
			key = fyne.KeyUp
		}
		g.GridWrap.TypedKey(&fyne.KeyEvent{Name: key})
		g.cursor = g.moved(key)
	}
}
