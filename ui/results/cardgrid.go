package results

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// cardGrid lays cards out in rows like container.NewGridWrap, but its
// cells are as big as the biggest card needs: with large text or a longer
// language the cards grow instead of cutting their buttons.
type cardGrid struct {
	cols int // columns at the last layout; 0 before the first
}

// cell is the size every card gets.
func (g *cardGrid) cell(objects []fyne.CanvasObject) fyne.Size {
	var c fyne.Size
	for _, o := range objects {
		if o.Visible() {
			c = c.Max(o.MinSize())
		}
	}
	return c
}

// Layout fills rows left to right with as many cells as fit.
func (g *cardGrid) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	c, pad := g.cell(objects), theme.Padding()
	g.cols = max(1, int(math.Floor(float64((size.Width+pad)/(c.Width+pad)))))
	i := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		row, col := i/g.cols, i%g.cols
		o.Move(fyne.NewPos(float32(col)*(c.Width+pad), float32(row)*(c.Height+pad)))
		o.Resize(c)
		i++
	}
}

// MinSize is one cell wide and as many rows high as the last layout made.
func (g *cardGrid) MinSize(objects []fyne.CanvasObject) fyne.Size {
	c, pad := g.cell(objects), theme.Padding()
	n := 0
	for _, o := range objects {
		if o.Visible() {
			n++
		}
	}
	rows := (n + max(g.cols, 1) - 1) / max(g.cols, 1)
	if rows == 0 {
		return fyne.Size{}
	}
	return fyne.NewSize(c.Width, float32(rows)*(c.Height+pad)-pad)
}
