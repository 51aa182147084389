// Package window is TransferLab's main window: the five screens (each in its
// own package: pictures, model, training, results, tryit) as tabs, the
// status bar, menus and shortcuts, drops on the window and the project file
// dialogs. Build it with New and call Window().ShowAndRun().
package window

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/resources"
	"transferlab/ui"
	"transferlab/ui/host"
	"transferlab/ui/look"
	"transferlab/ui/model"
	"transferlab/ui/pictures"
	"transferlab/ui/project"
	"transferlab/ui/results"
	"transferlab/ui/store"
	"transferlab/ui/thumbs"
	"transferlab/ui/training"
	"transferlab/ui/tryit"
)

// App is TransferLab's main window. It owns the shared state and the
// project file; the screens get the state and a host, never the App.
type App struct {
	fyneApp fyne.App
	win     fyne.Window
	cfg     config
	ctx     context.Context // ends when the window closes
	stop    context.CancelFunc

	store     *store.Store // what the screens share
	host      *host.Host   // what the window lends the screens
	autosaver *project.Autosaver
	recent    recentProjects
	thumbs    *thumbs.Cache

	tabs     *container.AppTabs
	pictures *pictures.Screen
	model    *model.Screen
	train    *training.Screen
	results  *results.Screen
	try      *tryit.Screen
	look     *look.Look
	status   *widget.Label
}

// New builds the main window for eng. Call Window().ShowAndRun() to start.
func New(a fyne.App, eng ui.Engine, opts ...Option) *App {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	ctx, stop := context.WithCancel(context.Background())
	u := &App{
		fyneApp: a,
		cfg:     cfg,
		ctx:     ctx,
		stop:    stop,
		store:   store.New(eng.Networks()),
		recent:  recentProjects{prefs: a.Preferences()},
	}
	u.thumbs = thumbs.NewCache(cfg.launch, cfg.thumbSize)
	u.win = a.NewWindow("TransferLab")
	u.win.SetIcon(resources.Icon())
	u.host = &host.Host{Win: u.win, Engine: eng, Ctx: ctx, Launch: cfg.launch, Now: cfg.now,
		StatusBar: func(text string) { u.status.SetText(text) }, Select: u.selectTab,
		Prefs: a.Preferences(), Cameras: cfg.cameras}
	u.look = look.New(a)
	// Fyne's desktop canvas keeps the in-window menu bar's old height
	// after the text size changes, pushing the status bar off the bottom;
	// setting the same size again lays the window out anew.
	u.look.Changed = func() { u.win.Resize(u.win.Canvas().Size()) }
	// The window hears of project changes before any screen: it saves.
	u.store.On(store.Pictures, u.onProjectChanged)
	u.store.On(store.Settings, u.onProjectChanged)
	u.store.On(store.Runs, u.onProjectChanged)
	u.store.On(store.Chosen, u.checkModel) // an earlier run's file may have gone since
	u.build()
	u.setProject(project.New(), "")
	switch {
	case cfg.projectPath != "":
		if err := u.OpenProject(cfg.projectPath); err != nil {
			u.host.ShowError(err)
		}
	case cfg.reopenLast:
		u.reopenLast()
	}
	return u
}

// Window returns the main window.
func (u *App) Window() fyne.Window { return u.win }

func (u *App) build() {
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.pictures = pictures.New(u.host, u.store, u.thumbs, u.cfg.thumbSize, u.cfg.demoDir)
	u.model = model.New(u.host, u.store)
	u.train = training.New(u.host, u.store, u.cfg.workDir)
	u.results = results.New(u.host, u.store, u.thumbs)
	u.try = tryit.New(u.host, u.store)
	u.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("1 Pictures"), scrollable(u.pictures.Content())),
		container.NewTabItem(lang.L("2 Model"), scrollable(u.model.Content())),
		container.NewTabItem(lang.L("3 Train"), scrollable(u.train.Content())),
		container.NewTabItem(lang.L("4 Results"), scrollable(u.results.Content())),
		container.NewTabItem(lang.L("5 Try it"), scrollable(u.try.Content())),
	)
	u.tabs.OnSelected = func(*container.TabItem) { u.onTabChanged() }
	bottom := container.NewBorder(nil, nil, nil, u.look.Controls(), u.status)
	u.win.SetContent(container.NewBorder(nil, bottom, nil, nil, u.tabs))
	u.win.SetMainMenu(u.mainMenu())
	u.registerShortcuts()
	u.win.SetOnDropped(u.OnDropped)
	u.win.SetCloseIntercept(u.close)
	u.win.Resize(fyne.NewSize(1100, 700))
}

// scrollable lets a screen be smaller than it would like: a school laptop's
// 1366×768 at 150 % text is about 900×470 of Fyne's units, less than some
// screens need. The screen fills the window when it fits; otherwise it
// scrolls, and the window itself never grows past the display (nor when
// the text size changes).
func scrollable(screen fyne.CanvasObject) fyne.CanvasObject {
	return container.NewScroll(screen)
}

// onTabChanged drops keyboard focus so 1–9, Delete and Escape reach the
// screen's own handlers, and refreshes screens whose inputs may have changed.
func (u *App) onTabChanged() {
	u.win.Canvas().Unfocus()
	switch u.screen() {
	case host.Model:
		u.model.Refresh()
	case host.Train:
		u.train.Refresh()
	}
}

// screen is the screen shown now.
func (u *App) screen() host.Screen { return host.Screen(u.tabs.SelectedIndex()) }

// selectTab shows screen s.
func (u *App) selectTab(s host.Screen) {
	if s >= 0 && int(s) < len(u.tabs.Items) {
		u.tabs.SelectIndex(int(s))
	}
}

// close offers to save a never-saved project, then closes.
func (u *App) close() {
	u.guardUnsaved(u.closeNow)
}

// closeNow saves pending changes, cancels running jobs and closes the
// window; if the save fails it asks before losing changes.
func (u *App) closeNow() {
	if err := u.autosaver.Close(); err != nil {
		dialog.ShowConfirm(lang.L("Could not save the project"),
			host.Plain(err)+"\n\n"+lang.L("Close anyway and lose the latest changes?"),
			func(ok bool) {
				if ok {
					u.stop()
					u.closeOthers()
					u.win.Close()
				}
			}, u.win)
		return
	}
	u.stop()
	u.closeOthers()
	u.win.Close()
}

// closeOthers closes the app's other windows (the camera's), which would
// otherwise keep the app running without its main window.
func (u *App) closeOthers() {
	for _, w := range slices.Clone(u.fyneApp.Driver().AllWindows()) {
		if w != u.win {
			w.Close()
		}
	}
}

// ImportWeights checks a weights file for the network chosen on the Model
// screen and keeps a copy in the cache, as "Import from a file..." does
// once a file is chosen. Problems are shown in the window.
func (u *App) ImportWeights(path string) { u.model.ImportWeights(path) }
