package training

import (
	"fmt"
	"math"
	"time"

	"transferlab/ui"
	"transferlab/ui/words"
)

// timeLeft estimates the remaining time of a phase that is fraction done
// after elapsed, assuming a steady pace. ok is false until there is enough
// progress to say anything.
func timeLeft(elapsed time.Duration, fraction float64) (left time.Duration, ok bool) {
	if fraction <= 0.01 || fraction > 1 || elapsed <= 0 {
		return 0, false
	}
	return time.Duration(float64(elapsed) * (1 - fraction) / fraction), true
}

// formatTimeLeft says how long is left in words, rounded the way people
// say it.
func formatTimeLeft(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return "a few seconds left"
	case d < time.Minute:
		return fmt.Sprintf("about %d seconds left", int(math.Round(d.Seconds()/10))*10)
	case d < 90*time.Second:
		return "about 1 minute left"
	case d < time.Hour:
		return fmt.Sprintf("about %d minutes left", int(math.Round(d.Minutes())))
	}
	h := int(d.Hours())
	m := int(math.Round(d.Minutes())) - 60*h
	return fmt.Sprintf("about %d h %d min left", h, m)
}

// phaseFraction is how far through its phase an event is, 0..1.
func phaseFraction(ev ui.TrainEvent) float64 {
	switch ev.Phase {
	case ui.PhaseFeatures:
		if ev.Total > 0 {
			return float64(ev.Done) / float64(ev.Total)
		}
	case ui.PhaseBatch:
		if ev.Epochs > 0 && ev.Batches > 0 {
			return (float64(ev.Epoch-1) + float64(ev.Batch)/float64(ev.Batches)) / float64(ev.Epochs)
		}
	case ui.PhaseEpoch:
		if ev.Epochs > 0 {
			return float64(ev.Epoch) / float64(ev.Epochs)
		}
	}
	return 0
}

// phaseText describes an event for the progress line. upTo says the
// number of epochs is only an upper bound (the engine chose it and stops
// as soon as the model no longer improves).
func phaseText(ev ui.TrainEvent, upTo bool) string {
	of := "of"
	if upTo {
		of = "of at most"
	}
	switch ev.Phase {
	case ui.PhaseFeatures:
		return fmt.Sprintf("Step 1 of 2: passing pictures through the pretrained network (%d of %d)", ev.Done, ev.Total)
	case ui.PhaseBatch:
		return fmt.Sprintf("Training: epoch %d %s %d, batch %d of %d", ev.Epoch, of, ev.Epochs, ev.Batch, ev.Batches)
	case ui.PhaseEpoch:
		return fmt.Sprintf("Training: epoch %d %s %d done, validation accuracy %s", ev.Epoch, of, ev.Epochs, words.Percent(ev.ValAcc))
	}
	return ev.Message
}
