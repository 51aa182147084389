package store

import (
	"slices"
	"testing"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/project"
)

// heard records the topics a store announces, in order.
func heard(s *Store) *[]Topic {
	var got []Topic
	for t := Opened; t <= Chosen; t++ {
		s.On(t, func() { got = append(got, t) })
	}
	return &got
}

func TestSettingsAndPicturesAreTopicsOfTheirOwn(t *testing.T) {
	s := New(nil)
	got := heard(s)
	set := s.Project().Settings()
	set.Epochs = 7
	if err := s.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	if err := s.Project().AddClass("cat"); err != nil {
		t.Fatal(err)
	}
	if want := []Topic{Settings, Pictures}; !slices.Equal(*got, want) {
		t.Errorf("heard %v, want %v", *got, want)
	}
}

func TestOpenStartsOver(t *testing.T) {
	s := New([]ui.Network{{Name: "squeezenet1_1"}})
	s.Scanned([]ui.BadFile{{Path: "/x/a.jpg", Reason: "truncated"}})
	s.SetMissing([]string{"/gone.jpg"})
	s.SetAdvice(&ui.Recommendation{Case: cases.FineTune})
	s.SetRun(project.Run{Case: cases.FineTune})
	got := heard(s)
	p := project.New()
	s.Open(p, "/p/pets.tlproj")
	if s.Project() != p || s.Path() != "/p/pets.tlproj" || len(s.Unreadable()) != 0 || s.Missing() != nil || s.Advice() != nil || s.Run() != nil {
		t.Errorf("after Open: path %q, %d unreadable, missing %v, advice %v, run %v", s.Path(), len(s.Unreadable()), s.Missing(), s.Advice(), s.Run())
	}
	if _, ok := s.Network("squeezenet1_1"); !ok {
		t.Error("Open forgot the networks, which belong to the computer, not the project")
	}
	p.AddClass("cat") // the new project's changes are heard
	if want := []Topic{Opened, Pictures}; !slices.Equal(*got, want) {
		t.Errorf("heard %v, want %v", *got, want)
	}
}

func TestCaseIsTheChoiceElseTheAdviceElseFrozen(t *testing.T) {
	s := New(nil)
	if c := s.Case(); c != cases.FrozenBackbone {
		t.Errorf("no choice, no advice: case %d", c)
	}
	s.SetAdvice(&ui.Recommendation{Case: cases.FineTune})
	if c := s.Case(); c != cases.FineTune {
		t.Errorf("advice only: case %d", c)
	}
	set := s.Project().Settings()
	set.Case = cases.FromScratch
	s.SetSettings(set)
	if c := s.Case(); c != cases.FromScratch {
		t.Errorf("the user's choice: case %d", c)
	}
}

func TestARunIsKeptInTheProjectAndReturnsWithIt(t *testing.T) {
	s := New(nil)
	got := heard(s)
	s.SetRun(project.Run{Case: cases.FineTune, Result: ui.TrainResult{ValAccuracy: 0.9}})
	if want := []Topic{Runs, Trained}; !slices.Equal(*got, want) {
		t.Errorf("training heard %v, want %v", *got, want)
	}
	p := s.Project()
	if len(p.Runs()) != 1 || s.Run() == nil || s.Run().Result.ValAccuracy != 0.9 {
		t.Fatalf("project runs %d, current %v", len(p.Runs()), s.Run())
	}

	*got = nil
	s.Open(project.New(), "")
	s.Open(p, "/p/pets.tlproj")
	if want := []Topic{Opened, Opened, Trained}; !slices.Equal(*got, want) {
		t.Errorf("opening heard %v, want %v", *got, want)
	}
	if s.Run() == nil || s.Run().Case != cases.FineTune {
		t.Errorf("reopened project's model: %v", s.Run())
	}
}

func TestAModelProblemBelongsToItsRun(t *testing.T) {
	s := New(nil)
	s.SetRun(project.Run{Case: cases.FineTune})
	old := s.Run()
	s.SetRun(project.Run{Case: cases.FromScratch})
	if s.SetModelProblem(old, "gone") || s.ModelProblem() != "" {
		t.Errorf("a problem with the previous model stuck to the new one: %q", s.ModelProblem())
	}
	got := heard(s)
	if !s.SetModelProblem(s.Run(), "gone") || s.ModelProblem() != "gone" || !slices.Equal(*got, []Topic{Trained}) {
		t.Errorf("problem %q, heard %v", s.ModelProblem(), *got)
	}
}
