package host

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// AskSavePath asks where to save a file of type ext (".tlproj", ".onnx"),
// suggesting name in folder dir ("" = the dialog's choice), and calls save
// with the path chosen, ending in ext. Cancelling calls nothing.
func (h *Host) AskSavePath(name, ext, dir string, save func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			h.ShowError(err)
			return
		}
		path := w.URI().Path()
		w.Close()
		// The dialog created an empty file, which save replaces; a name
		// typed without the extension would leave it behind.
		if !strings.HasSuffix(strings.ToLower(path), ext) {
			os.Remove(path)
			path += ext
		}
		h.remember(savedKind(ext), path)
		save(path)
	}, h.Win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	if dir == "" {
		h.startIn(d, savedKind(ext))
	} else if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Clean(dir))); err == nil {
		d.SetLocation(l)
	}
	d.Resize(h.DialogSize(fyne.NewSize(900, 640)))
	d.Show()
}

// savedKind is the kind whose folder a save of ext remembers.
func savedKind(ext string) PathKind {
	if ext == ".tlproj" {
		return ProjectPath
	}
	return ModelPath
}
