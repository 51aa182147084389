package chart

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"transferlab/ui/look"
)

func TestNiceCeil(t *testing.T) {
	for _, tc := range []struct{ in, want float64 }{
		{0.73, 1}, {1, 1}, {1.2, 2}, {2.2, 2.5}, {3.1, 5}, {7, 10}, {0.031, 0.05}, {120, 200},
	} {
		if got := niceCeil(tc.in); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("niceCeil(%g) = %g, want %g", tc.in, got, tc.want)
		}
	}
}

func TestPlotRectPoint(t *testing.T) {
	r := plotRect{X: 10, Y: 20, W: 300, H: 100}
	for _, tc := range []struct {
		i, n    int
		v       float64
		x, y    float32
		comment string
	}{
		{0, 5, 0, 10, 120, "first epoch at the bottom-left"},
		{4, 5, 1, 310, 20, "last epoch at the top-right"},
		{2, 5, 0.5, 160, 70, "middle"},
		{0, 1, 0.25, 160, 95, "a single epoch is centred"},
		{1, 3, 7, 160, 20, "values above the range are clipped"},
	} {
		p := r.point(tc.i, tc.n, tc.v, 0, 1)
		if p.X != tc.x || p.Y != tc.y {
			t.Errorf("%s: point(%d,%d,%g) = %v, want (%g,%g)", tc.comment, tc.i, tc.n, tc.v, p, tc.x, tc.y)
		}
	}
}

// chartLines returns the data segments of a chart: lines of stroke width 2.
func chartLines(r *chartRenderer) []*canvas.Line {
	var out []*canvas.Line
	for _, o := range r.Objects() {
		if l, ok := o.(*canvas.Line); ok && l.StrokeWidth == 2 {
			out = append(out, l)
		}
	}
	return out
}

func TestLineChartDrawsSegmentsAtValues(t *testing.T) {
	test.NewTempApp(t)
	c := NewLine("Loss", nil, "train", "validation")
	c.SetXMax(4)
	r := test.TempWidgetRenderer(t, c).(*chartRenderer)
	c.Resize(fyne.NewSize(400, 300))
	c.Append(0, 2)
	c.Append(0, 1)
	c.Append(0, 0.5)
	c.Append(1, 1.5)

	if c.xCount() != 4 {
		t.Errorf("x axis spans %d epochs, want 4 (SetXMax)", c.xCount())
	}
	lo, hi := c.yRange()
	if lo != 0 || hi != 2.5 {
		t.Errorf("y range = %g..%g, want 0..2.5 (max 2 plus margin, rounded)", lo, hi)
	}
	lines := chartLines(r)
	if len(lines) != 2 {
		t.Fatalf("%d data segments, want 2 (3 train points, 1 validation point)", len(lines))
	}
	for k, v := range [][2]float64{{2, 1}, {1, 0.5}} {
		from, to := r.plot.point(k, 4, v[0], 0, 2.5), r.plot.point(k+1, 4, v[1], 0, 2.5)
		if lines[k].Position1 != from || lines[k].Position2 != to {
			t.Errorf("segment %d = %v-%v, want %v-%v", k, lines[k].Position1, lines[k].Position2, from, to)
		}
	}
	// The plot lies inside the widget.
	p := r.plot
	if p.X <= 0 || p.Y <= 0 || p.X+p.W > 400 || p.Y+p.H > 300 {
		t.Errorf("plot rect %+v outside 400x300", p)
	}
	// Markers: three circles for train, one square for validation (plus
	// the legend's circle and square).
	circles, squares := 0, 0
	for _, o := range r.Objects() {
		switch o.(type) {
		case *canvas.Circle:
			circles++
		case *canvas.Rectangle:
			squares++
		}
	}
	if circles != 4 || squares != 2 {
		t.Errorf("%d circles and %d squares, want 4 and 2", circles, squares)
	}
	c.Reset()
	if len(chartLines(r)) != 0 || len(c.Values(0)) != 0 {
		t.Error("Reset left data on the chart")
	}
}

func TestLineChartFixedRangeAndLabels(t *testing.T) {
	test.NewTempApp(t)
	c := NewLine("Accuracy", func(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }, "train")
	c.SetYRange(0, 1)
	r := test.TempWidgetRenderer(t, c).(*chartRenderer)
	c.Resize(fyne.NewSize(300, 200))
	c.Append(0, 0.5)
	var labels []string
	for _, o := range r.Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			labels = append(labels, tx.Text)
		}
	}
	for _, want := range []string{"Accuracy", "train", "0%", "25%", "50%", "75%", "100%", "1", "epoch"} {
		found := false
		for _, l := range labels {
			found = found || l == want
		}
		if !found {
			t.Errorf("chart texts %q lack %q", labels, want)
		}
	}
}

func TestLineChartFollowsTheme(t *testing.T) {
	a := test.NewTempApp(t)
	c := NewLine("Loss", nil, "train")
	r := test.TempWidgetRenderer(t, c).(*chartRenderer)
	c.Resize(fyne.NewSize(300, 200))
	titleColour := func() color.Color {
		for _, o := range r.Objects() {
			if tx, ok := o.(*canvas.Text); ok && tx.Text == "Loss" {
				return tx.Color
			}
		}
		t.Fatal("no title")
		return nil
	}
	a.Settings().SetTheme(look.Theme{Base: theme.DefaultTheme(), Variant: "light", Scale: 1})
	c.Refresh()
	light := titleColour()
	a.Settings().SetTheme(look.Theme{Base: theme.DefaultTheme(), Variant: "dark", Scale: 1})
	c.Refresh()
	dark := titleColour()
	if light == dark {
		t.Errorf("title colour %v is the same in light and dark themes", light)
	}
	if want := theme.DefaultTheme().Color(theme.ColorNameForeground, theme.VariantDark); dark != want {
		t.Errorf("dark title colour = %v, want the theme foreground %v", dark, want)
	}
}
