package project

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ModelFolder returns the folder that holds r's model and nothing else the
// project still uses, so deleting r may remove it; "" when there is none.
// Call it after RemoveRun. Only a run-N folder qualifies (the Train screen
// makes one per run): a classifier an older version wrote elsewhere, or a
// folder that holds another run's classifier, a picture or a picture
// folder of the project, is never offered for removal.
func (p *Project) ModelFolder(r Run) string {
	dir := filepath.Dir(filepath.Clean(r.Result.ClassifierPath))
	if !isRunFolder(filepath.Base(dir)) {
		return ""
	}
	var used []string
	for _, o := range p.Runs() {
		used = append(used, o.Result.ClassifierPath)
	}
	for _, im := range p.Images() {
		used = append(used, im.Path)
	}
	used = append(used, p.Sources()...)
	for _, u := range used {
		if within(dir, u) {
			return ""
		}
	}
	return dir
}

// isRunFolder reports whether name is "run-N" for a number N ≥ 1.
func isRunFolder(name string) bool {
	n, ok := strings.CutPrefix(name, "run-")
	k, err := strconv.Atoi(n)
	return ok && err == nil && k >= 1 && strconv.Itoa(k) == n
}

// within reports whether path is dir or lies below it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, filepath.Clean(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// RemoveModelFolder deletes a folder ModelFolder offered. It checks again
// what it holds, as the user may have put things there since: a subfolder
// or a picture makes it refuse, touching nothing.
func RemoveModelFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || isPicture(e.Name()) {
			return newProblem("{{.Folder}} holds {{.File}}, which is not the model's; nothing was deleted",
				map[string]any{"Folder": dir, "File": e.Name()})
		}
	}
	return os.RemoveAll(dir)
}

// isPicture reports whether name looks like a picture file.
func isPicture(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff":
		return true
	}
	return false
}
