package session

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"transferlab/engine/cases"
	"transferlab/engine/device"
	"transferlab/engine/imageprep"
	"transferlab/engine/train"
	"transferlab/internal/shareddata"
)

// lessonJob is the four cases on catsdogs-60 with squeezenet1_1's real
// weights, on the CPU, at 64x64 pixels so the whole-network cases take
// seconds (each case keeps its own recipe: epochs, patience, batch).
func lessonJob(t *testing.T, s *Session, budget time.Duration) LessonJob {
	t.Helper()
	ds, err := s.Scan(context.Background(), shareddata.Path(t, "datasets/catsdogs-60"), 0.2, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	return LessonJob{
		Base: Job{
			Config:  train.Config{Network: "squeezenet1_1", Seed: 3, Transform: imageprep.ImageNetAt(64)},
			Data:    ds,
			Weights: shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"),
			Device:  device.CPU,
		},
		Budget: budget,
		OutDir: func(k cases.Case) string { return filepath.Join(out, fmt.Sprintf("case-%d", k)) },
	}
}

// The lesson's table is the four cases run one by one with the same seed
// and settings; its progress goes through the cases in order with one
// fraction that never goes back and ends at 1.
func TestLessonEqualsTheCasesRunOneByOne(t *testing.T) {
	s := open(t)
	job := lessonJob(t, s, time.Hour) // far more than needed: nothing is cut
	job.Base.Epochs = 4               // at most, in every case: the test's time, not the recipes'
	var events []LessonEvent
	l, err := s.Lesson(context.Background(), job, func(e LessonEvent) { events = append(events, e) })
	if err != nil {
		t.Fatal(err)
	}
	checkLessonProgress(t, events)
	if len(l.Cases) != 4 {
		t.Fatalf("%d cases in the lesson", len(l.Cases))
	}
	for i, lc := range l.Cases {
		k := cases.All()[i]
		if lc.Case != k || lc.Trained == nil || lc.Err != "" || lc.Shortened != "" || lc.Budget <= 0 {
			t.Fatalf("case %d: %+v", k, lc)
		}
		if _, err := os.Stat(filepath.Join(job.OutDir(k), "classifier.tlc")); err != nil {
			t.Errorf("case %d's classifier: %v", k, err)
		}
		alone := job.Base
		alone.Case, alone.OutDir = k, t.TempDir()
		want, err := s.Train(context.Background(), alone, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := lc.Trained
		t.Logf("case %d: val accuracy %.3f, best epoch %d of %d, %.1fs (alone: %.3f, %d of %d)",
			k, got.Accuracy, got.BestEpoch, len(got.History), got.Seconds, want.Accuracy, want.BestEpoch, len(want.History))
		if got.Accuracy != want.Accuracy || got.BestEpoch != want.BestEpoch || len(got.History) != len(want.History) || got.Loss != want.Loss {
			t.Errorf("case %d in the lesson: accuracy %v, loss %v, best epoch %d of %d; alone: %v, %v, %d of %d",
				k, got.Accuracy, got.Loss, got.BestEpoch, len(got.History), want.Accuracy, want.Loss, want.BestEpoch, len(want.History))
		}
	}
	// Case 3 ended far inside its half of what was left: case 4 gets the rest.
	if c3, c4 := l.Cases[2].Budget, l.Cases[3].Budget; c4 < c3+c3/2 {
		t.Errorf("case 3 was given %v and case 4 %v of the hour", c3, c4)
	}
	if l.Winner != winnerByHand(l.Cases) {
		t.Errorf("winner %d", l.Winner)
	}
	if l.Advice.SmallestClass != 30 || l.Advice.ImageNetLike < 0.3 {
		t.Errorf("advice %+v", l.Advice)
	}
	t.Logf("conclusion: %s", l.Conclusion)
	if !strings.Contains(l.Conclusion, fmt.Sprintf("ase %d", l.Winner)) || !strings.Contains(l.Conclusion, "only 30 pictures in your smallest class") ||
		!strings.Contains(l.Conclusion, "everyday photos") {
		t.Errorf("conclusion: %s", l.Conclusion)
	}
}

// checkLessonProgress checks the events name the cases in order, 1 to 4
// of 4, with a fraction that starts at 0 (the device is chosen before any
// work), never goes back and ends at 1.
func checkLessonProgress(t *testing.T, events []LessonEvent) {
	t.Helper()
	if len(events) == 0 || events[0].Event.Phase != train.PhaseDevice || events[0].Fraction != 0 {
		t.Fatalf("the lesson starts with %+v", events[:min(len(events), 1)])
	}
	last, index := 0.0, 1
	for _, e := range events {
		if e.Of != 4 || e.Index < index || e.Index > index+1 || e.Case != cases.All()[e.Index-1] {
			t.Fatalf("event for case %d, %d of %d, after case %d", e.Case, e.Index, e.Of, index)
		}
		if e.Fraction < last || e.Fraction > 1 {
			t.Fatalf("fraction %v after %v (%+v)", e.Fraction, last, e.Event)
		}
		last, index = e.Fraction, e.Index
	}
	if index != 4 || last != 1 {
		t.Errorf("progress ended at case %d, fraction %v", index, last)
	}
}

// winnerByHand is the highest accuracy, the fewer seconds on a tie.
func winnerByHand(cs []LessonCase) cases.Case {
	best := cs[0]
	for _, c := range cs[1:] {
		if c.Trained.Accuracy > best.Trained.Accuracy || (c.Trained.Accuracy == best.Trained.Accuracy && c.Trained.Seconds < best.Trained.Seconds) {
			best = c
		}
	}
	return best.Case
}

// A lesson with next to no time still finishes all four: the frozen cases
// are not cut (their time is the features, computed once), the others stop
// after their first epoch, and the table says so.
func TestLessonTooShortCutsTheWholeNetworkCases(t *testing.T) {
	s := open(t)
	l, err := s.Lesson(context.Background(), lessonJob(t, s, time.Millisecond), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Cases) != 4 {
		t.Fatalf("%d cases", len(l.Cases))
	}
	for _, lc := range l.Cases {
		if lc.Trained == nil || lc.Budget > time.Millisecond {
			t.Fatalf("case %d: %+v", lc.Case, lc)
		}
		want := ""
		if lc.Case.TrainsBackbone() {
			want = "stopped after 1 of 15 epochs to stay within the lesson's time"
		}
		if lc.Shortened != want || lc.Trained.Stopped != (want != "") {
			t.Errorf("case %d: shortened %q, stopped %v after %d epochs", lc.Case, lc.Shortened, lc.Trained.Stopped, len(lc.Trained.History))
		}
	}
	if l.Winner == cases.None || l.Conclusion == "" {
		t.Errorf("winner %d, conclusion %q", l.Winner, l.Conclusion)
	}
}

// Cancelling mid-lesson stops at once: the case under way keeps the epoch
// it finished and says it was cancelled, the next one never starts, and the
// lesson returns what it has with the context's error.
func TestLessonCancelledReturnsWhatFinished(t *testing.T) {
	s := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var after []LessonEvent // events once cancelled
	cancelled := false
	l, err := s.Lesson(ctx, lessonJob(t, s, time.Hour), func(e LessonEvent) {
		if cancelled {
			after = append(after, e)
		}
		if e.Case == cases.FineTune && e.Event.Phase == train.PhaseEpoch {
			cancelled = true
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || l == nil {
		t.Fatalf("lesson %v, error %v", l, err)
	}
	for _, e := range after {
		if e.Case != cases.FineTune || e.Event.Phase == train.PhaseEpoch {
			t.Errorf("after cancelling: %+v", e)
		}
	}
	if len(l.Cases) != 3 || l.Cases[0].Trained == nil || l.Cases[1].Trained == nil {
		t.Fatalf("cases %+v", l.Cases)
	}
	third := l.Cases[2]
	if third.Case != cases.FineTune || third.Trained == nil || len(third.Trained.History) != 1 ||
		third.Shortened != "stopped after 1 of 15 epochs when the lesson was cancelled" {
		t.Errorf("the case under way: %+v", third)
	}
	if !strings.HasPrefix(l.Conclusion, "The lesson was stopped after 3 of its 4 cases") {
		t.Errorf("conclusion %q", l.Conclusion)
	}
}

// What no case could run is refused before anything trains.
func TestLessonRefusesBadSettingsFirst(t *testing.T) {
	s := open(t)
	job := lessonJob(t, s, time.Hour)
	for name, change := range map[string]func(*LessonJob){
		"negative budget": func(j *LessonJob) { j.Budget = -time.Minute },
		"unknown network": func(j *LessonJob) { j.Base.Network = "nosuchnet" },
		"no cases":        func(j *LessonJob) { j.Cases = []cases.Case{} },
		"case 5":          func(j *LessonJob) { j.Cases = []cases.Case{1, 5} },
		"tiny pictures":   func(j *LessonJob) { j.Base.Transform = imageprep.ImageNetAt(8) },
		"no pictures":     func(j *LessonJob) { j.Base.Data = nil },
	} {
		j := job
		change(&j)
		called := false
		if _, err := s.Lesson(context.Background(), j, func(LessonEvent) { called = true }); err == nil || called {
			t.Errorf("%s: error %v, progress called %v", name, err, called)
		}
	}
}

// The conclusion's reasoning on made-up outcomes: a tie goes to the quicker
// case, unknown familiarity is said, and all-poor results are called so.
func TestLessonConclusionWords(t *testing.T) {
	result := func(k cases.Case, acc, secs float64) LessonCase {
		return LessonCase{Case: k, Trained: &Trained{Result: &train.Result{Evaluation: train.Evaluation{Accuracy: acc}, Seconds: secs,
			Predictions: make([]train.Prediction, 20)}}}
	}
	for _, c := range []struct {
		name  string
		cases []LessonCase
		adv   Advice
		win   cases.Case
		has   []string
	}{
		{"tie", []LessonCase{result(1, 0.9, 30), result(2, 0.9, 10), result(3, 0.85, 100), result(4, 0.55, 100)},
			Advice{Case: 1, SmallestClass: 30, ImageNetLike: 0.6}, 2,
			[]string{"Case 2 and case 1 tied", "quickest (10 seconds against 30 seconds)", "points to case 1, which did as well", "reached only 55%"}},
		{"unknown familiarity", []LessonCase{result(1, 0.8, 30), {Case: 2, Err: "It broke."}},
			Advice{Case: 1, SmallestClass: 400, ImageNetLike: -1}, 1,
			[]string{"Case 1 won here", "enough to let the whole network learn", "could not check"}},
		{"all poor", []LessonCase{result(1, 0.5, 30), result(4, 0.45, 300)},
			Advice{Case: 2, SmallestClass: 10, ImageNetLike: 0.1}, 1,
			[]string{"look unusual", "points to case 2, which did not finish", "much better than guessing (50% with 2 classes)"}},
	} {
		l := &Lesson{Cases: c.cases, Advice: c.adv}
		l.Winner = winner(l.Cases)
		l.Conclusion = conclude(l, 2, len(c.cases))
		if l.Winner != c.win {
			t.Errorf("%s: winner %d", c.name, l.Winner)
		}
		for _, h := range c.has {
			if !strings.Contains(l.Conclusion, h) {
				t.Errorf("%s: %q lacks %q", c.name, l.Conclusion, h)
			}
		}
	}
}

// The time is shared by expected cost: the frozen cases (one pass of 60
// pictures each) get little, the whole-network cases (up to 15 epochs of 48
// training and 12 validation pictures) the rest, half each of what is left.
func TestLessonSharesTheTimeByCost(t *testing.T) {
	s := open(t)
	job := lessonJob(t, s, time.Hour)
	p := newLessonPlan(job.Base, cases.All())
	whole := 15 * (trainPassCost*48 + 12.0)
	if p.cost[0] != 60 || p.cost[1] != 60 || p.cost[2] != whole || p.cost[3] != whole {
		t.Fatalf("costs %v", p.cost)
	}
	if got, want := p.share(0, time.Hour), time.Duration(float64(time.Hour)*60/(120+2*whole)); got != want {
		t.Errorf("case 1's share of an hour: %v, want %v", got, want)
	}
	if got := p.share(2, 40*time.Minute); got != 20*time.Minute {
		t.Errorf("case 3's share of 40 minutes: %v", got)
	}
	if got := p.share(3, 25*time.Minute); got != 25*time.Minute {
		t.Errorf("case 4's share of 25 minutes: %v", got)
	}
	if got := p.share(3, -time.Minute); got != 0 {
		t.Errorf("nothing left: %v", got)
	}
}
