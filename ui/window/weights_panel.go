package window

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
)

// weightsPanel shows whether the chosen network's pretrained weights are
// here, and downloads (with progress and cancel) or imports them.
type weightsPanel struct {
	u       *App
	content fyne.CanvasObject

	network  string
	status   *widget.Label
	download *widget.Button
	cancel   *widget.Button
	importB  *widget.Button
	progress *widget.ProgressBar
	stop     context.CancelFunc // cancels the running download
}

func newWeightsPanel(u *App) *weightsPanel {
	w := &weightsPanel{u: u}
	w.status = widget.NewLabel("")
	w.status.Wrapping = fyne.TextWrapWord
	w.download = widget.NewButtonWithIcon("Download", theme.DownloadIcon(), w.startDownload)
	w.cancel = widget.NewButtonWithIcon("Cancel download", theme.CancelIcon(), w.cancelDownload)
	w.importB = widget.NewButtonWithIcon("Import from a file...", theme.FolderOpenIcon(), w.askImport)
	w.progress = widget.NewProgressBar()
	w.progress.Hide()
	w.cancel.Hide()
	w.content = container.NewVBox(widget.NewSeparator(), w.status, container.NewHBox(w.download, w.cancel, w.importB), w.progress)
	return w
}

// refresh shows the weights status of network for case c.
func (w *weightsPanel) refresh(network string, c cases.Case) {
	w.network = network
	n, ok := w.u.network(network)
	if !ok {
		w.status.SetText(fmt.Sprintf("Unknown network %q: choose one from the list.", network))
		w.download.Disable()
		w.importB.Disable()
		return
	}
	downloading := w.stop != nil
	enable(w.importB, !downloading)
	switch {
	case n.WeightsAvailable:
		w.status.SetText(fmt.Sprintf("The pretrained weights of %s are on this computer.", n.Title))
		w.download.Disable()
	case !c.NeedsPretrained():
		w.status.SetText(fmt.Sprintf("Case %d trains %s from scratch, so it does not need the pretrained weights (%.0f MB).", c, n.Title, n.SizeMB))
		enable(w.download, !downloading)
	default:
		w.status.SetText(fmt.Sprintf("The pretrained weights of %s are not on this computer yet (%.0f MB). "+
			"Download them, or import the file if this computer has no internet.", n.Title, n.SizeMB))
		enable(w.download, !downloading)
	}
	w.download.SetText(fmt.Sprintf("Download (%.0f MB)", n.SizeMB))
}

func (w *weightsPanel) startDownload() {
	if w.stop != nil {
		return
	}
	ctx, stop := context.WithCancel(w.u.ctx)
	w.stop = stop
	network := w.network
	w.progress.SetValue(0)
	w.progress.TextFormatter = func() string { return "starting ..." }
	w.progress.Show()
	w.cancel.Show()
	w.download.Disable()
	w.importB.Disable()
	w.u.cfg.launch(func() {
		err := w.u.eng.FetchWeights(ctx, network, func(done, total int64) {
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
	w.u.refreshNetworks()
	w.u.model.list.Refresh()
	switch {
	case errors.Is(err, context.Canceled):
		w.u.setStatus("Download of %s cancelled", network)
	case err != nil:
		w.u.setStatus("Download of %s failed", network)
		w.u.showError(fmt.Errorf("download %s: %w", network, err))
	default:
		w.u.setStatus("Downloaded and checked the weights of %s", network)
	}
	w.refresh(w.network, w.u.model.effectiveCase())
	w.u.train.refreshSummary()
}

func (w *weightsPanel) cancelDownload() {
	if w.stop != nil {
		w.stop()
	}
}

func (w *weightsPanel) askImport() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			w.u.showError(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		w.importFile(path)
	}, w.u.win)
}

// ImportWeights checks a weights file for the network chosen on the Model
// screen and keeps a copy in the cache, as "Import from a file..." does
// once a file is chosen. Problems are shown in the window.
func (u *App) ImportWeights(path string) {
	u.model.weights.importFile(path)
}

// importFile checks and caches a weights file in a job.
func (w *weightsPanel) importFile(path string) {
	network := w.network
	w.u.setStatus("Checking %s ...", path)
	w.u.cfg.launch(func() {
		err := w.u.eng.ImportWeights(network, path)
		fyne.Do(func() {
			if err != nil {
				w.u.setStatus("Import failed")
				w.u.showError(fmt.Errorf("import weights for %s: %w", network, err))
				return
			}
			w.u.refreshNetworks()
			w.u.model.list.Refresh()
			w.u.setStatus("Imported the weights of %s from %s", network, path)
			w.refresh(w.network, w.u.model.effectiveCase())
			w.u.train.refreshSummary()
		})
	})
}
