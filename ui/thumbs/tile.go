package thumbs

import (
	"image"
	"path/filepath"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tile is one picture in the labelling grid: the thumbnail, its file
// name and a check box that shows whether it is selected. Tapping toggles
// the selection; dragging it onto a class card moves the selection there.
type Tile struct {
	widget.BaseWidget

	path     string
	selected bool
	// bound counts Bind calls; a thumbnail asked for at an earlier count
	// is no longer wanted. Atomic: the cache's jobs read it.
	bound atomic.Uint64
	image *canvas.Image
	name  *widget.Label
	check *widget.Icon
	bg    *canvas.Rectangle

	onTap  func(path string)
	onDrop func(path string, at fyne.Position)
	dragAt fyne.Position
	drag   bool
}

// NewTile returns an empty tile whose thumbnail is size×size; onTap gets
// its picture, onDrop its picture and the window position it was dragged to.
func NewTile(size float32, onTap func(string), onDrop func(string, fyne.Position)) *Tile {
	t := &Tile{
		image:  canvas.NewImageFromImage(nil),
		name:   widget.NewLabel(""),
		check:  widget.NewIcon(theme.CheckButtonIcon()),
		bg:     canvas.NewRectangle(theme.Color(theme.ColorNameSelection)),
		onTap:  onTap,
		onDrop: onDrop,
	}
	t.image.FillMode = canvas.ImageFillContain
	t.image.SetMinSize(fyne.NewSquareSize(size))
	t.name.Truncation = fyne.TextTruncateEllipsis
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer lays out the thumbnail above a check box and the name.
func (t *Tile) CreateRenderer() fyne.WidgetRenderer {
	caption := container.NewBorder(nil, nil, t.check, nil, t.name)
	return widget.NewSimpleRenderer(container.NewStack(t.bg, container.NewBorder(nil, caption, nil, nil, t.image)))
}

// Bind binds the tile to path, selected or not, its thumbnail from
// thumbs. A tile the grid recycles for another picture before the
// thumbnail is decoded no longer asks for it, so scrolling fast through
// thousands of pictures decodes only those that stop on screen. Bound
// again to the same picture (the grid refreshes every cell on screen when
// one is selected), only the selection look changes: setting the name
// again would lay its text out again, the costly part of a refresh.
func (t *Tile) Bind(path string, selected bool, thumbs *Cache) {
	t.selected = selected
	t.showSelected()
	if path == t.path && t.bound.Load() > 0 {
		return
	}
	t.path = path
	t.name.SetText(filepath.Base(path))
	n := t.bound.Add(1)
	shown := false
	thumbs.Request(path, func() bool { return t.bound.Load() == n }, func(img image.Image, err error) {
		if t.bound.Load() != n {
			return // the grid recycled this tile for another picture
		}
		shown = true
		t.show(img, err)
	})
	if !shown { // not cached: blank until decoded
		t.show(nil, nil)
	}
}

// show shows a thumbnail, or a broken-picture icon when err says why
// there is none.
func (t *Tile) show(img image.Image, err error) {
	t.image.Image, t.image.Resource = img, nil
	if err != nil {
		t.image.Resource = theme.BrokenImageIcon()
	}
	t.image.Refresh()
}

// showSelected updates the background and the check box alone.
func (t *Tile) showSelected() {
	t.bg.FillColor = theme.Color(theme.ColorNameSelection)
	t.bg.Hidden = !t.selected
	if t.selected {
		t.check.SetResource(theme.CheckButtonCheckedIcon())
	} else {
		t.check.SetResource(theme.CheckButtonIcon())
	}
	t.bg.Refresh()
}

// Refresh redraws the whole tile, e.g. in a new theme.
func (t *Tile) Refresh() {
	t.showSelected()
	t.BaseWidget.Refresh()
}

// Tapped toggles the selection.
func (t *Tile) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap(t.path)
	}
}

// Dragged remembers where the pointer is, in window coordinates.
func (t *Tile) Dragged(ev *fyne.DragEvent) {
	t.drag = true
	t.dragAt = ev.AbsolutePosition
}

// DragEnd drops the selection where the pointer was released.
func (t *Tile) DragEnd() {
	if t.drag && t.onDrop != nil {
		t.onDrop(t.path, t.dragAt)
	}
	t.drag = false
}

// Path is the picture the tile shows.
func (t *Tile) Path() string { return t.path }
