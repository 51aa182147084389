package results

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"transferlab/ui/project"
	"transferlab/ui/store"
	"transferlab/ui/words"
)

// runName is how the screens name run i: "Run 3", counted from 1 in the
// order the runs were made, as the run-N model folders are.
func runName(i int) string { return lang.L("Run {{.N}}", map[string]any{"N": i + 1}) }

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
	// The layout is translated as a whole: Go writes month names in
	// English only, so other languages use the month's number.
	return r.Finished.Local().Format(lang.L("2 Jan 15:04"))
}

// settingsText lists the settings that change what a run learns.
func settingsText(set project.Settings) string {
	auto := func(v any, zero bool) string {
		if zero {
			return lang.L("auto")
		}
		return fmt.Sprint(v)
	}
	parts := []string{
		lang.L("epochs {{.V}}", value(auto(set.Epochs, set.Epochs == 0))),
		lang.L("learning rate {{.V}}", value(auto(set.LearningRate, set.LearningRate == 0))),
		lang.L("batch {{.V}}", value(auto(set.BatchSize, set.BatchSize == 0))),
		lang.L("{{.V}}% to check", value(fmt.Sprintf("%.0f", 100*set.ValShare))),
	}
	if set.ImageSize != 0 {
		parts = append(parts, lang.L("{{.V}} px", value(set.ImageSize)))
	}
	return strings.Join(parts, ", ")
}

// epochsText says how many epochs ran, which one was kept and whether the
// user stopped the run.
func epochsText(r project.Run) string {
	data := map[string]any{"N": len(r.Result.History), "Kept": r.Result.BestEpoch}
	if r.Result.Stopped {
		return lang.L("{{.N}} epochs, kept {{.Kept}}, stopped by you", data)
	}
	return lang.L("{{.N}} epochs, kept {{.Kept}}", data)
}

// value is the template data of a text with one value.
func value(v any) map[string]any { return map[string]any{"V": v} }

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
	return lang.L("{{.Run}} · {{.When}} · {{.Network}}, case {{.Case}} · {{.Settings}} · accuracy {{.Accuracy}} · {{.Epochs}}",
		map[string]any{"Run": runName(i), "When": whenText(r), "Network": networkTitle(s, r.Network), "Case": int(r.Case),
			"Settings": settingsText(r.Settings), "Accuracy": words.Percent(r.Result.ValAccuracy), "Epochs": epochsText(r)})
}
