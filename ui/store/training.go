package store

import (
	"transferlab/engine/cases"
	"transferlab/ui"
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

// Run is the last finished training run of this project; nil before one.
func (s *Store) Run() *Run { return s.run }

// SetRun makes r the current model and notifies Trained listeners.
func (s *Store) SetRun(r Run) {
	s.run = &r
	s.emit(Trained)
}
