package training

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"transferlab/ui"
	"transferlab/ui/host"
	"transferlab/ui/store"
)

// LessonBudget keeps the four-cases lesson within a school lesson on a
// laptop CPU; cases that would run longer stop early and say so.
const LessonBudget = 30 * time.Minute

// lessonRun is the state of the lesson under way.
type lessonRun struct {
	start time.Time
	index int // the case under way, 0-based; -1 before the first event
}

// StartLesson trains cases 1–4 one after the other on the project's
// pictures with its settings, on the one progress bar; Stop ends it. The
// finished cases become runs of the project and the Results screen
// compares them.
func (t *Screen) StartLesson() {
	req, ctx, ok := t.begin()
	if !ok {
		return
	}
	t.lesson = &lessonRun{start: t.h.Now(), index: -1}
	t.phase.SetText(lang.L("Starting the lesson: case 1 of 4 ..."))
	t.h.SetStatus("%s", lang.L("Lesson: training the four cases on {{.Network}}", map[string]any{"Network": req.Network}))
	lreq := ui.LessonRequest{TrainRequest: req, Budget: LessonBudget}
	t.h.Launch(func() {
		res, err := t.h.Engine.Lesson(ctx, lreq, func(ev ui.LessonEvent) {
			fyne.Do(func() { t.onLessonEvent(ev) })
		})
		fyne.Do(func() { t.lessonFinished(res, err) })
	})
}

// onLessonEvent shows the whole lesson's progress on the bar and the case
// under way on the charts, which start again with each case.
func (t *Screen) onLessonEvent(ev ui.LessonEvent) {
	l := t.lesson
	if l == nil {
		return
	}
	if ev.Index != l.index {
		l.index = ev.Index
		t.loss.Reset()
		t.acc.Reset()
		t.best = ui.EpochStats{}
	}
	if ev.Train.Device != "" {
		t.device.SetText(deviceText(ev.Train.Device))
	}
	t.progress.SetValue(ev.Fraction)
	t.plotEpoch(ev.Train)
	ev.Train.Epochs = t.lastPossibleEpoch(ev.Train)
	text := lang.L("Case {{.N}} of {{.Of}} ({{.Title}}). {{.Phase}}", map[string]any{"N": ev.Index + 1, "Of": ev.Of,
		"Title": lang.L(ev.Case.Title()), "Phase": phaseText(ev.Train, true)})
	if left, ok := timeLeft(t.h.Now().Sub(l.start), ev.Fraction); ok && ev.Fraction < 1 {
		text += ". " + lang.L("Lesson: {{.Left}}", map[string]any{"Left": formatTimeLeft(left)})
	}
	t.phase.SetText(text)
}

// lessonFinished keeps every finished case as a run of the project and
// asks the Results screen to compare them, with the conclusion.
func (t *Screen) lessonFinished(res ui.LessonResult, err error) {
	t.lesson = nil
	t.end()
	if t.proj != t.s.Project() {
		t.clear()
		t.showRun()
		t.phase.SetText(lang.L("The lesson stopped because another project was opened."))
		t.Refresh()
		return
	}
	runs, winner := t.keepLessonRuns(res)
	switch {
	case len(runs) == 0 && (err == nil || errors.Is(err, context.Canceled)):
		t.phase.SetText(lang.L("The lesson stopped before a case finished; no model was kept."))
		t.h.SetStatus("%s", lang.L("Lesson stopped"))
		return
	case len(runs) == 0:
		t.phase.SetText(lang.L("The lesson failed: {{.Err}}", map[string]any{"Err": err.Error()}))
		t.h.ShowError(fmt.Errorf("%s: %w", lang.L("The lesson failed"), err))
		return
	}
	conclusion := res.Conclusion
	if err != nil {
		conclusion = lang.L("The lesson was stopped after {{.N}} of 4 cases.", map[string]any{"N": len(runs)}) + " " + conclusion
	}
	if winner >= 0 {
		// The winner becomes the current model: Results shows it and
		// Try it uses it.
		t.s.Choose(winner)
		conclusion += " " + lang.L("Run {{.Run}} (case {{.Case}}) is now the model that Try it uses.",
			map[string]any{"Run": winner + 1, "Case": int(res.Winner)})
	}
	t.phase.SetText(lang.L("Lesson finished.") + " " + conclusion)
	t.h.SetStatus("%s", lang.L("Lesson finished: {{.N}} cases compared on the Results screen", map[string]any{"N": len(runs)}))
	t.s.SetLesson(store.Lesson{Runs: runs, Conclusion: conclusion, Notes: lessonNotes(res)})
	t.h.Show(host.Results)
}

// keepLessonRuns adds each case that produced a model to the project, in
// case order, and returns their indices among the project's runs and the
// winner's (-1 when none won).
func (t *Screen) keepLessonRuns(res ui.LessonResult) (runs []int, winner int) {
	winner = -1
	for _, c := range res.Cases {
		if c.Result == nil {
			continue
		}
		run := t.started
		run.Case, run.Settings.Case = c.Case, c.Case
		run.Finished, run.Result = t.h.Now(), *c.Result
		t.s.SetRun(run)
		runs = append(runs, t.s.Current())
		if c.Case == res.Winner {
			winner = t.s.Current()
		}
	}
	return runs, winner
}

// lessonNotes says which cases the budget shortened and which failed.
func lessonNotes(res ui.LessonResult) []string {
	var notes []string
	for _, c := range res.Cases {
		switch {
		case c.Err != "":
			notes = append(notes, lang.L("Case {{.Case}} ({{.Title}}) did not finish: {{.Why}}",
				map[string]any{"Case": int(c.Case), "Title": lang.L(c.Case.Title()), "Why": c.Err}))
		case c.Shortened != "":
			notes = append(notes, lang.L("Case {{.Case}} ({{.Title}}): {{.Why}}",
				map[string]any{"Case": int(c.Case), "Title": lang.L(c.Case.Title()), "Why": c.Shortened}))
		}
	}
	return notes
}
