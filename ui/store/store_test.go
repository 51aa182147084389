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
	for t := Opened; t <= Trained; t++ {
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
	s.SetRun(Run{Case: cases.FineTune})
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
