package session

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/train"
)

// DefaultLessonBudget is the whole lesson's time when the caller sets none.
// A class period is 45 to 50 minutes: 30 of them for training leaves time
// to introduce the four cases before and to discuss the table after. On a
// 2-core laptop the ants/bees set's cases 1 and 2 take a minute or two
// together (features once), and cases 3 and 4 share the rest.
const DefaultLessonBudget = 30 * time.Minute

// LessonJob is the four-cases lesson: the same pictures and settings
// trained as each case in turn.
type LessonJob struct {
	// Base is a normal Job (network, seed, data, validation share,
	// device, weights, report…); its Case and OutDir are ignored, and its
	// Cut applies to the case that cuts only.
	Base Job
	// Cases are the cases to run, in order; nil means all four, 1 to 4.
	Cases []cases.Case
	// Budget is the whole lesson's time; 0 means DefaultLessonBudget.
	Budget time.Duration
	// OutDir is where each case's classifier goes; nil means case-N in
	// the current folder.
	OutDir func(cases.Case) string
}

// LessonEvent is one engine event of one case, with how far the whole
// lesson is.
type LessonEvent struct {
	Case      cases.Case
	Index, Of int         // which case (1-based) of how many
	Event     train.Event // the engine's event for that case
	// Fraction is how far the whole lesson is, 0..1, for one progress
	// bar: the cases weigh what they are expected to cost, and it never
	// goes back.
	Fraction float64
	// Budget is this case's share of the lesson's time (see
	// LessonCase.Budget).
	Budget time.Duration
}

// LessonCase is how one case of the lesson went.
type LessonCase struct {
	Case    cases.Case
	Trained *Trained // nil when the case failed
	Err     string   // a plain sentence when it failed; the lesson went on
	// Budget is the time this case was given: its share of what was left
	// of the lesson when it started (the frozen cases are not cut at it).
	Budget time.Duration
	// Shortened says in plain words why the case stopped before its
	// epochs were done ("stopped after 6 of 15 epochs to stay within the
	// lesson's time"); "" when it was not cut short.
	Shortened string
}

// Lesson is the comparison the four-cases lesson ends in.
type Lesson struct {
	Cases []LessonCase
	// Advice is Recommend's for the same pictures: it holds how familiar
	// they look to the network, which the conclusion explains with.
	Advice Advice
	// Winner is the case with the highest validation accuracy, the
	// quicker one on a tie; cases.None when no case finished.
	Winner     cases.Case
	Conclusion string // plain words: which case won here, and why
}

// Lesson trains the same pictures as each case in turn, within one time
// budget, and compares them. The budget is shared out as each case starts,
// by expected cost (see lessonPlan), so time a quick case leaves goes to
// the later ones. A case that trains the whole network is stopped at its
// share like a user's Stop, keeping its best epoch so far, but never before
// its first epoch (every case has a result to show); the frozen cases are
// never cut, as nearly all their time is computing features once, which
// cannot be cut short without losing the case. A case that fails is noted
// and the lesson goes on.
//
// Settings every case refuses (a bad network, learning rate, picture
// size…) are refused before anything trains. Before the first case the
// lesson looks at a sample of the pictures for the advice (a few seconds;
// no event). Cancelling ctx stops the lesson: it returns the cases that
// finished (the one under way too when it had finished an epoch, marked as
// shortened) with a conclusion about them, and ctx's error; the Lesson is
// nil only when it was cancelled before the first case.
func (s *Session) Lesson(ctx context.Context, job LessonJob, progress func(LessonEvent)) (*Lesson, error) {
	ks, budget, err := checkLesson(job)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	adv, err := s.Recommend(ctx, job.Base.Network, job.Base.Weights, classesOf(job.Base.Data), nil)
	if err != nil {
		return nil, err
	}
	plan := newLessonPlan(job.Base, ks)
	meter := &lessonMeter{plan: plan, progress: progress}
	l := &Lesson{Advice: adv}
	for i, k := range ks {
		share := plan.share(i, budget-time.Since(start))
		lc := s.lessonCase(ctx, caseJob(job, k), share, meter.forCase(i, share, cutAtShare(k)))
		if ctx.Err() != nil {
			if lc.Trained != nil {
				l.Cases = append(l.Cases, lc)
			}
			break
		}
		l.Cases = append(l.Cases, lc)
	}
	l.Winner = winner(l.Cases)
	l.Conclusion = conclude(l, len(job.Base.Data.Classes), len(ks))
	return l, ctx.Err()
}

// checkLesson refuses a lesson no case could run, before any picture is
// read, and returns its cases and budget with the defaults filled in.
func checkLesson(job LessonJob) ([]cases.Case, time.Duration, error) {
	ks := job.Cases
	if ks == nil {
		ks = cases.All()
	}
	if len(ks) == 0 {
		return nil, 0, errors.New("a lesson needs at least one case")
	}
	budget := job.Budget
	if budget == 0 {
		budget = DefaultLessonBudget
	}
	if budget < 0 {
		return nil, 0, fmt.Errorf("the lesson's time must be more than 0, not %v", budget)
	}
	if job.Base.Data == nil || len(job.Base.Data.Train) == 0 || len(job.Base.Data.Val) == 0 {
		return nil, 0, errors.New("a lesson needs pictures to train on and pictures held back to check them")
	}
	for _, k := range ks {
		if err := k.Check(); err != nil {
			return nil, 0, err
		}
		if err := caseJob(job, k).Config.Check(); err != nil {
			return nil, 0, err
		}
	}
	return ks, budget, nil
}

// caseJob is the lesson's base job as case k, saved where the lesson puts
// k's classifier.
func caseJob(job LessonJob, k cases.Case) Job {
	j := job.Base
	j.Case = k
	if !k.Cuts() {
		j.Cut = "" // only the cutting case has a cut; the others refuse one
	}
	j.OutDir = filepath.Join(".", fmt.Sprintf("case-%d", k))
	if job.OutDir != nil {
		j.OutDir = job.OutDir(k)
	}
	return j
}

// lessonCase trains one case within share and says how it went.
func (s *Session) lessonCase(ctx context.Context, j Job, share time.Duration, progress train.Progress) LessonCase {
	lc := LessonCase{Case: j.Case, Budget: share}
	clock := startCaseClock(ctx, share, cutAtShare(j.Case))
	t, err := s.Train(clock.ctx, j, func(e train.Event) {
		if e.Phase == train.PhaseEpoch {
			clock.epochDone()
		}
		progress(e)
	})
	cut := clock.stop()
	if err != nil {
		lc.Err = sentence(err)
		return lc
	}
	lc.Trained = t
	if t.Stopped {
		epochs := fmt.Sprintf("stopped after %d of %d epochs", len(t.History), j.Config.Defaults().Epochs)
		switch {
		case ctx.Err() != nil:
			lc.Shortened = epochs + " when the lesson was cancelled"
		case cut:
			lc.Shortened = epochs + " to stay within the lesson's time"
		}
	}
	return lc
}

// classesOf regroups a split's pictures by class, as Recommend takes them.
func classesOf(d *dataset.Dataset) []dataset.Class {
	classes := make([]dataset.Class, len(d.Classes))
	for i, name := range d.Classes {
		classes[i].Name = name
	}
	for _, it := range append(append([]dataset.Item{}, d.Train...), d.Val...) {
		classes[it.Class].Files = append(classes[it.Class].Files, it.Path)
	}
	return classes
}

// sentence makes an error a sentence for the lesson's table: without the
// package's prefix, capitalised, with a full stop.
func sentence(err error) string {
	msg := strings.TrimPrefix(err.Error(), "train: ")
	if msg == "" {
		return "It failed without saying why."
	}
	r := []rune(msg)
	r[0] = unicode.ToUpper(r[0])
	if !strings.HasSuffix(msg, ".") {
		r = append(r, '.')
	}
	return string(r)
}
