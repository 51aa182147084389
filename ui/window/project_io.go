package window

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"transferlab/ui/project"
)

// setProject makes p the current project, saved at path ("" = not yet).
func (u *App) setProject(p *project.Project, path string) {
	if u.autosaver != nil {
		u.autosaver.Close()
	}
	if u.train.running() {
		u.train.stopTraining() // its result belongs to the old project and is dropped
	}
	u.project = p
	u.autosaver = project.NewAutosaver(p, u.cfg.autosaveDelay, nil, u.onAutosaved)
	u.autosaver.SetPath(path)
	p.SetOnChange(u.onProjectChanged)
	u.result = nil
	u.unreadable = map[string]string{}
	u.missing = nil
	u.updateTitle()
	u.data.refresh()
	u.model.forgetRecommendation()
	u.model.requestRecommendation()
	u.model.refresh()
	u.train.refreshSummary()
	u.results.show(nil)
	u.try.reset()
	if path == "" {
		u.setStatus("New project. Drop folders of pictures anywhere on this window.")
	} else {
		u.setStatus("Opened %s", path)
	}
}

// onProjectChanged runs after every change to the project (on the UI
// goroutine: the project is only mutated there).
func (u *App) onProjectChanged() {
	u.autosaver.Changed()
	u.train.refreshSummary()
	if u.autosaver.Path() == "" {
		u.setStatus("Not saved yet: File > Save project (Ctrl+S) keeps your labels.")
	}
}

// onAutosaved reports saves; it may run on the autosave timer's goroutine.
func (u *App) onAutosaved(path string, err error) {
	fyne.Do(func() {
		if err != nil {
			u.setStatus("Could not save the project: %v", err)
			return
		}
		u.setStatus("Saved %s", filepath.Base(path))
	})
}

func (u *App) updateTitle() {
	title := "TransferLab"
	if p := u.autosaver.Path(); p != "" {
		title = strings.TrimSuffix(filepath.Base(p), project.Extension) + " - TransferLab"
	}
	u.win.SetTitle(title)
}

// OpenProject loads a project file and looks through its folders again,
// so new pictures appear and unreadable or missing ones are reported.
func (u *App) OpenProject(path string) error {
	p, err := project.Load(path)
	if err != nil {
		return err
	}
	u.setProject(p, path)
	if sources := p.Sources(); len(sources) > 0 {
		u.scan(sources, false)
	}
	return nil
}

// SaveProject saves the project to path and keeps autosaving there.
func (u *App) SaveProject(path string) error {
	if !strings.HasSuffix(path, project.Extension) {
		path += project.Extension
	}
	if err := u.project.Save(path); err != nil {
		return err
	}
	u.autosaver.SetPath(path)
	u.updateTitle()
	u.setStatus("Saved %s", path)
	return nil
}

// saveOrAsk saves to the current path, or asks where when there is none.
func (u *App) saveOrAsk() {
	if path := u.autosaver.Path(); path != "" {
		if err := u.SaveProject(path); err != nil {
			u.showError(err)
		}
		return
	}
	u.askSavePath(nil)
}

// askSavePath asks where to save the project, saves it there and then
// runs after (if not nil). Cancelling the dialog skips after.
func (u *App) askSavePath(after func()) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			u.showError(err)
			return
		}
		path := w.URI().Path()
		w.Close()
		// The dialog created an empty file; SaveProject replaces it, and a
		// name without our extension leaves that empty file behind.
		if !strings.HasSuffix(path, project.Extension) {
			os.Remove(path)
		}
		if err := u.SaveProject(path); err != nil {
			u.showError(err)
			return
		}
		if after != nil {
			after()
		}
	}, u.win)
	d.SetFileName("My pictures" + project.Extension)
	d.SetFilter(storage.NewExtensionFileFilter([]string{project.Extension}))
	if src := u.project.Sources(); len(src) > 0 {
		// Suggest the folder the pictures came from: the project then
		// travels with them.
		if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(src[0]))); err == nil {
			d.SetLocation(dir)
		}
	}
	d.Show()
}

// guardUnsaved runs next at once when nothing would be lost; when the
// project has pictures but was never saved, it first offers to save it.
func (u *App) guardUnsaved(next func()) {
	if u.autosaver.Path() != "" || len(u.project.Images()) == 0 {
		next()
		return
	}
	d := dialog.NewConfirm("Keep your labels?",
		"This project has not been saved yet, so its classes and labels would be lost. Save it first?",
		func(save bool) {
			if save {
				u.askSavePath(next)
			} else {
				next()
			}
		}, u.win)
	d.SetConfirmText("Save...")
	d.SetDismissText("Don't save")
	d.Show()
}

// newProject starts an empty project.
func (u *App) newProject() {
	u.setProject(project.New(), "")
	u.selectTab(tabData)
}

func (u *App) askOpenPath() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			u.showError(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		if err := u.OpenProject(path); err != nil {
			u.showError(err)
		}
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{project.Extension}))
	d.Show()
}

// askExport asks for a folder and copies the labelled pictures into it,
// one sub-folder per class.
func (u *App) askExport() {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			u.showError(err)
			return
		}
		u.exportTo(filepath.Join(dir.Path(), "TransferLab export"))
	}, u.win)
}

// exportTo copies the labelled dataset to dir in a job.
func (u *App) exportTo(dir string) {
	p := u.project
	u.setStatus("Exporting to %s ...", dir)
	u.cfg.launch(func() {
		sum, err := p.Export(dir)
		fyne.Do(func() {
			if err != nil {
				u.setStatus("Export failed")
				u.showError(err)
				return
			}
			u.setStatus("Exported %d pictures in %d class folders to %s", sum.Files, sum.Classes, dir)
		})
	})
}

// modelsDir is where trained classifiers are written: beside the project
// file once there is one.
func (u *App) modelsDir() string {
	if p := u.autosaver.Path(); p != "" {
		return strings.TrimSuffix(p, project.Extension) + " models"
	}
	if u.cfg.workDir != "" {
		return u.cfg.workDir
	}
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "TransferLab", "models")
	}
	return filepath.Join(os.TempDir(), "TransferLab", "models")
}
