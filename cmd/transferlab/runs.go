package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"transferlab/engine/cases"
	"transferlab/ui/project"
)

// runsReport is the JSON document `runs --json` prints.
type runsReport struct {
	Runs []runEntry `json:"runs"`
	// LeftOut says which stored runs could not be read, in words; the
	// app names them the same way when it opens the project.
	LeftOut []string `json:"left_out,omitempty"`
}

// runEntry is one run of a project, the figures the app's Runs list shows.
type runEntry struct {
	Index       int              `json:"index"` // from 1, oldest first
	Finished    time.Time        `json:"finished"`
	Network     string           `json:"network"`
	Case        cases.Case       `json:"case"`
	Settings    project.Settings `json:"settings"`
	ValAccuracy float64          `json:"val_accuracy"`
	BestEpoch   int              `json:"best_epoch"`
	Epochs      int              `json:"epochs"`  // how many ran
	Seconds     float64          `json:"seconds"` // the whole run (summed over the epochs for older records)
	Device      string           `json:"device"`
	Stopped     bool             `json:"stopped"` // the user stopped it; its best epoch so far was kept
	Classifier  string           `json:"classifier"`
	// ClassifierExists is false when the classifier file is gone: the
	// app can then show the run's figures but not Try it.
	ClassifierExists bool `json:"classifier_exists"`
}

func (c *cli) runs(args []string) error {
	flags := newFlags("runs")
	path := flags.String("project", "", "the TransferLab project `FILE` (.tlproj)")
	asJSON := flags.Bool("json", false, "print the runs as JSON")
	rest, err := c.parse(flags, args)
	if err = firstErr(err, noArgs(rest)); err != nil {
		return fmt.Errorf("runs: %w", err)
	}
	if *path == "" {
		return fmt.Errorf("runs: --project is required")
	}
	file, err := projectPath(*path) // absolute: the runs' paths are resolved against it
	if err != nil {
		return fmt.Errorf("runs: %w", err)
	}
	p, err := project.Load(file)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("runs: there is no project file %s", file)
	}
	if err != nil {
		return fmt.Errorf("runs: %s cannot be read as a project: %v", file, projectProblem(err))
	}
	report := runsReport{Runs: runEntries(p.Runs()), LeftOut: p.LoadNotes()}
	if *asJSON {
		return writeJSON(c.stdout, report)
	}
	printRuns(c.stdout, report)
	return nil
}

func runEntries(runs []project.Run) []runEntry {
	out := []runEntry{} // "runs": [] rather than null for a project without runs
	for i, r := range runs {
		res := r.Result
		e := runEntry{
			Index: i + 1, Finished: r.Finished, Network: r.Network, Case: r.Case, Settings: r.Settings,
			ValAccuracy: res.ValAccuracy, BestEpoch: res.BestEpoch, Epochs: len(res.History),
			Device: res.Device, Stopped: res.Stopped, Classifier: res.ClassifierPath,
		}
		e.Seconds = res.Seconds
		if e.Seconds == 0 { // a run recorded before the whole time was kept
			for _, ep := range res.History {
				e.Seconds += ep.Seconds
			}
		}
		_, err := os.Stat(res.ClassifierPath)
		e.ClassifierExists = err == nil
		out = append(out, e)
	}
	return out
}

// printRuns is a table of the runs, then what could not be read.
func printRuns(w io.Writer, report runsReport) {
	if len(report.Runs) == 0 {
		fmt.Fprintln(w, "no training runs in this project yet")
	} else {
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "run\tfinished\tnetwork\tcase\tsettings\tval accuracy\tbest epoch\tseconds\tdevice\tclassifier")
		for _, e := range report.Runs {
			classifier := e.Classifier
			if !e.ClassifierExists {
				classifier += " (missing)"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%.3f\t%d of %d\t%.1f\t%s\t%s\n", e.Index, e.Finished.Local().Format("2006-01-02 15:04"),
				e.Network, e.Case, settingsSummary(e.Settings), e.ValAccuracy, e.BestEpoch, e.Epochs, e.Seconds, e.Device, classifier)
		}
		tw.Flush()
	}
	for _, note := range report.LeftOut {
		fmt.Fprintf(w, "left out: %s\n", note)
	}
}

// settingsSummary names the settings as train's flags do, "auto" for the
// case's recipe or the network's picture size.
func settingsSummary(s project.Settings) string {
	auto := func(v any) string {
		if fmt.Sprint(v) == "0" {
			return "auto"
		}
		return fmt.Sprint(v)
	}
	parts := []string{
		"epochs " + auto(s.Epochs), "batch " + auto(s.BatchSize), "lr " + auto(s.LearningRate),
		"val " + fmt.Sprint(s.ValShare), "seed " + fmt.Sprint(s.Seed), "image-size " + auto(s.ImageSize),
	}
	if !s.Augment {
		parts = append(parts, "no-augment")
	}
	return strings.Join(parts, ", ")
}
