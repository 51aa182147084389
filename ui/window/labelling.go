package window

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/words"
)

// selection returns the selected pictures, sorted.
func (d *dataScreen) selection() []string {
	out := make([]string, 0, len(d.selected))
	for p := range d.selected {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// toggle selects or deselects one picture. Keyboard focus is released so
// the next 1-9 key reaches the screen.
func (d *dataScreen) toggle(path string) {
	if d.selected[path] {
		delete(d.selected, path)
	} else {
		d.selected[path] = true
	}
	d.u.win.Canvas().Unfocus()
	d.updateActions()
	d.grid.Refresh()
}

func (d *dataScreen) selectAll() {
	for _, p := range d.images {
		d.selected[p] = true
	}
	d.updateActions()
	d.grid.Refresh()
}

func (d *dataScreen) selectNone() {
	d.selected = map[string]bool{}
	d.updateActions()
	d.grid.Refresh()
}

// moveSelected gives the selected pictures class ("" = unlabelled). A
// picture moved out of the Excluded pile is included again: the user has
// just said what it is.
func (d *dataScreen) moveSelected(class string) {
	paths := d.selection()
	if len(paths) == 0 {
		return
	}
	if err := d.u.project.SetLabel(class, paths...); err != nil {
		d.u.showError(err)
		return
	}
	if d.view.kind == viewExcluded {
		d.u.project.SetExcluded(false, paths...)
	}
	d.selected = map[string]bool{}
	d.u.setStatus("Moved %s to %s", words.Pictures(len(paths)), classOrUnlabelled(class))
	d.refresh()
}

func classOrUnlabelled(class string) string {
	if class == "" {
		return "Unlabelled"
	}
	return fmt.Sprintf("%q", class)
}

func (d *dataScreen) excludeSelected() { d.setExcluded(true) }
func (d *dataScreen) includeSelected() { d.setExcluded(false) }

func (d *dataScreen) setExcluded(excluded bool) {
	paths := d.selection()
	if len(paths) == 0 {
		return
	}
	if err := d.u.project.SetExcluded(excluded, paths...); err != nil {
		d.u.showError(err)
		return
	}
	d.selected = map[string]bool{}
	if excluded {
		d.u.setStatus("Excluded %s (the files are kept)", words.Pictures(len(paths)))
	} else {
		d.u.setStatus("Included %s again", words.Pictures(len(paths)))
	}
	d.refresh()
}

// dropSelection handles a tile dragged to window position at: the dragged
// picture joins the selection, and the selection moves to the card there.
func (d *dataScreen) dropSelection(path string, at fyne.Position) {
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

// typedRune moves the selection to class 1-9 by its number on the cards.
func (d *dataScreen) typedRune(r rune) {
	if r < '1' || r > '9' {
		return
	}
	classes := d.u.project.Classes()
	if i := int(r - '1'); i < len(classes) {
		d.moveSelected(classes[i])
	}
}

// typedKey: Delete excludes the selection, Escape clears it.
func (d *dataScreen) typedKey(ev *fyne.KeyEvent) {
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
func (d *dataScreen) askClassName(title, confirm, initial string, done func(string) error) {
	entry := widget.NewEntry()
	entry.SetText(initial)
	form := dialog.NewForm(title, confirm, "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Class name", entry)},
		func(ok bool) {
			if !ok {
				return
			}
			if err := done(entry.Text); err != nil {
				d.u.showError(err)
			}
		}, d.u.win)
	form.Resize(fyne.NewSize(420, 160))
	form.Show()
	d.u.win.Canvas().Focus(entry)
}

func (d *dataScreen) askNewClass() {
	d.askClassName("New class", "Create", "", func(name string) error {
		if err := d.u.project.AddClass(name); err != nil {
			return err
		}
		d.refresh()
		return nil
	})
}

func (d *dataScreen) askRename(old string) {
	d.askClassName(fmt.Sprintf("Rename class %q", old), "Rename", old, func(name string) error {
		if err := d.u.project.RenameClass(old, name); err != nil {
			return err
		}
		if d.view == (imageView{kind: viewClass, class: old}) {
			d.view.class = name
		}
		d.refresh()
		return nil
	})
}

func (d *dataScreen) askRemove(class string) {
	n := len(d.u.project.ImagesOf(class))
	msg := fmt.Sprintf("Remove the class %q? Its %s become unlabelled; no file is deleted.", class, words.Pictures(n))
	dialog.ShowConfirm("Remove class", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := d.u.project.RemoveClass(class); err != nil {
			d.u.showError(err)
		}
		d.refresh()
	}, d.u.win)
}
