package project

import (
	"slices"
	"testing"
)

func TestClassLifecycle(t *testing.T) {
	p := New()
	changes := 0
	p.SetOnChange(func() { changes++ })
	if _, err := p.AddImages("cat", []string{"/x/a.jpg", "/x/b.jpg"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.AddImages("", []string{"/x/c.jpg"}); err != nil {
		t.Fatal(err)
	}
	if err := p.AddClass("dog"); err != nil {
		t.Fatal(err)
	}
	if err := p.AddClass("dog"); err == nil {
		t.Error("adding a duplicate class succeeded")
	}
	if err := p.SetLabel("dog", "/x/b.jpg", "/x/c.jpg"); err != nil {
		t.Fatal(err)
	}
	if got := p.ImagesOf("dog"); !slices.Equal(got, []string{"/x/b.jpg", "/x/c.jpg"}) {
		t.Errorf("dog = %v", got)
	}
	if err := p.RenameClass("dog", "puppy"); err != nil {
		t.Fatal(err)
	}
	if err := p.RenameClass("cat", "puppy"); err == nil {
		t.Error("rename onto an existing class succeeded")
	}
	if got := p.Classes(); !slices.Equal(got, []string{"cat", "puppy"}) {
		t.Errorf("classes = %v", got)
	}
	if err := p.SetExcluded(true, "/x/b.jpg"); err != nil {
		t.Fatal(err)
	}
	if got := p.ImagesOf("puppy"); !slices.Equal(got, []string{"/x/c.jpg"}) {
		t.Errorf("puppy after exclusion = %v", got)
	}
	if err := p.RemoveClass("puppy"); err != nil {
		t.Fatal(err)
	}
	if got := p.Unlabelled(); !slices.Equal(got, []string{"/x/c.jpg"}) {
		t.Errorf("unlabelled = %v", got)
	}
	if im, _ := p.Image("/x/b.jpg"); im.Class != "" || !im.Excluded {
		t.Errorf("b.jpg = %+v, want unlabelled and still excluded", im)
	}
	// 2 AddImages + AddClass + SetLabel + Rename + SetExcluded + Remove.
	if changes != 7 {
		t.Errorf("change callbacks = %d, want 7", changes)
	}
}

func TestAddImagesKeepsUserLabels(t *testing.T) {
	p := New()
	p.AddImages("cat", []string{"/x/a.jpg"})
	p.AddClass("dog")
	p.SetLabel("dog", "/x/a.jpg")
	n, err := p.AddImages("cat", []string{"/x/a.jpg", "/x/new.jpg"})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("added %d, want 1", n)
	}
	if im, _ := p.Image("/x/a.jpg"); im.Class != "dog" {
		t.Errorf("re-scan overwrote the user's label: %+v", im)
	}
}

func TestLabelErrors(t *testing.T) {
	p := New()
	p.AddImages("cat", []string{"/x/a.jpg"})
	if err := p.SetLabel("horse", "/x/a.jpg"); err == nil {
		t.Error("labelling with an unknown class succeeded")
	}
	if err := p.SetLabel("cat", "/x/a.jpg", "/x/unknown.jpg"); err == nil {
		t.Error("labelling an unknown picture succeeded")
	}
	if err := p.SetExcluded(true, "/nope.jpg"); err == nil {
		t.Error("excluding an unknown picture succeeded")
	}
}

func TestValidateClassName(t *testing.T) {
	for _, bad := range []string{"", "  ", " cat", "a/b", `a\b`, ".", ".."} {
		if ValidateClassName(bad) == nil {
			t.Errorf("ValidateClassName(%q) accepted", bad)
		}
	}
	for _, good := range []string{"cat", "Grüne Äpfel", "類", "a.b"} {
		if err := ValidateClassName(good); err != nil {
			t.Errorf("ValidateClassName(%q): %v", good, err)
		}
	}
}

func TestSettingsValidate(t *testing.T) {
	if err := DefaultSettings().Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	bad := []func(*Settings){
		func(s *Settings) { s.Case = 5 },
		func(s *Settings) { s.Epochs = -1 },
		func(s *Settings) { s.Epochs = 1001 },
		func(s *Settings) { s.LearningRate = -0.1 },
		func(s *Settings) { s.LearningRate = 11 },
		func(s *Settings) { s.BatchSize = -1 },
		func(s *Settings) { s.ValShare = 1 },
		func(s *Settings) { s.Device = "tpu" },
		func(s *Settings) { s.ImageSize = 32 },
		func(s *Settings) { s.ImageSize = 2048 },
	}
	for i, mutate := range bad {
		s := DefaultSettings()
		mutate(&s)
		if s.Validate() == nil {
			t.Errorf("case %d: %+v accepted", i, s)
		}
	}
	// 0 is "automatic" for the schedule and the picture size.
	auto := DefaultSettings()
	if auto.Epochs != 0 || auto.LearningRate != 0 || auto.BatchSize != 0 || auto.ImageSize != 0 || auto.Network != "squeezenet1_1" {
		t.Errorf("defaults = %+v, want automatic schedule and squeezenet1_1", auto)
	}
	auto.ImageSize = 64
	if err := auto.Validate(); err != nil {
		t.Errorf("picture size 64: %v", err)
	}
	p := New()
	s := DefaultSettings()
	s.Epochs = -1
	if p.SetSettings(s) == nil {
		t.Error("SetSettings accepted invalid settings")
	}
}
