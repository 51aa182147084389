package results

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"transferlab/ui/language"
	"transferlab/ui/project"
)

// askDelete asks before deleting run i: its results leave the project and
// its model folder is removed; pictures are never touched.
func (v *runsView) askDelete(i int) {
	r := v.s.Project().Runs()[i]
	msg := runSummary(v.s, i, r) + "\n\n" +
		lang.L("Its results leave the project and its model file is deleted. Your pictures stay as they are.")
	d := dialog.NewConfirm(lang.L("Delete {{.Run}}?", map[string]any{"Run": runName(i)}), msg, func(ok bool) {
		if ok {
			v.delete(i, r)
		}
	}, v.h.Win)
	d.SetConfirmText(lang.L("Delete"))
	d.SetDismissText(lang.L("Cancel"))
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
		v.h.SetStatus("%s", lang.L("Deleted {{.Run}} from the project; its model file {{.File}} was left where it is, "+
			"as its folder holds more than this run's model.", map[string]any{"Run": runName(i), "File": r.Result.ClassifierPath}))
		return
	}
	v.h.Run(func(context.Context) {
		err := project.RemoveModelFolder(folder)
		fyne.Do(func() {
			if err != nil {
				v.h.SetStatus("%s", lang.L("Deleted {{.Run}} from the project, but not its model folder: {{.Err}}",
					map[string]any{"Run": runName(i), "Err": language.ErrorText(err)}))
				return
			}
			v.h.SetStatus("%s", lang.L("Deleted {{.Run}} and its model folder {{.Folder}}",
				map[string]any{"Run": runName(i), "Folder": folder}))
		})
	})
}
