package model

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/ui/host"
	"transferlab/ui/store"
)

// weightsPanel shows whether the chosen network's pretrained weights are
// here, and downloads (with progress and cancel) or imports them.
type weightsPanel struct {
	h       *host.Host
	s       *store.Store
	content fyne.CanvasObject

	network  string
	status   *widget.Label
	download *widget.Button
	cancel   *widget.Button
	importB  *widget.Button
	progress *widget.ProgressBar
	stop     context.CancelFunc // cancels the running download
}

func newWeightsPanel(h *host.Host, s *store.Store) *weightsPanel {
	w := &weightsPanel{h: h, s: s}
	w.status = widget.NewLabel("")
	w.status.Wrapping = fyne.TextWrapWord
	w.download = widget.NewButtonWithIcon(lang.L("Download"), theme.DownloadIcon(), w.startDownload)
	w.cancel = widget.NewButtonWithIcon(lang.L("Cancel download"), theme.CancelIcon(), w.cancelDownload)
	w.importB = widget.NewButtonWithIcon(lang.L("Import from a file..."), theme.FolderOpenIcon(), w.askImport)
	w.progress = widget.NewProgressBar()
	w.progress.Hide()
	w.cancel.Hide()
	w.content = container.NewVBox(widget.NewSeparator(), w.status, container.NewHBox(w.download, w.cancel, w.importB), w.progress)
	return w
}

// refresh shows the weights status of network for case c.
func (w *weightsPanel) refresh(network string, c cases.Case) {
	w.network = network
	n, ok := w.s.Network(network)
	if !ok {
		w.status.SetText(lang.L("Unknown network \"{{.Name}}\": choose one from the list.", map[string]any{"Name": network}))
		w.download.Disable()
		w.importB.Disable()
		return
	}
	downloading := w.stop != nil
	enable(w.importB, !downloading)
	switch {
	case n.WeightsAvailable:
		w.status.SetText(lang.L("The pretrained weights of {{.Name}} are on this computer.", map[string]any{"Name": n.Title}))
		w.download.Disable()
	case !c.NeedsPretrained():
		w.status.SetText(lang.L("Case {{.N}} trains {{.Name}} from scratch, so it does not need the pretrained weights ({{.MB}} MB).",
			map[string]any{"N": int(c), "Name": n.Title, "MB": fmt.Sprintf("%.0f", n.SizeMB)}))
		enable(w.download, !downloading)
	default:
		w.status.SetText(lang.L("The pretrained weights of {{.Name}} are not on this computer yet ({{.MB}} MB). "+
			"Download them, or import the file if this computer has no internet.", map[string]any{"Name": n.Title, "MB": fmt.Sprintf("%.0f", n.SizeMB)}))
		enable(w.download, !downloading)
	}
	w.download.SetText(lang.L("Download ({{.MB}} MB)", map[string]any{"MB": fmt.Sprintf("%.0f", n.SizeMB)}))
}

func (w *weightsPanel) startDownload() {
	if w.stop != nil {
		return
	}
	ctx, stop := context.WithCancel(w.h.Ctx)
	w.stop = stop
	network := w.network
	w.progress.SetValue(0)
	w.progress.TextFormatter = func() string { return "starting ..." }
	w.progress.Show()
	w.cancel.Show()
	w.download.Disable()
	w.importB.Disable()
	w.h.Launch(func() {
		err := w.h.Engine.FetchWeights(ctx, network, func(done, total int64) {
			fyne.Do(func() { w.showProgress(done, total) })
		})
		fyne.Do(func() { w.finished(network, err) })
	})
}

func (w *weightsPanel) showProgress(done, total int64) {
	const mb = 1 << 20
	if total > 0 {
		w.progress.TextFormatter = func() string {
			return fmt.Sprintf("%.1f of %.1f MB", float64(done)/mb, float64(total)/mb)
		}
		w.progress.SetValue(float64(done) / float64(total))
		return
	}
	w.progress.TextFormatter = func() string { return fmt.Sprintf("%.1f MB", float64(done)/mb) }
	w.progress.Refresh()
}

func (w *weightsPanel) finished(network string, err error) {
	w.stop = nil
	w.cancel.Hide()
	w.progress.Hide()
	w.s.SetNetworks(w.h.Engine.Networks()) // the list and the Train screen follow
	switch {
	case errors.Is(err, context.Canceled):
		w.h.SetStatus("Download of %s cancelled", network)
	case err != nil:
		w.h.SetStatus("Download of %s failed", network)
		w.h.ShowError(fmt.Errorf("download %s: %w", network, err))
	default:
		w.h.SetStatus("Downloaded and checked the weights of %s", network)
	}
	w.refresh(w.network, w.s.Case())
}

func (w *weightsPanel) cancelDownload() {
	if w.stop != nil {
		w.stop()
	}
}

func (w *weightsPanel) askImport() {
	w.h.AskOpen(host.WeightsPath, lang.L("Import a weights file (.pth)"), w.importFile)
}

// importFile checks and caches a weights file in a job.
func (w *weightsPanel) importFile(path string) {
	network := w.network
	w.h.SetStatus("Checking %s ...", path)
	w.h.Launch(func() {
		err := w.h.Engine.ImportWeights(network, path)
		fyne.Do(func() {
			if err != nil {
				w.h.SetStatus("Import failed")
				w.h.ShowError(fmt.Errorf("import weights for %s: %w", network, err))
				return
			}
			w.s.SetNetworks(w.h.Engine.Networks()) // the list and the Train screen follow
			w.h.SetStatus("Imported the weights of %s from %s", network, path)
			w.refresh(w.network, w.s.Case())
		})
	})
}

// enable enables or disables w.
func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}
