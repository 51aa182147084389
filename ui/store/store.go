// Package store holds the state the screens share — the project, the
// networks on offer, what the last scans found, the recommended case and the
// current model (the project's last training run) — and tells listeners what
// changed. Screens read and update it instead of calling each other: the
// Model screen publishes its advice and the Train screen reads the case from
// here; the Train screen publishes a run, which the project keeps, and the
// Results and Try it screens show it, as they do when a project with runs
// is opened.
//
// It lives on the UI goroutine, like the widgets: every method is called
// from there (inside fyne.Do when a job reports back), so it needs no lock.
package store

import (
	"transferlab/ui"
	"transferlab/ui/project"
)

// Topic is one kind of change listeners can follow.
type Topic int

// The topics.
const (
	// Opened: another project replaced the current one; everything else
	// (scans, advice, run) was reset with it.
	Opened Topic = iota
	// Pictures: the project's pictures, classes, labels, exclusions or
	// sources changed.
	Pictures
	// Settings: the project's training settings changed.
	Settings
	// Scanned: folders were read and their pictures added.
	Scanned
	// Networks: the network list changed (weights arrived).
	Networks
	// Advice: the recommended case changed.
	Advice
	// Trained: the current model changed: a run finished, a project with
	// runs was opened, or its model file turned out missing or damaged.
	Trained
	// Runs: the project's list of runs changed (a run was added or
	// deleted); the project file needs saving.
	Runs
	// Chosen: the user made another run the current model (Trained
	// follows); its model file has not been checked yet.
	Chosen
	// LessonDone: a four-cases lesson finished; Lesson says which runs
	// it added and what it concluded.
	LessonDone
)

// Store is the shared state; New makes one with an empty project.
type Store struct {
	project    *project.Project
	path       string // the project file; "" until first saved
	networks   []ui.Network
	unreadable map[string]string // files the scans could not use -> why
	missing    []string          // project pictures not found at the last scan
	advice     *ui.Recommendation
	run        *project.Run // the current model: the chosen run, else the last
	current    int          // run's index in the project's runs; -1 when run is nil
	problem    string       // why run's model file cannot be used; "" when it can
	lesson     *Lesson      // the last lesson, while its runs stand

	changing  Topic // the topic of the project change under way
	listeners map[Topic][]func()
}

// New returns a store with an empty, unsaved project and these networks.
func New(networks []ui.Network) *Store {
	s := &Store{listeners: map[Topic][]func(){}, networks: networks}
	s.reset(project.New(), "")
	return s
}

// On calls fn after every change of topic t, in the order listeners
// were added: the window adds its own first (autosave), then each screen.
func (s *Store) On(t Topic, fn func()) {
	s.listeners[t] = append(s.listeners[t], fn)
}

func (s *Store) emit(t Topic) {
	for _, fn := range s.listeners[t] {
		fn()
	}
}
