package results

import (
	"fmt"
	"strings"

	"transferlab/ui/project"
	"transferlab/ui/store"
	"transferlab/ui/words"
)

// runName is how the screens name run i: "Run 3", counted from 1 in the
// order the runs were made, as the run-N model folders are.
func runName(i int) string { return fmt.Sprintf("Run %d", i+1) }

// networkTitle is the network's display name, else its command-line name
// (a run may name a network this computer no longer offers).
func networkTitle(s *store.Store, name string) string {
	if n, ok := s.Network(name); ok {
		return n.Title
	}
	return name
}

// whenText says when a run ended; "-" for runs that do not say.
func whenText(r project.Run) string {
	if r.Finished.IsZero() {
		return "-"
	}
	return r.Finished.Local().Format("2 Jan 15:04")
}

// settingsText lists the settings that change what a run learns.
func settingsText(set project.Settings) string {
	auto := func(v any, zero bool) string {
		if zero {
			return "auto"
		}
		return fmt.Sprint(v)
	}
	parts := []string{
		"epochs " + auto(set.Epochs, set.Epochs == 0),
		"learning rate " + auto(set.LearningRate, set.LearningRate == 0),
		"batch " + auto(set.BatchSize, set.BatchSize == 0),
		fmt.Sprintf("%.0f%% to check", 100*set.ValShare),
	}
	if set.ImageSize != 0 {
		parts = append(parts, fmt.Sprintf("%d px", set.ImageSize))
	}
	return strings.Join(parts, ", ")
}

// epochsText says how many epochs ran, which one was kept and whether the
// user stopped the run.
func epochsText(r project.Run) string {
	text := fmt.Sprintf("%d epochs, kept %d", len(r.Result.History), r.Result.BestEpoch)
	if r.Result.Stopped {
		text += ", stopped by you"
	}
	return text
}

// seconds is how long a run took: the whole run when known, else the sum
// of its epochs.
func seconds(r project.Run) float64 {
	if r.Result.Seconds > 0 {
		return r.Result.Seconds
	}
	total := 0.0 // a run from before the whole time was kept
	for _, e := range r.Result.History {
		total += e.Seconds
	}
	return total
}

// runSummary is one line about run i: what, how and how well.
func runSummary(s *store.Store, i int, r project.Run) string {
	return fmt.Sprintf("%s · %s · %s, case %d · %s · accuracy %s · %s",
		runName(i), whenText(r), networkTitle(s, r.Network), r.Case, settingsText(r.Settings),
		words.Percent(r.Result.ValAccuracy), epochsText(r))
}
