package pictures

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"transferlab/ui/host"
)

// AskExport asks for a folder and copies the labelled pictures into it,
// one sub-folder per class.
func (d *Screen) AskExport() {
	d.h.AskOpen(host.FolderPath, lang.L("Export the labelled pictures into a folder"), func(dir string) {
		d.exportTo(filepath.Join(dir, "TransferLab export"))
	})
}

// exportTo copies the labelled dataset to dir in a job.
func (d *Screen) exportTo(dir string) {
	p := d.s.Project()
	d.h.SetStatus("Exporting to %s ...", dir)
	d.h.Launch(func() {
		sum, err := p.Export(dir)
		fyne.Do(func() {
			if err != nil {
				d.h.SetStatus("Export failed")
				d.h.ShowError(err)
				return
			}
			d.h.SetStatus("Exported %d pictures in %d class folders to %s", sum.Files, sum.Classes, dir)
		})
	})
}
