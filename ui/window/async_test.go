package window

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
	"transferlab/ui/uitest"
	"transferlab/ui/uithread"
)

func TestTheFlowWithJobsOnGoroutines(t *testing.T) {
	th := &uithread.Thread{}
	eng := fakeengine.New()
	u := newTestApp(t, eng, WithLauncher(th.Launch))
	th.Wait() // the first recommendation request

	var status string
	th.Do(func() {
		uitest.Drop(u, catsDogs(t))
		// The scan has not run yet: it waits for its goroutine.
		status = u.status.Text
	})
	if !strings.HasPrefix(status, "Looking through 1 folder(s)") {
		t.Errorf("status right after the drop = %q", status)
	}
	th.Do(func() {})
	if n := len(u.store.Project().Images()); n != 60 || !strings.Contains(u.status.Text, "Added 60 new picture(s)") {
		t.Fatalf("after the scan: %d pictures, status %q", n, u.status.Text)
	}
	th.Do(func() {
		chooseNetwork(t, u, 1)
		uitest.ChooseCase(t, u, cases.FrozenBackbone)
		uitest.SetAdvanced(t, u, "Epochs", "5")
		u.selectTab(host.Train)
	})
	th.Do(func() { test.Tap(startButton(t, u)) })
	if u.store.Run() == nil || u.train.Running() || !showsLabel(u.train.Content(), "Finished: validation accuracy 75.0%.") {
		t.Fatalf("after training: result %v, running %v, train screen %q", u.store.Run() != nil, u.train.Running(), uitest.Labels(u.train.Content()))
	}
	// One "right" cell per row of the confusion matrix.
	if rows := len(uitest.Buttons(u.results.Content(), " right")); len(accuracyChart(t, u).Values(1)) != 5 || rows != 2 {
		t.Errorf("%d epochs plotted, %d matrix rows", len(accuracyChart(t, u).Values(1)), rows)
	}

	// Stop from "the UI thread" while the engine works: the engine's event
	// hook runs on the job's goroutine, as a tap would arrive between events.
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseEpoch && ev.Epoch == 2 {
			u.train.Stop()
		}
	}
	th.Do(func() { test.Tap(startButton(t, u)) })
	if !u.store.Run().Result.Stopped || !uitest.HasLabel(u.train.Content(), "Stopped by you") {
		t.Errorf("after stopping: stopped %v, train screen %q", u.store.Run().Result.Stopped, uitest.Labels(u.train.Content()))
	}

	th.Do(func() {
		u.selectTab(host.Try)
		u.try.Predict(catsDogs(t) + "/cat/cat-07.jpg")
	})
	if !showsLabel(u.try.Content(), "cat-07.jpg: the model says cat (80.0% sure).") {
		t.Errorf("try it: %q", uitest.Labels(u.try.Content()))
	}
}
