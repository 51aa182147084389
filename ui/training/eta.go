package training

import (
	"math"
	"time"

	"fyne.io/fyne/v2/lang"

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
func formatTimeLeft(d time.Duration) string { return timeLeftText(d, false) }

// timeLeftText is formatTimeLeft, said as an upper bound when atMost (early
// stopping may end the run sooner). Each variant is a whole sentence, so
// that it translates as one.
func timeLeftText(d time.Duration, atMost bool) string {
	h := int(d.Hours())
	data := map[string]any{"H": h, "M": int(math.Round(d.Minutes())) - 60*h, "N": int(math.Round(d.Minutes()))}
	switch {
	case d < 10*time.Second:
		return lang.L("a few seconds left")
	case d < time.Minute:
		data["N"] = int(math.Round(d.Seconds()/10)) * 10
		if atMost {
			return lang.L("at most about {{.N}} seconds left", data)
		}
		return lang.L("about {{.N}} seconds left", data)
	case d < 90*time.Second && atMost:
		return lang.L("at most about 1 minute left")
	case d < 90*time.Second:
		return lang.L("about 1 minute left")
	case d < time.Hour && atMost:
		return lang.L("at most about {{.N}} minutes left", data)
	case d < time.Hour:
		return lang.L("about {{.N}} minutes left", data)
	case atMost:
		return lang.L("at most about {{.H}} h {{.M}} min left", data)
	}
	return lang.L("about {{.H}} h {{.M}} min left", data)
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
	data := map[string]any{"Done": ev.Done, "Total": ev.Total, "Epoch": ev.Epoch, "Epochs": ev.Epochs,
		"Batch": ev.Batch, "Batches": ev.Batches, "Percent": words.Percent(ev.ValAcc)}
	switch {
	case ev.Phase == ui.PhaseFeatures:
		return lang.L("Step 1 of 2: passing pictures through the pretrained network ({{.Done}} of {{.Total}})", data)
	case ev.Phase == ui.PhaseBatch && upTo:
		return lang.L("Training: epoch {{.Epoch}} of at most {{.Epochs}}, batch {{.Batch}} of {{.Batches}}", data)
	case ev.Phase == ui.PhaseBatch:
		return lang.L("Training: epoch {{.Epoch}} of {{.Epochs}}, batch {{.Batch}} of {{.Batches}}", data)
	case ev.Phase == ui.PhaseEpoch && upTo:
		return lang.L("Training: epoch {{.Epoch}} of at most {{.Epochs}} done, validation accuracy {{.Percent}}", data)
	case ev.Phase == ui.PhaseEpoch:
		return lang.L("Training: epoch {{.Epoch}} of {{.Epochs}} done, validation accuracy {{.Percent}}", data)
	}
	return ev.Message
}
