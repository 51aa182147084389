package window

import (
	"time"

	"transferlab/ui/camera"
	"transferlab/ui/host"
)

// goroutines is the default Launcher.
func goroutines(job func()) { go job() }

// Option configures New.
type Option func(*config)

type config struct {
	launch        host.Launcher
	now           func() time.Time
	autosaveDelay time.Duration
	projectPath   string
	reopenLast    bool
	workDir       string
	demoDir       string
	thumbSize     int
	cameras       camera.Lister
}

func defaultConfig() config {
	return config{
		launch:        goroutines,
		now:           time.Now,
		autosaveDelay: 2 * time.Second,
		thumbSize:     112,
		cameras:       camera.NewShelf(), // none: the app passes the computer's
	}
}

// WithLauncher sets how jobs (engine calls, thumbnail decoding) are run.
func WithLauncher(l host.Launcher) Option { return func(c *config) { c.launch = l } }

// WithClock sets the clock used for "time left" estimates.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithAutosaveDelay sets how long after the last change the project is
// saved; 0 saves on every change.
func WithAutosaveDelay(d time.Duration) Option { return func(c *config) { c.autosaveDelay = d } }

// WithProject opens the project file at path on start.
func WithProject(path string) Option { return func(c *config) { c.projectPath = path } }

// WithReopenLast opens the project used last (File > Open recent's first)
// on start, as the app does; tests leave it out to start on an empty
// project whatever their preferences hold.
func WithReopenLast() Option { return func(c *config) { c.reopenLast = true } }

// WithWorkDir sets where trained classifiers go while the project has not
// been saved yet (afterwards they go beside the project file).
func WithWorkDir(dir string) Option { return func(c *config) { c.workDir = dir } }

// WithDemoDir sets where "Try the demo" draws its pictures (by default the
// user's cache folder).
func WithDemoDir(dir string) Option { return func(c *config) { c.demoDir = dir } }

// WithCameras sets where the camera screens find cameras: the app passes
// camera.System(), tests a camera.Shelf (the default has none).
func WithCameras(l camera.Lister) Option { return func(c *config) { c.cameras = l } }
