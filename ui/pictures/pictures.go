// Package pictures is the Pictures screen: add folders (dropped on the
// window or chosen), see classes with counts and warnings, and label
// pictures by key, by dragging, or by moving them between piles.
package pictures

import (
	"image/color"

	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/host"
	"transferlab/ui/notices"
	"transferlab/ui/project"
	"transferlab/ui/store"
	"transferlab/ui/thumbs"
	"transferlab/ui/words"
)

// viewKind says which pile of pictures the grid shows.
type viewKind int

const (
	viewClass viewKind = iota
	viewUnlabelled
	viewExcluded
)

// imageView names one pile: a class, or the Unlabelled or Excluded pictures.
type imageView struct {
	kind  viewKind
	class string
}

// Screen is the Pictures screen. The window routes drops, its menu and
// the plain keys (1-9, Delete, Escape, Ctrl+A) here.
type Screen struct {
	h         *host.Host
	s         *store.Store
	thumbs    *thumbs.Cache
	thumbSize int
	demoDir   string // where the demo draws; "" = the user's cache folder
	content   fyne.CanvasObject
	editing   bool // the screen is changing the project and refreshes itself after
	// duplicates are the pictures the scans found in two classes at once.
	duplicates scannedDuplicates

	welcome   *welcome
	hint      *widget.Label // how to add pictures, until there are some
	scanning  *scanProgress
	notices   *fyne.Container
	cardBox   *fyne.Container
	cards     []*classCard
	view      imageView
	viewTitle *widget.Label
	images    []string
	selected  map[string]bool
	grid      *pictureGrid

	moveTo     *widget.Select
	excludeBtn *widget.Button
	includeBtn *widget.Button
	renameBtn  *widget.Button
	removeBtn  *widget.Button
	recordBtn  *widget.Button // "Record from camera...": camera_record.go

	suggest *suggestPanel // assisted labelling, beside the grid
}

// New builds the screen: th decodes thumbnails of thumbSize pixels, and
// the demo draws in demoDir ("" = the user's cache folder).
func New(h *host.Host, s *store.Store, th *thumbs.Cache, thumbSize int, demoDir string) *Screen {
	d := &Screen{h: h, s: s, thumbs: th, thumbSize: thumbSize, demoDir: demoDir, selected: map[string]bool{}}
	toolbar := container.NewHBox(
		widget.NewButtonWithIcon(lang.L("Add folder..."), theme.FolderOpenIcon(), d.AskAddFolder),
		widget.NewButtonWithIcon(lang.L("Add picture..."), theme.FileImageIcon(), d.askAddPicture),
		widget.NewButtonWithIcon(lang.L("New class..."), theme.ContentAddIcon(), d.AskNewClass),
		widget.NewButtonWithIcon(lang.L("Export labelled dataset..."), theme.DocumentSaveIcon(), d.AskExport),
	)
	d.hint = widget.NewLabel(lang.L("Drop folders anywhere on this window: a folder of class folders, " +
		"one folder per class, or loose pictures to label yourself. Your pictures are never moved or changed."))
	d.hint.Wrapping = fyne.TextWrapWord
	d.welcome = newWelcome(d.tryDemo)
	d.scanning = newScanProgress()
	d.notices = container.NewVBox()
	d.cardBox = container.NewHBox()
	top := container.NewVBox(toolbar, d.hint, d.scanning.content, d.welcome.content, d.notices,
		container.NewHScroll(d.cardBox), widget.NewSeparator())
	d.suggest = newSuggestPanel(d)
	// The suggestions go below the grid rather than beside it: a small
	// screen scrolls down, never sideways.
	below := container.NewVSplit(d.browser(), d.suggest.content)
	below.Offset = 0.62
	d.content = topFirst(top, below)
	s.On(store.Opened, func() {
		d.duplicates = scannedDuplicates{} // they belonged to the project closed
		d.refresh()
	})
	s.On(store.Pictures, func() {
		if !d.editing { // e.g. relabelled from the Results screen
			d.refresh()
		}
	})
	return d
}

// topFirst puts top above the rest, which fills what is left, like
// container.NewBorder, but keeps top first in the tree: Tab follows the
// tree, and the buttons above the grid should come before the grid.
func topFirst(top, rest fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewBorderLayout(top, nil, nil, nil), top, rest)
}

// Content is what the window shows in the screen's tab.
func (d *Screen) Content() fyne.CanvasObject { return d.content }

// edit changes the project without the change refreshing the screen half
// way (a rename would otherwise lose the shown class); the caller refreshes.
func (d *Screen) edit(change func(p *project.Project) error) error {
	d.editing = true
	defer func() { d.editing = false }()
	return change(d.s.Project())
}

// browser is the picture grid of the current pile with its actions.
func (d *Screen) browser() fyne.CanvasObject {
	d.viewTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.moveTo = widget.NewSelect(nil, func(class string) {
		if class == "" {
			return
		}
		d.moveTo.ClearSelected()
		d.moveSelected(class)
	})
	d.moveTo.PlaceHolder = lang.L("Move selected to...")
	d.excludeBtn = widget.NewButtonWithIcon(lang.L("Exclude"), theme.VisibilityOffIcon(), d.excludeSelected)
	d.includeBtn = widget.NewButtonWithIcon(lang.L("Include again"), theme.VisibilityIcon(), d.includeSelected)
	d.renameBtn = widget.NewButtonWithIcon(lang.L("Rename class"), theme.DocumentCreateIcon(), func() { d.askRename(d.view.class) })
	d.removeBtn = widget.NewButtonWithIcon(lang.L("Remove class"), theme.DeleteIcon(), func() { d.askRemove(d.view.class) })
	d.recordBtn = widget.NewButtonWithIcon(lang.L("Record from camera..."), theme.MediaRecordIcon(), func() { d.AskRecord(d.view.class) })
	// The class's own actions share the title's line, so the selection's
	// fit one row on a small screen (1366×768 at 150 %).
	title := container.NewBorder(nil, nil, nil, container.NewHBox(d.recordBtn, d.renameBtn, d.removeBtn), d.viewTitle)
	actions := container.NewHBox(
		widget.NewButton(lang.L("Select all"), d.SelectAll),
		widget.NewButton(lang.L("Select none"), d.selectNone),
		d.moveTo, d.excludeBtn, d.includeBtn,
	)
	tip := widget.NewLabel(lang.L("Tip: tap pictures to select them, then press 1-9 to move them to that class, or drag them onto a class."))
	tip.Wrapping = fyne.TextWrapWord
	size := float32(d.thumbSize)
	d.grid = newPictureGrid(d,
		func() fyne.CanvasObject { return thumbs.NewTile(size, d.toggle, d.dropSelection) },
		func(id widget.GridWrapItemID, o fyne.CanvasObject) {
			if id < len(d.images) {
				p := d.images[id]
				o.(*thumbs.Tile).Bind(p, d.selected[p], d.thumbs)
			}
		})
	// Two and a half rows of pictures at least: on a small screen the
	// screen scrolls to show them rather than squeezing the grid to one.
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, 2.5*size))
	return topFirst(container.NewVBox(title, actions, tip), container.NewStack(room, d.grid))
}

// refresh rebuilds the screen from the project. It reads the project once
// and costs one pass over its pictures (plus sorting them), so it stays
// quick with thousands of pictures; the grid binds only the cells on screen.
func (d *Screen) refresh() {
	p := d.s.Project()
	ps := pilesOf(p)
	d.fixView(ps)
	d.rebuildCards(ps)
	// An empty project greets with the demo instead of listing what is
	// missing; files that could not be read are still named.
	empty := ps.total == 0 && len(ps.classes) == 0
	d.rebuildNotices(d.factsOf(ps), empty)
	// The drop hint is for the first pictures; afterwards its room goes to
	// the grid, which small screens need.
	if empty {
		d.welcome.content.Show()
		d.hint.Show()
	} else {
		d.welcome.content.Hide()
		d.hint.Hide()
	}
	d.images = ps.of(d.view)
	d.keepShownSelected()
	d.moveTo.SetOptions(p.Classes())
	d.updateActions()
	d.grid.Refresh()
	d.suggest.update(ps)
}

// keepShownSelected drops from the selection what the grid no longer shows.
func (d *Screen) keepShownSelected() {
	if len(d.selected) == 0 {
		return
	}
	shown := make(map[string]bool, len(d.images))
	for _, p := range d.images {
		shown[p] = true
	}
	for p := range d.selected {
		if !shown[p] {
			delete(d.selected, p)
		}
	}
}

// fixView falls back to the first class when the current pile is gone:
// a renamed or removed class, or an emptied Unlabelled or Excluded pile.
func (d *Screen) fixView(ps piles) {
	switch d.view.kind {
	case viewUnlabelled:
		if len(ps.unlabelled) > 0 || len(ps.classes) == 0 {
			return
		}
	case viewExcluded:
		if len(ps.excluded) > 0 {
			return
		}
	default:
		for _, c := range ps.classes {
			if c.Name == d.view.class {
				return
			}
		}
	}
	if len(ps.classes) > 0 {
		d.view = imageView{kind: viewClass, class: ps.classes[0].Name}
	} else {
		d.view = imageView{kind: viewUnlabelled}
	}
}

func (d *Screen) rebuildCards(ps piles) {
	d.cards = nil
	var objs []fyne.CanvasObject
	for i, c := range ps.classes {
		title := c.Name
		if i < 9 {
			title = fmt.Sprintf("%d  %s", i+1, c.Name)
		}
		objs = append(objs, d.card(imageView{kind: viewClass, class: c.Name}, title, c.Images))
	}
	if len(ps.unlabelled) > 0 || len(ps.classes) == 0 {
		objs = append(objs, d.card(imageView{kind: viewUnlabelled}, lang.L("Unlabelled"), ps.unlabelled))
	}
	if len(ps.excluded) > 0 {
		objs = append(objs, d.card(imageView{kind: viewExcluded}, lang.L("Excluded"), ps.excluded))
	}
	focused, hadFocus := d.h.Win.Canvas().Focused().(*classCard)
	d.cardBox.Objects = objs
	d.cardBox.Refresh()
	if hadFocus { // the keyboard stays on the same pile's new card
		for _, c := range d.cards {
			if c.view == focused.view {
				d.h.Win.Canvas().Focus(c)
			}
		}
	}
}

// card builds one class card with up to four thumbnails.
func (d *Screen) card(v imageView, title string, images []string) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	count := widget.NewLabel(words.Pictures(len(images)))
	thumbs := container.NewHBox()
	for _, path := range images[:min(4, len(images))] {
		img := canvas.NewImageFromImage(nil)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSquareSize(40))
		thumbs.Add(img)
		d.thumbs.Get(path, func(i image.Image, _ error) {
			img.Image = i
			img.Refresh()
		})
	}
	c := newClassCard(v, container.NewVBox(name, count, thumbs), v == d.view, func() { d.showView(v) })
	d.cards = append(d.cards, c)
	return c
}

// rebuildNotices lists the dataset checks; an empty project leaves out the
// problems (no classes yet), which the welcome panel explains instead.
func (d *Screen) rebuildNotices(f notices.Facts, empty bool) {
	ns := notices.Check(f)
	var objs []fyne.CanvasObject
	for _, n := range ns {
		if empty && n.Level == notices.Problem {
			continue
		}
		objs = append(objs, notices.View(n))
	}
	d.notices.Objects = objs
	d.notices.Refresh()
}

// showView switches the grid to another pile and clears the selection.
func (d *Screen) showView(v imageView) {
	d.view = v
	d.selected = map[string]bool{}
	d.grid.resetCursor()
	d.refresh()
}

func (d *Screen) updateActions() {
	n := len(d.selected)
	switch d.view.kind {
	case viewUnlabelled:
		d.viewTitle.SetText(lang.L("Unlabelled: {{.Pictures}} ({{.N}} selected)", map[string]any{"Pictures": words.Pictures(len(d.images)), "N": n}))
	case viewExcluded:
		d.viewTitle.SetText(lang.L("Excluded: {{.Pictures}} ({{.N}} selected)", map[string]any{"Pictures": words.Pictures(len(d.images)), "N": n}))
	default:
		d.viewTitle.SetText(lang.L("Class \"{{.Name}}\": {{.Pictures}} ({{.N}} selected)", map[string]any{"Name": d.view.class, "Pictures": words.Pictures(len(d.images)), "N": n}))
	}
	enable(d.moveTo, n > 0)
	enable(d.excludeBtn, n > 0 && d.view.kind != viewExcluded)
	enable(d.includeBtn, n > 0 && d.view.kind == viewExcluded)
	enable(d.renameBtn, d.view.kind == viewClass)
	enable(d.removeBtn, d.view.kind == viewClass)
	enable(d.recordBtn, d.view.kind == viewClass)
}

// enable enables or disables w.
func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// facts gathers what the dataset checks need.
func (d *Screen) facts() notices.Facts { return d.factsOf(pilesOf(d.s.Project())) }

func (d *Screen) factsOf(ps piles) notices.Facts {
	return notices.Facts{
		Classes:    ps.classes,
		Unlabelled: len(ps.unlabelled),
		Excluded:   len(ps.excluded),
		Unreadable: d.s.Unreadable(),
		Missing:    d.s.Missing(),
		Duplicates: d.duplicates.inClasses(d.s.Project()),
	}
}
