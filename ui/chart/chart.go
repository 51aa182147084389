// Package chart draws live per-epoch line charts (loss, accuracy) from
// canvas lines and text. It knows nothing of the app: the training screen
// appends values, the chart follows the theme.
package chart

import (
	"math"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// marker is the point shape of a series, so series differ by more than
// colour.
type marker int

const (
	markerCircle marker = iota
	markerSquare
)

type chartSeries struct {
	name   string
	color  fyne.ThemeColorName
	marker marker
	values []float64
}

// Line plots per-epoch values (loss, accuracy) of a few series as
// lines with markers, drawn from canvas lines and text so it is crisp at
// any scale, follows the theme and is cheap to update every epoch.
type Line struct {
	widget.BaseWidget

	title  string
	format func(float64) string // y-axis tick labels
	fixed  bool                 // y range fixed by SetYRange
	yMin   float64
	yMax   float64
	xMax   int // x axis spans epochs 1..max(xMax, longest series)
	series []chartSeries
	mark   int    // epoch marked with a vertical line; 0 = none
	markAs string // the mark's label, e.g. "kept"
}

// NewLine returns an empty chart with one series per name; series
// alternate primary/warning colours and circle/square markers.
func NewLine(title string, format func(float64) string, names ...string) *Line {
	if format == nil {
		format = func(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }
	}
	c := &Line{title: title, format: format, yMax: 1}
	colours := []fyne.ThemeColorName{theme.ColorNamePrimary, theme.ColorNameWarning, theme.ColorNameSuccess, theme.ColorNameError}
	for i, n := range names {
		c.series = append(c.series, chartSeries{name: n, color: colours[i%len(colours)], marker: marker(i % 2)})
	}
	c.ExtendBaseWidget(c)
	return c
}

// SetYRange fixes the y axis (e.g. 0..1 for accuracy); otherwise it runs
// from 0 to a little above the largest value.
func (c *Line) SetYRange(min, max float64) {
	c.fixed, c.yMin, c.yMax = true, min, max
	c.Refresh()
}

// SetXMax makes the x axis span at least epochs 1..n, so the chart does not
// rescale every epoch.
func (c *Line) SetXMax(n int) {
	c.xMax = n
	c.Refresh()
}

// Append adds the next epoch's value to series i.
func (c *Line) Append(i int, v float64) {
	c.series[i].values = append(c.series[i].values, v)
	c.Refresh()
}

// Reset removes all values and the mark.
func (c *Line) Reset() {
	for i := range c.series {
		c.series[i].values = nil
	}
	c.mark, c.markAs = 0, ""
	c.Refresh()
}

// SetMark draws a vertical line at epoch (1-based) labelled text, e.g. the
// epoch whose model was kept; 0 removes it.
func (c *Line) SetMark(epoch int, text string) {
	c.mark, c.markAs = epoch, text
	c.Refresh()
}

// Mark returns the marked epoch (0 = none) and its label.
func (c *Line) Mark() (int, string) { return c.mark, c.markAs }

// Values returns a copy of series i.
func (c *Line) Values(i int) []float64 { return slices.Clone(c.series[i].values) }

// yRange returns the y axis limits.
func (c *Line) yRange() (float64, float64) {
	if c.fixed {
		return c.yMin, c.yMax
	}
	top := 0.0
	for _, s := range c.series {
		for _, v := range s.values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				top = math.Max(top, v)
			}
		}
	}
	if top == 0 {
		return 0, 1
	}
	return 0, niceCeil(top * 1.05)
}

// xCount is the number of epochs the x axis spans.
func (c *Line) xCount() int {
	n := c.xMax
	for _, s := range c.series {
		n = max(n, len(s.values))
	}
	return max(n, 1)
}

// niceCeil rounds v up to 1, 2, 2.5 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// MinSize leaves room for the title, legend, labels and a readable plot.
func (c *Line) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return fyne.NewSize(260, 180)
}

// CreateRenderer builds the chart's canvas objects.
func (c *Line) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{chart: c}
}
