package chart

import (
	"fmt"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestShareIsDrawnToScale: the fill is the value's fraction of the track,
// 0% draws no fill at all, the text sits beside the bar, not on it, and
// bars of one width share one track length whatever their text.
func TestShareIsDrawnToScale(t *testing.T) {
	test.NewTempApp(t)
	var track float32
	for _, v := range []float64{0, 0.018, 0.5, 0.982, 1, 1.7, -0.2} {
		s := NewShare(v, fmt.Sprintf("%.1f%%", 100*v))
		r := test.WidgetRenderer(s).(*shareRenderer)
		s.Resize(fyne.NewSize(400, 30))
		r.Layout(s.Size())
		want := math.Min(math.Max(v, 0), 1)
		got := float64(r.fill.Size().Width / r.track.Size().Width)
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("value %g: fill is %.4f of the track", v, got)
		}
		if r.label.Position().X < r.track.Position().X+r.track.Size().Width {
			t.Errorf("value %g: the text starts at %v, on the track (to %v)", v, r.label.Position().X, r.track.Size().Width)
		}
		if track == 0 {
			track = r.track.Size().Width
		} else if r.track.Size().Width != track {
			t.Errorf("value %g: track %v long, the first was %v", v, r.track.Size().Width, track)
		}
	}
}
