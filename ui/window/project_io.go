package window

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"transferlab/ui/host"
	"transferlab/ui/project"
)

// setProject makes p the current project, saved at path ("" = not yet).
// The screens hear of it through the store and start over.
func (u *App) setProject(p *project.Project, path string) {
	if u.autosaver != nil {
		u.autosaver.Close()
	}
	u.autosaver = project.NewAutosaver(p, u.cfg.autosaveDelay, nil, u.onAutosaved)
	u.autosaver.SetPath(path)
	u.store.Open(p, path)
	u.updateTitle()
	switch notes := p.LoadNotes(); {
	case path == "":
		u.host.SetStatus("New project. Drop folders of pictures anywhere on this window.")
	case len(notes) > 0:
		u.host.SetStatus("Opened %s, but %s", path, strings.Join(notes, "; "))
	default:
		u.host.SetStatus("Opened %s", path)
	}
}

// onProjectChanged runs after every change to the project (on the UI
// goroutine: the project is only mutated there).
func (u *App) onProjectChanged() {
	u.autosaver.Changed()
	if u.store.Path() == "" {
		u.host.SetStatus("Not saved yet: File > Save project (Ctrl+S) keeps your labels.")
	}
}

// onAutosaved reports saves; it may run on the autosave timer's goroutine.
func (u *App) onAutosaved(path string, err error) {
	fyne.Do(func() {
		if err != nil {
			u.host.SetStatus("Could not save the project: %s", host.Plain(err))
			return
		}
		u.host.SetStatus("Saved %s", filepath.Base(path))
	})
}

func (u *App) updateTitle() {
	title := "TransferLab"
	if p := u.store.Path(); p != "" {
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
		u.pictures.Rescan(sources)
	}
	u.checkModel() // after the rescan, whose news would hide a missing model's
	u.remember(path)
	return nil
}

// SaveProject saves the project to path and keeps autosaving there.
func (u *App) SaveProject(path string) error {
	if !strings.HasSuffix(path, project.Extension) {
		path += project.Extension
	}
	if err := u.store.Project().Save(path); err != nil {
		return err
	}
	u.autosaver.SetPath(path)
	u.store.SetPath(path)
	u.updateTitle()
	u.remember(path)
	u.host.SetStatus("Saved %s", path)
	return nil
}

// saveOrAsk saves to the current path, or asks where when there is none.
func (u *App) saveOrAsk() {
	if path := u.store.Path(); path != "" {
		if err := u.SaveProject(path); err != nil {
			u.host.ShowError(err)
		}
		return
	}
	u.askSavePath(nil)
}

// askSavePath asks where to save the project, saves it there and then
// runs after (if not nil). Cancelling the dialog skips after.
func (u *App) askSavePath(after func()) {
	// Suggest the folder the pictures came from: the project then travels
	// with them.
	dir := ""
	if src := u.store.Project().Sources(); len(src) > 0 {
		dir = filepath.Dir(src[0])
	}
	u.host.AskSavePath(lang.L("My pictures")+project.Extension, project.Extension, dir, func(path string) {
		if err := u.SaveProject(path); err != nil {
			u.host.ShowError(err)
			return
		}
		if after != nil {
			after()
		}
	})
}

// guardUnsaved runs next at once when nothing would be lost; when the
// project has pictures but was never saved, it first offers to save it.
func (u *App) guardUnsaved(next func()) {
	if u.store.Path() != "" || len(u.store.Project().Images()) == 0 {
		next()
		return
	}
	d := dialog.NewConfirm(lang.L("Keep your labels?"),
		lang.L("This project has not been saved yet, so its classes and labels would be lost. Save it first?"),
		func(save bool) {
			if save {
				u.askSavePath(next)
			} else {
				next()
			}
		}, u.win)
	d.SetConfirmText(lang.L("Save..."))
	d.SetDismissText(lang.L("Don't save"))
	d.Show()
}

// newProject starts an empty project.
func (u *App) newProject() {
	u.setProject(project.New(), "")
	u.selectTab(host.Pictures)
}

func (u *App) askOpenPath() {
	u.host.AskOpen(host.ProjectPath, lang.L("Open a project"), func(path string) {
		if err := u.OpenProject(path); err != nil {
			u.host.ShowError(err)
		}
	})
}
