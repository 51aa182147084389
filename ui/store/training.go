package store

import (
	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/project"
)

// Advice is the engine's recommendation for the current pictures and
// network; nil while there is none.
func (s *Store) Advice() *ui.Recommendation { return s.advice }

// SetAdvice replaces the recommendation (nil: none) and notifies Advice
// listeners.
func (s *Store) SetAdvice(r *ui.Recommendation) {
	s.advice = r
	s.emit(Advice)
}

// Case is the case training uses: the user's choice, else the
// recommendation, else the frozen backbone (the case that suits most first
// projects).
func (s *Store) Case() cases.Case {
	if c := s.project.Settings().Case; c.Valid() {
		return c
	}
	if s.advice != nil {
		return s.advice.Case
	}
	return cases.FrozenBackbone
}

// Run is the current model: the run the user chose, else the last run of
// this project; nil before one.
func (s *Store) Run() *project.Run { return s.run }

// SetRun keeps r in the project (Runs listeners save it) and makes it the
// current model (Trained listeners show it).
func (s *Store) SetRun(r project.Run) {
	s.changeAs(Runs, func() { s.project.AddRun(r) })
	s.makeCurrent(len(s.project.Runs()) - 1)
	s.emit(Trained)
}

// ModelProblem says why the current model's file cannot be used (missing
// or damaged); "" when it can, or when it has not been checked.
func (s *Store) ModelProblem() string { return s.problem }

// SetModelProblem records why run's model file cannot be used and tells
// Trained listeners. It reports false, doing nothing, when run is no longer
// the current model (another project was opened while it was checked).
func (s *Store) SetModelProblem(run *project.Run, problem string) bool {
	if run != s.run {
		return false
	}
	s.problem = problem
	s.emit(Trained)
	return true
}
