package training

import (
	"testing"
	"time"

	"transferlab/ui"
)

func TestTimeLeft(t *testing.T) {
	if _, ok := timeLeft(time.Minute, 0); ok {
		t.Error("estimate with no progress")
	}
	if _, ok := timeLeft(time.Minute, 0.005); ok {
		t.Error("estimate from under 1% progress")
	}
	if d, ok := timeLeft(30*time.Second, 0.25); !ok || d != 90*time.Second {
		t.Errorf("timeLeft(30s, 25%%) = %v, %v; want 90s", d, ok)
	}
	if d, ok := timeLeft(time.Minute, 1); !ok || d != 0 {
		t.Errorf("timeLeft when done = %v, %v", d, ok)
	}
}

func TestFormatTimeLeft(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{3 * time.Second, "a few seconds left"},
		{24 * time.Second, "about 20 seconds left"},
		{55 * time.Second, "about 60 seconds left"},
		{80 * time.Second, "about 1 minute left"},
		{7*time.Minute + 40*time.Second, "about 8 minutes left"},
		{2*time.Hour + 5*time.Minute, "about 2 h 5 min left"},
	} {
		if got := formatTimeLeft(tc.d); got != tc.want {
			t.Errorf("formatTimeLeft(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestPhaseFraction(t *testing.T) {
	for _, tc := range []struct {
		ev   ui.TrainEvent
		want float64
	}{
		{ui.TrainEvent{Phase: ui.PhaseFeatures, Done: 15, Total: 60}, 0.25},
		{ui.TrainEvent{Phase: ui.PhaseBatch, Epoch: 2, Epochs: 4, Batch: 1, Batches: 2}, 0.375},
		{ui.TrainEvent{Phase: ui.PhaseEpoch, Epoch: 3, Epochs: 4}, 0.75},
		{ui.TrainEvent{Phase: ui.PhaseFeatures}, 0},
	} {
		if got := phaseFraction(tc.ev); got != tc.want {
			t.Errorf("phaseFraction(%+v) = %g, want %g", tc.ev, got, tc.want)
		}
	}
}
