package pictures

import (
	"fmt"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/project"
	"transferlab/ui/words"
)

// selection returns the selected pictures, sorted.
func (d *Screen) selection() []string {
	out := make([]string, 0, len(d.selected))
	for p := range d.selected {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// toggle selects or deselects one tapped picture. Keyboard focus is
// released so the next 1-9 key reaches the screen.
func (d *Screen) toggle(path string) {
	d.h.Win.Canvas().Unfocus()
	d.flip(path)
}

// flip selects or deselects one picture.
func (d *Screen) flip(path string) {
	if d.selected[path] {
		delete(d.selected, path)
	} else {
		d.selected[path] = true
	}
	d.updateActions()
	if i := slices.Index(d.images, path); i >= 0 {
		d.grid.RefreshItem(i) // the other cells are as they were
	}
}

// selectRange adds the pictures from index i to j (either order) of the
// shown pile to the selection, as Shift with an arrow does.
func (d *Screen) selectRange(i, j int) {
	for k := min(i, j); k <= max(i, j) && k < len(d.images); k++ {
		d.selected[d.images[k]] = true
		d.grid.RefreshItem(k)
	}
	d.updateActions()
}

// SelectAll selects every picture of the shown pile (Ctrl+A).
func (d *Screen) SelectAll() {
	for _, p := range d.images {
		d.selected[p] = true
	}
	d.updateActions()
	d.grid.Refresh()
}

// selectNone clears the selection (Escape).
func (d *Screen) selectNone() {
	d.selected = map[string]bool{}
	d.updateActions()
	d.grid.Refresh()
}

// moveSelected gives the selected pictures class ("" = unlabelled). A
// picture moved out of the Excluded pile is included again: the user has
// just said what it is.
func (d *Screen) moveSelected(class string) {
	paths := d.selection()
	if len(paths) == 0 {
		return
	}
	err := d.edit(func(p *project.Project) error {
		if err := p.SetLabel(class, paths...); err != nil {
			return err
		}
		if d.view.kind == viewExcluded {
			p.SetExcluded(false, paths...)
		}
		return nil
	})
	if err != nil {
		d.h.ShowError(err)
		return
	}
	d.selected = map[string]bool{}
	d.h.SetStatus("Moved %s to %s", words.Pictures(len(paths)), classOrUnlabelled(class))
	d.refresh()
}

func classOrUnlabelled(class string) string {
	if class == "" {
		return lang.L("Unlabelled")
	}
	return fmt.Sprintf("%q", class)
}

func (d *Screen) excludeSelected() { d.setExcluded(true) }
func (d *Screen) includeSelected() { d.setExcluded(false) }

func (d *Screen) setExcluded(excluded bool) {
	paths := d.selection()
	if len(paths) == 0 {
		return
	}
	if err := d.edit(func(p *project.Project) error { return p.SetExcluded(excluded, paths...) }); err != nil {
		d.h.ShowError(err)
		return
	}
	d.selected = map[string]bool{}
	if excluded {
		d.h.SetStatus("Excluded %s (the files are kept)", words.Pictures(len(paths)))
	} else {
		d.h.SetStatus("Included %s again", words.Pictures(len(paths)))
	}
	d.refresh()
}

// dropSelection handles a tile dragged to window position at: the dragged
// picture joins the selection, and the selection moves to the card there.
func (d *Screen) dropSelection(path string, at fyne.Position) {
	for _, c := range d.cards {
		if !c.contains(at) {
			continue
		}
		d.selected[path] = true
		switch c.view.kind {
		case viewClass:
			d.moveSelected(c.view.class)
		case viewUnlabelled:
			d.moveSelected("")
		case viewExcluded:
			d.excludeSelected()
		}
		return
	}
}

// TypedRune moves the selection to class 1-9 by its number on the cards.
func (d *Screen) TypedRune(r rune) {
	if r < '1' || r > '9' {
		return
	}
	classes := d.s.Project().Classes()
	if i := int(r - '1'); i < len(classes) {
		d.moveSelected(classes[i])
	}
}

// TypedKey: Delete excludes the selection, Escape clears it.
func (d *Screen) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if d.view.kind != viewExcluded {
			d.excludeSelected()
		}
	case fyne.KeyEscape:
		d.selectNone()
	}
}

// askClassName asks for a class name and calls done with a valid one.
func (d *Screen) askClassName(title, confirm, initial string, done func(string) error) {
	entry := widget.NewEntry()
	entry.SetText(initial)
	form := dialog.NewForm(title, confirm, lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Class name"), entry)},
		func(ok bool) {
			if !ok {
				return
			}
			if err := done(entry.Text); err != nil {
				d.h.ShowError(err)
			}
		}, d.h.Win)
	form.Resize(fyne.NewSize(420, 160))
	form.Show()
	d.h.Win.Canvas().Focus(entry)
}

// AskNewClass asks for a new class's name and adds it.
func (d *Screen) AskNewClass() {
	d.askClassName(lang.L("New class"), lang.L("Create"), "", func(name string) error {
		if err := d.edit(func(p *project.Project) error { return p.AddClass(name) }); err != nil {
			return err
		}
		d.refresh()
		return nil
	})
}

func (d *Screen) askRename(old string) {
	d.askClassName(lang.L("Rename class \"{{.Name}}\"", map[string]any{"Name": old}), lang.L("Rename"), old, func(name string) error {
		if err := d.edit(func(p *project.Project) error { return p.RenameClass(old, name) }); err != nil {
			return err
		}
		if d.view == (imageView{kind: viewClass, class: old}) {
			d.view.class = name
		}
		d.refresh()
		return nil
	})
}

func (d *Screen) askRemove(class string) {
	n := len(d.s.Project().ImagesOf(class))
	msg := lang.L("Remove the class \"{{.Name}}\"? Its {{.Pictures}} become unlabelled; no file is deleted.",
		map[string]any{"Name": class, "Pictures": words.Pictures(n)})
	dialog.ShowConfirm(lang.L("Remove class"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := d.edit(func(p *project.Project) error { return p.RemoveClass(class) }); err != nil {
			d.h.ShowError(err)
		}
		d.refresh()
	}, d.h.Win)
}
