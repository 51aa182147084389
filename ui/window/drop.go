package window

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"transferlab/ui"
)

// OnDropped handles files and folders dropped anywhere on the window. On
// the "Try it" screen a dropped picture is classified; everywhere else, and
// for folders, the drop adds pictures to the project.
func (u *App) OnDropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	if len(paths) == 0 {
		return
	}
	if u.tabs.SelectedIndex() == tabTry && isFile(paths[0]) {
		u.try.predict(paths[0])
		return
	}
	u.AddPaths(paths)
}

// AddPaths scans folders and files and adds their pictures to the project.
func (u *App) AddPaths(paths []string) {
	u.selectTab(tabData)
	u.scan(paths, true)
}

// scan runs the engine's scan in a job and merges the result. remember
// records the paths as project sources (a re-scan of known sources does
// not need to).
func (u *App) scan(paths []string, remember bool) {
	u.setStatus("Looking through %d folder(s) ...", len(paths))
	p := u.project
	ctx, stop := context.WithCancel(u.ctx)
	id := u.data.scanning.start(stop)
	u.cfg.launch(func() {
		ds, err := u.eng.Scan(ctx, paths, func(done, total int) {
			fyne.Do(func() { u.data.scanning.progress(id, done, total) })
		})
		missing := p.Missing()
		fyne.Do(func() {
			u.data.scanning.finish(id)
			stop()
			if u.project != p {
				return // another project was opened meanwhile
			}
			u.missing = missing
			if errors.Is(err, context.Canceled) {
				u.setStatus("Stopped reading the pictures; nothing was added from %s", strings.Join(paths, ", "))
				return
			}
			if err != nil {
				u.setStatus("Could not read the pictures")
				u.showError(fmt.Errorf("reading %v: %w", paths, err))
				return
			}
			if remember {
				u.project.AddSources(paths...)
			}
			u.merge(ds)
		})
	})
}

// merge adds a scan's classes and pictures to the project. Pictures the
// project already knows keep the user's labels.
func (u *App) merge(ds ui.Dataset) {
	added := 0
	for _, c := range ds.Classes {
		n, err := u.project.AddImages(c.Name, c.Images)
		if err != nil {
			u.showError(fmt.Errorf("class folder %q: %w", c.Name, err))
			continue
		}
		added += n
	}
	n, _ := u.project.AddImages("", ds.Unlabelled)
	added += n
	for _, b := range ds.Unreadable {
		u.unreadable[b.Path] = b.Reason
	}
	u.data.refresh()
	u.model.requestRecommendation()
	u.setStatus("Added %d new picture(s); %d file(s) could not be read", added, len(ds.Unreadable))
}

// askAddFolder is the "Add folder..." button: the same as dropping it.
func (u *App) askAddFolder() {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			u.showError(err)
			return
		}
		u.AddPaths([]string{dir.Path()})
	}, u.win)
}

// askAddPicture adds one loose picture, to be labelled by hand.
func (u *App) askAddPicture() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			u.showError(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		u.AddPaths([]string{path})
	}, u.win)
}

// isFile reports whether path is a regular file (not a folder).
func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
