package store

import "transferlab/ui/project"

// Current is the current model's index in the project's runs; -1 before
// the first run.
func (s *Store) Current() int { return s.current }

// Choose makes run i (an index into the project's runs) the current model:
// Results, the Train screen's charts and Try it show it. Chosen listeners
// hear first (the window checks its file), then Trained listeners.
func (s *Store) Choose(i int) {
	if i < 0 || i >= len(s.project.Runs()) || i == s.current {
		return
	}
	s.makeCurrent(i)
	s.emit(Chosen)
	s.emit(Trained)
}

// DeleteRun removes run i from the project (Runs listeners save it) and
// returns it with its model folder that may now be removed ("" when none
// may: see project.ModelFolder). Deleting the current model makes the
// newest run left current.
func (s *Store) DeleteRun(i int) (run project.Run, folder string, ok bool) {
	s.changeAs(Runs, func() { run, ok = s.project.RemoveRun(i) })
	if !ok {
		return run, "", false
	}
	s.lesson = nil // its run indices no longer hold
	switch {
	case i < s.current:
		s.current-- // the same run, one place up
	case i == s.current:
		s.makeCurrent(len(s.project.Runs()) - 1)
		s.emit(Chosen)
		s.emit(Trained)
	}
	return run, s.project.ModelFolder(run), true
}

// makeCurrent makes run i the current model, with no known problem; -1
// (or no such run) means none.
func (s *Store) makeCurrent(i int) {
	runs := s.project.Runs()
	s.run, s.current, s.problem = nil, -1, ""
	if i >= 0 && i < len(runs) {
		r := runs[i]
		s.run, s.current = &r, i
	}
}
