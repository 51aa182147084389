package session

import (
	"context"
	"sync"
	"time"

	"transferlab/engine/cases"
	"transferlab/engine/train"
)

// trainPassCost is what training on one picture costs, in passes of one
// picture through the network: a forward and a backward pass, about three
// forward passes (PyTorch's squeezenet1_1 on 2 cores: 64 pictures a second
// forward, 22 training; DESIGN.md §3).
const trainPassCost = 3

// lessonPlan is what each case of a lesson is expected to cost, to share
// out the time and to weigh the cases on the progress bar.
type lessonPlan struct {
	cases  []cases.Case
	cost   []float64 // expected work of each case, in forward passes of one picture
	epochs []int     // the most epochs each case runs
}

// newLessonPlan weighs each case of base's pictures: a frozen case passes
// every picture through the backbone once (its classifier then trains in
// moments); a case that trains the whole network, each epoch, trains on
// every training picture and checks every validation one. Early stopping
// may end it sooner; the time it leaves goes to the cases after it.
func newLessonPlan(base Job, ks []cases.Case) lessonPlan {
	nTrain, nVal := float64(len(base.Data.Train)), float64(len(base.Data.Val))
	p := lessonPlan{cases: ks}
	for _, k := range ks {
		cfg := base.Config
		cfg.Case = k
		epochs := cfg.Defaults().Epochs
		cost := nTrain + nVal
		if k.TrainsBackbone() {
			cost = float64(epochs) * (trainPassCost*nTrain + nVal)
		}
		p.cost, p.epochs = append(p.cost, cost), append(p.epochs, epochs)
	}
	return p
}

// share is case i's part of left, the lesson's time still unused when it
// starts: in proportion to its cost among the cases still to run.
func (p lessonPlan) share(i int, left time.Duration) time.Duration {
	if left <= 0 {
		return 0
	}
	var rest float64
	for _, c := range p.cost[i:] {
		rest += c
	}
	return time.Duration(float64(left) * p.cost[i] / rest)
}

// cutAtShare reports whether case k is stopped when its share is spent:
// the cases that train the whole network are. A frozen case spends nearly
// all its time passing every picture through the network once, which
// cannot stop part-way without losing the case; its classifier then trains
// in moments.
func cutAtShare(k cases.Case) bool { return k.TrainsBackbone() }

// caseClock stops one case when its share of the lesson is spent, but only
// once it has finished an epoch, so it ends as a user's Stop would: with
// its best epoch so far.
type caseClock struct {
	ctx    context.Context // the case's: the lesson's, cancelled by the clock
	cancel context.CancelFunc
	timer  *time.Timer // nil when the case is not cut

	mu     sync.Mutex // the timer and the training report from their own goroutines
	epochs int        // epochs finished
	due    bool       // the share is spent
	cut    bool       // the clock cancelled the case
}

// startCaseClock starts the clock of a case that may be cut (enforce) after
// share; one that may not only gets its own context.
func startCaseClock(lesson context.Context, share time.Duration, enforce bool) *caseClock {
	c := &caseClock{}
	c.ctx, c.cancel = context.WithCancel(lesson)
	if enforce {
		c.timer = time.AfterFunc(share, c.expire)
	}
	return c
}

func (c *caseClock) expire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.due = true
	c.stopIfDue()
}

// epochDone counts a finished epoch; when the share is already spent, the
// case stops now that it has one.
func (c *caseClock) epochDone() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epochs++
	c.stopIfDue()
}

func (c *caseClock) stopIfDue() {
	if c.due && c.epochs > 0 && !c.cut {
		c.cut = true
		c.cancel()
	}
}

// stop ends the clock after the case and reports whether it cut the case.
func (c *caseClock) stop() bool {
	if c.timer != nil {
		c.timer.Stop()
	}
	c.cancel()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cut
}

// lessonMeter turns each case's events into the lesson's events, with one
// fraction for the whole lesson that never goes back.
type lessonMeter struct {
	plan     lessonPlan
	progress func(LessonEvent)

	mu   sync.Mutex // feature extraction may report from several goroutines
	last float64    // the highest fraction sent
}

// featuresPart is how much of a frozen case is its feature pass: nearly
// all, as its classifier then trains in moments.
const featuresPart = 0.9

// forCase is the engine's progress callback for case i, given share; a
// case that is cut at its share (enforced) is at least as far as the time
// it has used of it, so a case the clock will stop does not seem to stall
// at a few epochs of many.
func (m *lessonMeter) forCase(i int, share time.Duration, enforced bool) train.Progress {
	k, epochs := m.plan.cases[i], float64(m.plan.epochs[i])
	var before, total float64 // cost of the cases before i, and of all
	for j, c := range m.plan.cost {
		if j < i {
			before += c
		}
		total += c
	}
	start, epochsDone := time.Now(), 0.0
	return func(e train.Event) {
		m.mu.Lock()
		defer m.mu.Unlock()
		var done, training float64 // of this case, and of its epochs, 0..1
		switch e.Phase {
		case train.PhaseFeatures:
			done = featuresPart * ratio(e.Done, e.Total)
		case train.PhaseBatch:
			training = (epochsDone + ratio(e.Done, e.Total)) / epochs
		case train.PhaseEpoch:
			epochsDone = float64(e.Done)
			training = epochsDone / epochs
		case train.PhaseDone:
			done = 1
		}
		switch {
		case training > 0 && k.TrainsBackbone():
			done = training
		case training > 0: // a frozen case's epochs come after its features
			done = featuresPart + (1-featuresPart)*training
		}
		if enforced && share > 0 {
			done = max(done, float64(time.Since(start))/float64(share))
		}
		f := min((before+m.plan.cost[i]*min(done, 1))/total, 1)
		m.last = max(m.last, f)
		if m.progress != nil {
			m.progress(LessonEvent{Case: k, Index: i + 1, Of: len(m.plan.cases), Event: e, Fraction: m.last, Budget: share})
		}
	}
}

func ratio(done, total int) float64 {
	if total <= 0 {
		return 0
	}
	return float64(done) / float64(total)
}
