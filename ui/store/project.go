package store

import (
	"transferlab/ui"
	"transferlab/ui/project"
)

// Open makes p, saved at path ("" = not yet), the current project. What
// belonged to the old one — scan findings, advice — goes; p's last run
// becomes the current model, so Results and Try it work at once.
func (s *Store) Open(p *project.Project, path string) {
	s.reset(p, path)
	s.emit(Opened)
	if s.run != nil {
		s.emit(Trained)
	}
}

func (s *Store) reset(p *project.Project, path string) {
	s.project, s.path = p, path
	s.unreadable, s.missing = map[string]string{}, nil
	s.advice, s.lesson = nil, nil
	s.makeCurrent(len(p.Runs()) - 1)
	s.changing = Pictures
	p.SetOnChange(s.changed)
}

// changed hears every change to the project (on the UI goroutine: the
// project is only mutated there) and announces it under the topic of the
// store method that made it; Pictures when the project was changed directly.
func (s *Store) changed() { s.emit(s.changing) }

// changeAs runs change with project changes announced as topic t.
func (s *Store) changeAs(t Topic, change func()) {
	s.changing = t
	defer func() { s.changing = Pictures }()
	change()
}

// Project is the current project. Change its settings through SetSettings;
// its other mutators notify Pictures listeners.
func (s *Store) Project() *project.Project { return s.project }

// Path is where the project is saved; "" until it first is.
func (s *Store) Path() string { return s.path }

// SetPath records where the project is now saved.
func (s *Store) SetPath(path string) { s.path = path }

// SetSettings changes the project's training settings and notifies
// Settings listeners only: the pictures did not change.
func (s *Store) SetSettings(v project.Settings) (err error) {
	s.changeAs(Settings, func() { err = s.project.SetSettings(v) })
	return err
}

// Labelled returns each class with its included pictures, in class order,
// as the engine takes them.
func (s *Store) Labelled() []ui.ClassImages {
	var out []ui.ClassImages
	for _, c := range s.project.Labelled() {
		out = append(out, ui.ClassImages{Name: c.Name, Images: c.Images})
	}
	return out
}
