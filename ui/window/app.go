// Package window is TransferLab's main window: the five screens as tabs, the
// status bar, menus and shortcuts, drops on the window and the project file
// dialogs. Build it with New and call Window().ShowAndRun().
package window

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"transferlab/resources"
	"transferlab/ui"
	"transferlab/ui/look"
	"transferlab/ui/notices"
	"transferlab/ui/project"
	"transferlab/ui/thumbs"
)

// App is TransferLab's main window and the state its screens share.
type App struct {
	fyneApp fyne.App
	win     fyne.Window
	eng     ui.Engine
	cfg     config
	ctx     context.Context
	stop    context.CancelFunc

	project   *project.Project
	autosaver *project.Autosaver
	// unreadable maps files the last scans could not use to the reason.
	unreadable map[string]string
	// missing lists project pictures whose files were not found at the
	// last scan (moved or deleted since the project was saved).
	missing  []string
	networks []ui.Network
	result   *ui.TrainResult
	thumbs   *thumbs.Cache

	tabs    *container.AppTabs
	data    *dataScreen
	model   *modelScreen
	train   *trainScreen
	results *resultsScreen
	try     *tryScreen
	look    *look.Look
	status  *widget.Label
}

// Tab indexes, also the Ctrl+1..5 shortcuts.
const (
	tabData = iota
	tabModel
	tabTrain
	tabResults
	tabTry
)

// New builds the main window for eng. Call Window().ShowAndRun() to start.
func New(a fyne.App, eng ui.Engine, opts ...Option) *App {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	ctx, stop := context.WithCancel(context.Background())
	u := &App{
		fyneApp:    a,
		eng:        eng,
		cfg:        cfg,
		ctx:        ctx,
		stop:       stop,
		unreadable: map[string]string{},
		networks:   eng.Networks(),
	}
	u.thumbs = thumbs.NewCache(cfg.launch, cfg.thumbSize)
	u.win = a.NewWindow("TransferLab")
	u.win.SetIcon(resources.Icon())
	u.look = look.New(a)
	u.build()
	u.setProject(project.New(), "")
	if cfg.projectPath != "" {
		if err := u.OpenProject(cfg.projectPath); err != nil {
			u.showError(err)
		}
	}
	return u
}

// Window returns the main window.
func (u *App) Window() fyne.Window { return u.win }

func (u *App) build() {
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.data = newDataScreen(u)
	u.model = newModelScreen(u)
	u.train = newTrainScreen(u)
	u.results = newResultsScreen(u)
	u.try = newTryScreen(u)
	u.tabs = container.NewAppTabs(
		container.NewTabItem("1 Pictures", u.data.content),
		container.NewTabItem("2 Model", u.model.content),
		container.NewTabItem("3 Train", u.train.content),
		container.NewTabItem("4 Results", u.results.content),
		container.NewTabItem("5 Try it", u.try.content),
	)
	u.tabs.OnSelected = func(*container.TabItem) { u.onTabChanged() }
	bottom := container.NewBorder(nil, nil, nil, u.look.Controls(), u.status)
	u.win.SetContent(container.NewBorder(nil, bottom, nil, nil, u.tabs))
	u.win.SetMainMenu(u.mainMenu())
	u.registerShortcuts()
	u.win.SetOnDropped(u.OnDropped)
	u.win.SetCloseIntercept(u.close)
	u.win.Resize(fyne.NewSize(1100, 760))
}

// onTabChanged drops keyboard focus so 1–9, Delete and Escape reach the
// screen's own handlers, and refreshes screens whose inputs may have changed.
func (u *App) onTabChanged() {
	u.win.Canvas().Unfocus()
	switch u.tabs.SelectedIndex() {
	case tabModel:
		u.model.refresh()
	case tabTrain:
		u.train.refreshSummary()
	}
}

// selectTab shows screen i (one of the tab constants).
func (u *App) selectTab(i int) {
	if i >= 0 && i < len(u.tabs.Items) {
		u.tabs.SelectIndex(i)
	}
}

// run starts job through the launcher with the app's lifetime context.
func (u *App) run(job func(ctx context.Context)) {
	ctx := u.ctx
	u.cfg.launch(func() { job(ctx) })
}

// showError shows err in a dialog; safe from any goroutine.
func (u *App) showError(err error) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	fyne.Do(func() { dialog.ShowError(err, u.win) })
}

// setStatus shows a one-line message in the status bar.
func (u *App) setStatus(format string, args ...any) {
	u.status.SetText(fmt.Sprintf(format, args...))
}

// close offers to save a never-saved project, then closes.
func (u *App) close() {
	u.guardUnsaved(u.closeNow)
}

// closeNow saves pending changes, cancels running jobs and closes the
// window; if the save fails it asks before losing changes.
func (u *App) closeNow() {
	if err := u.autosaver.Close(); err != nil {
		dialog.ShowConfirm("Could not save the project",
			err.Error()+"\n\nClose anyway and lose the latest changes?",
			func(ok bool) {
				if ok {
					u.stop()
					u.win.Close()
				}
			}, u.win)
		return
	}
	u.stop()
	u.win.Close()
}

// refreshNetworks reloads the network list (weights may have arrived).
func (u *App) refreshNetworks() {
	u.networks = u.eng.Networks()
}

// network returns the network called name.
func (u *App) network(name string) (ui.Network, bool) {
	for _, n := range u.networks {
		if n.Name == name {
			return n, true
		}
	}
	return ui.Network{}, false
}

// labelled returns each class with its included pictures, in class order.
func (u *App) labelled() []ui.ClassImages {
	var out []ui.ClassImages
	for _, c := range u.project.Labelled() {
		out = append(out, ui.ClassImages{Name: c.Name, Images: c.Images})
	}
	return out
}

// datasetFacts gathers what the dataset checks need.
func (u *App) datasetFacts() notices.Facts {
	return notices.Facts{
		Classes:    u.project.Labelled(),
		Unlabelled: len(u.project.Unlabelled()),
		Excluded:   len(u.project.Excluded()),
		Unreadable: u.unreadable,
		Missing:    u.missing,
	}
}

// setResult shows a training result on the Results and Try it screens.
func (u *App) setResult(res ui.TrainResult) {
	u.result = &res
	u.results.show(&res)
	u.try.reset()
	u.selectTab(tabResults)
}
