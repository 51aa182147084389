package store

import (
	"slices"
	"testing"

	"transferlab/ui"
	"transferlab/ui/project"
)

// threeRuns returns a store whose project has runs of 50, 60 and 70%.
func threeRuns() *Store {
	s := New(nil)
	for _, acc := range []float64{0.5, 0.6, 0.7} {
		s.SetRun(project.Run{Result: ui.TrainResult{ValAccuracy: acc, ClassifierPath: "/m/x.tlc"}})
	}
	return s
}

func TestChoosingARunMakesItTheModel(t *testing.T) {
	s := threeRuns()
	s.SetModelProblem(s.Run(), "gone")
	got := heard(s)
	s.Choose(0)
	if s.Current() != 0 || s.Run().Result.ValAccuracy != 0.5 || s.ModelProblem() != "" {
		t.Errorf("current %d, model %v, problem %q", s.Current(), s.Run().Result.ValAccuracy, s.ModelProblem())
	}
	if want := []Topic{Chosen, Trained}; !slices.Equal(*got, want) {
		t.Errorf("heard %v, want %v", *got, want)
	}
	s.Choose(0)
	s.Choose(3)
	if len(*got) != 2 {
		t.Errorf("choosing the current run or none was heard: %v", *got)
	}
}

func TestDeletingARunKeepsTheModelUnlessItWasIt(t *testing.T) {
	s := threeRuns()
	s.Choose(1)
	got := heard(s)
	if _, _, ok := s.DeleteRun(0); !ok {
		t.Fatal("run 0 not deleted")
	}
	if s.Current() != 0 || s.Run().Result.ValAccuracy != 0.6 || !slices.Equal(*got, []Topic{Runs}) {
		t.Errorf("after deleting an earlier run: current %d (%v), heard %v", s.Current(), s.Run().Result.ValAccuracy, *got)
	}
	*got = nil
	s.DeleteRun(0)
	if s.Current() != 0 || s.Run().Result.ValAccuracy != 0.7 || !slices.Equal(*got, []Topic{Runs, Chosen, Trained}) {
		t.Errorf("after deleting the model: current %d, heard %v", s.Current(), *got)
	}
	s.DeleteRun(0)
	if s.Current() != -1 || s.Run() != nil || len(s.Project().Runs()) != 0 {
		t.Errorf("after deleting every run: current %d, model %v", s.Current(), s.Run())
	}
	if _, _, ok := s.DeleteRun(0); ok {
		t.Error("deleted a run that is not there")
	}
}
