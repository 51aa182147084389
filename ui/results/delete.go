package results

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"transferlab/ui/project"
)

// askDelete asks before deleting run i: its results leave the project and
// its model folder is removed; pictures are never touched.
func (v *runsView) askDelete(i int) {
	r := v.s.Project().Runs()[i]
	msg := fmt.Sprintf("%s\n\nIts results leave the project and its model file is deleted. Your pictures stay as they are.",
		runSummary(v.s, i, r))
	d := dialog.NewConfirm("Delete "+runName(i)+"?", msg, func(ok bool) {
		if ok {
			v.delete(i, r)
		}
	}, v.h.Win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Cancel")
	d.Show()
}

// delete removes run i, if it is still r (the list may have changed while
// the user was asked), then its model folder in a job.
func (v *runsView) delete(i int, r project.Run) {
	runs := v.s.Project().Runs()
	if i >= len(runs) || runs[i].Result.ClassifierPath != r.Result.ClassifierPath || !runs[i].Finished.Equal(r.Finished) {
		return
	}
	_, folder, ok := v.s.DeleteRun(i)
	switch {
	case !ok:
		return
	case folder == "":
		v.h.SetStatus("Deleted %s from the project; its model file %s was left where it is, as its folder holds more than this run's model.",
			runName(i), r.Result.ClassifierPath)
		return
	}
	v.h.Run(func(context.Context) {
		err := project.RemoveModelFolder(folder)
		fyne.Do(func() {
			if err != nil {
				v.h.SetStatus("Deleted %s from the project, but not its model folder: %v", runName(i), err)
				return
			}
			v.h.SetStatus("Deleted %s and its model folder %s", runName(i), folder)
		})
	})
}
