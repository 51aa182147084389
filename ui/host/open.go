package host

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// PathKind is what a chooser picks: it sets the files shown, the checks on
// a typed path and the folder remembered for next time.
type PathKind string

// The kinds of path the app asks for.
const (
	FolderPath  PathKind = "folder"  // a folder of pictures (or to export to)
	PicturePath PathKind = "picture" // one picture file
	WeightsPath PathKind = "weights" // a PyTorch weights file
	ProjectPath PathKind = "project" // a TransferLab project
	ModelPath   PathKind = "model"   // where an exported model goes
)

// extensions are the file endings a kind's chooser shows (none: folders).
func (k PathKind) extensions() []string {
	switch k {
	case PicturePath:
		return []string{".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff"}
	case WeightsPath:
		return []string{".pth", ".pt"}
	case ProjectPath:
		return []string{".tlproj"}
	}
	return nil
}

// prefKey is where the last folder used for k is remembered.
func (k PathKind) prefKey() string { return "paths.last." + string(k) }

// AskOpen asks for an existing folder or file of kind. The path can be
// typed or pasted (Enter opens it, Escape cancels), or chosen with
// Browse…, which starts in the folder used last for this kind and lists
// only the files that fit. open gets a path that exists and fits.
func (h *Host) AskOpen(kind PathKind, title string, open func(path string)) {
	entry := newPathEntry()
	entry.SetPlaceHolder(placeholder(kind))
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	var d *dialog.CustomDialog
	submit := func() {
		path, err := checkPath(kind, entry.Text)
		if err != nil {
			problem.SetText(err.Error())
			problem.Show()
			return
		}
		h.remember(kind, path)
		d.Hide()
		open(path)
	}
	entry.OnSubmitted = func(string) { submit() }
	entry.onEscape = func() { d.Hide() }
	browse := widget.NewButtonWithIcon(lang.L("Browse…"), theme.FolderOpenIcon(), func() {
		h.browse(kind, func(path string) {
			entry.SetText(path)
			submit()
		})
	})
	body := container.NewVBox(widget.NewLabel(lang.L("Type or paste a path, or browse:")),
		container.NewBorder(nil, nil, nil, browse, entry), problem)
	d = dialog.NewCustomWithoutButtons(title, body, h.Win)
	openBtn := widget.NewButtonWithIcon(lang.L("Open"), theme.ConfirmIcon(), submit)
	openBtn.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), d.Hide), openBtn})
	d.Resize(h.DialogSize(fyne.NewSize(640, 0)))
	d.Show()
	h.Win.Canvas().Focus(entry)
}

func placeholder(kind PathKind) string {
	if kind == FolderPath {
		return lang.L("e.g. /home/me/Pictures/birds")
	}
	return lang.L("e.g. /home/me/Pictures/bird.jpg")
}

// checkPath says in a sentence what is wrong with a typed path.
func checkPath(kind PathKind, typed string) (string, error) {
	path := strings.Trim(strings.TrimSpace(typed), `"'`) // pasted paths often come quoted
	if path == "" {
		return "", errors.New(lang.L("Type or paste a path first."))
	}
	if strings.HasPrefix(path, "~"+string(filepath.Separator)) {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, path[2:])
		}
	}
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return "", errors.New(lang.L("Nothing is at that path. Check the spelling, or use Browse…"))
	case kind == FolderPath && !info.IsDir():
		return "", errors.New(lang.L("That is a file; choose a folder."))
	case kind != FolderPath && info.IsDir():
		return "", errors.New(lang.L("That is a folder; choose a file inside it."))
	case kind != FolderPath && !slices.Contains(kind.extensions(), strings.ToLower(filepath.Ext(path))):
		return "", errors.New(lang.L("That file is not of a kind used here: choose a file ending in {{.Ext}}.",
			map[string]any{"Ext": strings.Join(kind.extensions(), ", ")}))
	}
	return filepath.Clean(path), nil
}

// browse opens Fyne's own chooser for kind in the folder used last.
func (h *Host) browse(kind PathKind, chosen func(path string)) {
	var d *dialog.FileDialog
	if kind == FolderPath {
		d = dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil || dir == nil {
				h.ShowError(err)
				return
			}
			chosen(dir.Path())
		}, h.Win)
	} else {
		d = dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				h.ShowError(err)
				return
			}
			r.Close()
			chosen(r.URI().Path())
		}, h.Win)
		d.SetFilter(storage.NewExtensionFileFilter(kind.extensions()))
	}
	h.startIn(d, kind)
	d.Resize(h.DialogSize(fyne.NewSize(900, 640)))
	d.Show()
}

// startIn opens d in the folder used last for kind, when there is one.
func (h *Host) startIn(d *dialog.FileDialog, kind PathKind) {
	if h.Prefs == nil {
		return
	}
	dir := h.Prefs.String(kind.prefKey())
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// remember keeps the folder of path (a folder's parent, so the next
// chooser shows its neighbours) for kind's next chooser.
func (h *Host) remember(kind PathKind, path string) {
	if h.Prefs != nil {
		h.Prefs.SetString(kind.prefKey(), filepath.Dir(path))
	}
}

// pathEntry is an entry whose Escape cancels the dialog it is in: Fyne's
// dialogs do not close on Escape themselves.
type pathEntry struct {
	widget.Entry
	onEscape func()
}

func newPathEntry() *pathEntry {
	e := &pathEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey cancels on Escape and edits otherwise.
func (e *pathEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}
