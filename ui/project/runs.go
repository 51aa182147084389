package project

import (
	"slices"
	"time"

	"transferlab/engine/cases"
	"transferlab/ui"
)

// Run is one finished training run as the project keeps it: everything the
// Results, Train and Try it screens show, so reopening the project shows
// them again without training.
type Run struct {
	Network  string
	Case     cases.Case
	Settings Settings  // the settings it was trained with
	Finished time.Time // when it ended
	Result   ui.TrainResult
}

// Runs returns the project's runs, oldest first. The runs are values the
// project never changes after AddRun, so sharing their slices is safe.
func (p *Project) Runs() []Run {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.runs)
}

// LastRun returns the newest run, or nil when nothing was trained yet.
func (p *Project) LastRun() *Run {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.runs) == 0 {
		return nil
	}
	r := p.runs[len(p.runs)-1]
	return &r
}

// AddRun keeps a finished run; it becomes the last one.
func (p *Project) AddRun(r Run) {
	p.mu.Lock()
	p.runs = append(p.runs, r)
	p.mu.Unlock()
	p.changed()
}

// RemoveRun drops run i (an index into Runs) and returns it; false when
// there is no such run. Its files stay: see ModelFolder.
func (p *Project) RemoveRun(i int) (Run, bool) {
	p.mu.Lock()
	if i < 0 || i >= len(p.runs) {
		p.mu.Unlock()
		return Run{}, false
	}
	r := p.runs[i]
	p.runs = slices.Delete(p.runs, i, i+1)
	p.mu.Unlock()
	p.changed()
	return r, true
}
