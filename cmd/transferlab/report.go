package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"transferlab/engine/train"
)

// printSummary shows accuracy, the confusion matrix and per-class figures.
func printSummary(w io.Writer, res *train.Result) {
	if res.BestEpoch > 0 {
		fmt.Fprintf(w, "best epoch %d of %d", res.BestEpoch, len(res.History))
		if res.Stopped {
			fmt.Fprint(w, " (stopped early by the user)")
		}
		fmt.Fprintln(w)
	}
	if t := res.Test; t != nil {
		fmt.Fprintf(w, "test accuracy %.3f  loss %.4f  on %d held-out pictures never used to choose the epoch\n", t.Accuracy, t.Loss, t.Pictures)
	}
	printEvaluation(w, res.Classes, res.Evaluation)
}

func printEvaluation(w io.Writer, classes []string, ev train.Evaluation) {
	fmt.Fprintf(w, "validation accuracy %.3f  loss %.4f\n\n", ev.Accuracy, ev.Loss)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "true \\ predicted\t%s\t\n", strings.Join(classes, "\t"))
	for i, row := range ev.Confusion {
		fmt.Fprintf(tw, "%s", classes[i])
		for _, n := range row {
			fmt.Fprintf(tw, "\t%d", n)
		}
		fmt.Fprintln(tw, "\t")
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "class\tprecision\trecall\timages")
	for _, c := range ev.PerClass {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%d\n", c.Class, c.Precision, c.Recall, c.Support)
	}
	tw.Flush()
}
