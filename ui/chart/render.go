package chart

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// plotRect is the plotting area inside a chart of the given size.
type plotRect struct {
	X, Y, W, H float32
}

// point maps epoch index i (0-based) and value v into the plot.
func (r plotRect) point(i, count int, v, yMin, yMax float64) fyne.Position {
	fx := 0.5
	if count > 1 {
		fx = float64(i) / float64(count-1)
	}
	fy := 0.0
	if yMax > yMin {
		fy = (v - yMin) / (yMax - yMin)
	}
	fy = math.Max(0, math.Min(1, fy))
	return fyne.NewPos(r.X+float32(fx)*r.W, r.Y+r.H-float32(fy)*r.H)
}

// chartRenderer rebuilds its objects on every refresh: a chart has at most
// a few hundred lines, far cheaper than the training step between updates.
type chartRenderer struct {
	chart   *Line
	size    fyne.Size
	objects []fyne.CanvasObject
	plot    plotRect
}

func (r *chartRenderer) Destroy()                     {}
func (r *chartRenderer) MinSize() fyne.Size           { return r.chart.MinSize() }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) Refresh()                     { r.Layout(r.size) }

// Layout draws the chart for size.
func (r *chartRenderer) Layout(size fyne.Size) {
	r.size = size
	c := r.chart
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	grid := th.Color(theme.ColorNameSeparator, v)
	textSize := th.Size(theme.SizeNameCaptionText)
	pad := th.Size(theme.SizeNamePadding)

	r.objects = r.objects[:0]
	title := canvas.NewText(c.title, fg)
	title.TextStyle.Bold = true
	title.TextSize = th.Size(theme.SizeNameText)
	title.Move(fyne.NewPos(pad, 0))
	r.objects = append(r.objects, title)
	top := title.MinSize().Height + pad
	top += r.legend(top, pad, textSize, th, v)

	yMin, yMax := c.yRange()
	labelW := float32(0)
	for k := 0; k <= 4; k++ {
		labelW = max(labelW, fyne.MeasureText(c.format(yMin+(yMax-yMin)*float64(k)/4), textSize, fyne.TextStyle{}).Width)
	}
	r.plot = plotRect{X: labelW + 2*pad, Y: top + textSize/2, W: size.Width - labelW - 4*pad, H: size.Height - top - 2*textSize - 2*pad}
	r.plot.W, r.plot.H = max(r.plot.W, 1), max(r.plot.H, 1)
	r.axes(yMin, yMax, textSize, pad, fg, grid)
	r.drawMark(yMin, yMax, textSize, fg)
	for _, s := range c.series {
		r.drawSeries(s, yMin, yMax, th.Color(s.color, v))
	}
}

// drawMark draws the marked epoch as a vertical line across the plot, its
// label at the top, on the side with room.
func (r *chartRenderer) drawMark(yMin, yMax float64, textSize float32, fg color.Color) {
	c, p := r.chart, r.plot
	n := c.xCount()
	if c.mark < 1 || c.mark > n {
		return
	}
	x := p.point(c.mark-1, n, yMin, yMin, yMax).X
	line := canvas.NewLine(fg)
	line.StrokeWidth = 1
	line.Position1, line.Position2 = fyne.NewPos(x, p.Y), fyne.NewPos(x, p.Y+p.H)
	label := canvas.NewText(c.markAs, fg)
	label.TextSize = textSize
	w := label.MinSize().Width
	lx := x + textSize/4
	if lx+w > p.X+p.W {
		lx = x - textSize/4 - w
	}
	label.Move(fyne.NewPos(lx, p.Y))
	r.objects = append(r.objects, line, label)
}

// legend draws one "marker name" entry per series and returns its height.
func (r *chartRenderer) legend(top, pad, textSize float32, th fyne.Theme, v fyne.ThemeVariant) float32 {
	x := pad
	h := float32(0)
	for _, s := range r.chart.series {
		col := th.Color(s.color, v)
		m := markerObject(s.marker, col, textSize*0.7)
		m.Move(fyne.NewPos(x, top+textSize*0.25))
		t := canvas.NewText(s.name, th.Color(theme.ColorNameForeground, v))
		t.TextSize = textSize
		t.Move(fyne.NewPos(x+textSize, top-textSize*0.1))
		r.objects = append(r.objects, m, t)
		x += textSize + t.MinSize().Width + 2*pad
		h = max(h, t.MinSize().Height)
	}
	return h + pad
}

// axes draws horizontal grid lines with y labels and the epoch labels.
func (r *chartRenderer) axes(yMin, yMax float64, textSize, pad float32, fg, grid color.Color) {
	c := r.chart
	p := r.plot
	for k := 0; k <= 4; k++ {
		v := yMin + (yMax-yMin)*float64(k)/4
		y := p.Y + p.H - float32(k)/4*p.H
		line := canvas.NewLine(grid)
		if k == 0 {
			line.StrokeColor = fg
		}
		line.Position1, line.Position2 = fyne.NewPos(p.X, y), fyne.NewPos(p.X+p.W, y)
		label := canvas.NewText(c.format(v), fg)
		label.TextSize = textSize
		label.Resize(label.MinSize())
		label.Move(fyne.NewPos(p.X-pad-label.MinSize().Width, y-label.MinSize().Height/2))
		r.objects = append(r.objects, line, label)
	}
	yAxis := canvas.NewLine(fg)
	yAxis.Position1, yAxis.Position2 = fyne.NewPos(p.X, p.Y), fyne.NewPos(p.X, p.Y+p.H)
	r.objects = append(r.objects, yAxis)

	n := c.xCount()
	step := max(1, int(math.Ceil(float64(n)/10))) // at most ~10 epoch labels
	for i := 0; i < n; i += step {
		pos := p.point(i, n, yMin, yMin, yMax)
		label := canvas.NewText(strconv.Itoa(i+1), fg)
		label.TextSize = textSize
		label.Move(fyne.NewPos(pos.X-label.MinSize().Width/2, p.Y+p.H+pad/2))
		r.objects = append(r.objects, label)
	}
	caption := canvas.NewText(lang.L("epoch"), fg)
	caption.TextSize = textSize
	caption.Move(fyne.NewPos(p.X+p.W-caption.MinSize().Width, p.Y+p.H+pad/2+textSize))
	r.objects = append(r.objects, caption)
}

// drawSeries draws a segment between consecutive values and a marker on
// each value.
func (r *chartRenderer) drawSeries(s chartSeries, yMin, yMax float64, col color.Color) {
	n := r.chart.xCount()
	ms := r.chart.Theme().Size(theme.SizeNameCaptionText) / 2 // markers grow with the text scale
	for i, v := range s.values {
		pos := r.plot.point(i, n, v, yMin, yMax)
		if i > 0 {
			line := canvas.NewLine(col)
			line.StrokeWidth = 2
			line.Position1 = r.plot.point(i-1, n, s.values[i-1], yMin, yMax)
			line.Position2 = pos
			r.objects = append(r.objects, line)
		}
		m := markerObject(s.marker, col, ms)
		m.Move(pos.SubtractXY(ms/2, ms/2))
		r.objects = append(r.objects, m)
	}
}

func markerObject(m marker, col color.Color, size float32) fyne.CanvasObject {
	var o fyne.CanvasObject
	if m == markerSquare {
		o = canvas.NewRectangle(col)
	} else {
		o = canvas.NewCircle(col)
	}
	o.Resize(fyne.NewSquareSize(size))
	return o
}
