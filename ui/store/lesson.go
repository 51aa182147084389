package store

// Lesson is how the last four-cases lesson ended: the runs it added, in
// case order, and what it concluded.
type Lesson struct {
	Runs       []int    // indices among the project's runs
	Conclusion string   // which case won here and why, in plain words
	Notes      []string // cases the time budget shortened, or that failed
}

// SetLesson publishes a finished lesson to LessonDone listeners (the
// Results screen compares its runs).
func (s *Store) SetLesson(l Lesson) {
	s.lesson = &l
	s.emit(LessonDone)
}

// Lesson is the last lesson of this project in this sitting; nil when
// there was none, or its runs changed since.
func (s *Store) Lesson() *Lesson { return s.lesson }
