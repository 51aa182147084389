package pictures

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"transferlab/ui"
	"transferlab/ui/host"
	"transferlab/ui/project"
)

// Add shows this screen, scans folders and files and adds their pictures
// to the project.
func (d *Screen) Add(paths []string) {
	d.h.Show(host.Pictures)
	d.scan(paths, true)
}

// Rescan looks through a reopened project's folders again, so new
// pictures appear and unreadable or missing ones are reported.
func (d *Screen) Rescan(sources []string) { d.scan(sources, false) }

// scan runs the engine's scan in a job and merges the result. remember
// records the paths as project sources (a re-scan of known sources does
// not need to).
func (d *Screen) scan(paths []string, remember bool) {
	d.h.SetStatus("Looking through %d folder(s) ...", len(paths))
	p := d.s.Project()
	ctx, stop := context.WithCancel(d.h.Ctx)
	id := d.scanning.start(stop)
	d.h.Launch(func() {
		ds, err := d.h.Engine.Scan(ctx, paths, func(done, total int) {
			fyne.Do(func() { d.scanning.progress(id, done, total) })
		})
		missing := p.Missing()
		fyne.Do(func() {
			d.scanning.finish(id)
			stop()
			if d.s.Project() != p {
				return // another project was opened meanwhile
			}
			d.scanned(paths, remember, ds, missing, err)
		})
	})
}

// scanned takes a finished scan's answer on the UI goroutine.
func (d *Screen) scanned(paths []string, remember bool, ds ui.Dataset, missing []string, err error) {
	d.s.SetMissing(missing)
	if errors.Is(err, context.Canceled) {
		d.h.SetStatus("Stopped reading the pictures; nothing was added from %s", strings.Join(paths, ", "))
		return
	}
	if err != nil {
		d.h.SetStatus("Could not read the pictures")
		d.h.ShowError(fmt.Errorf("%s: %w", lang.L("Nothing was added from {{.Folders}}", map[string]any{"Folders": strings.Join(paths, ", ")}), err))
		return
	}
	if remember {
		d.edit(func(p *project.Project) error { p.AddSources(paths...); return nil })
	}
	d.merge(ds)
}

// merge adds a scan's classes and pictures to the project. Pictures the
// project already knows keep the user's labels.
func (d *Screen) merge(ds ui.Dataset) {
	added := 0
	d.edit(func(p *project.Project) error {
		for _, c := range ds.Classes {
			n, err := p.AddImages(c.Name, c.Images)
			if err != nil {
				d.h.ShowError(fmt.Errorf("class folder %q: %w", c.Name, err))
				continue
			}
			added += n
		}
		n, _ := p.AddImages("", ds.Unlabelled)
		added += n
		return nil
	})
	d.duplicates.add(ds.Duplicates)
	d.s.Scanned(ds.Unreadable) // the Model screen asks for new advice
	d.refresh()
	d.h.SetStatus("Added %d new picture(s); %d file(s) could not be read", added, len(ds.Unreadable))
}

// AskAddFolder is the "Add folder..." button: the same as dropping it.
func (d *Screen) AskAddFolder() {
	d.h.AskOpen(host.FolderPath, lang.L("Add a folder of pictures"), func(dir string) { d.Add([]string{dir}) })
}

// askAddPicture adds one loose picture, to be labelled by hand.
func (d *Screen) askAddPicture() {
	d.h.AskOpen(host.PicturePath, lang.L("Add a picture"), func(path string) { d.Add([]string{path}) })
}
