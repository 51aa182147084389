package window

import (
	"os"

	"fyne.io/fyne/v2"

	"transferlab/ui/host"
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
	if u.screen() == host.Try && isFile(paths[0]) {
		u.try.Predict(paths[0])
		return
	}
	u.AddPaths(paths)
}

// AddPaths scans folders and files and adds their pictures to the project.
func (u *App) AddPaths(paths []string) { u.pictures.Add(paths) }

// isFile reports whether path is a regular file (not a folder).
func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
