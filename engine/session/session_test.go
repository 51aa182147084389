package session

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/internal/shareddata"
)

// open starts a session on an empty cache of its own.
func open(t *testing.T) *Session {
	t.Helper()
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	s, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func collect(t *testing.T, s *Session, rel string) []dataset.Class {
	t.Helper()
	c, err := s.Collect(context.Background(), []string{shareddata.Path(t, rel)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.Classes
}

// Weights are always checked against the network, whoever opens them, and
// missing ones are a typed error each front end words for its users.
func TestPretrainedIsAlwaysChecked(t *testing.T) {
	s := open(t)
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	if _, err := s.Pretrained("squeezenet1_1", pth); err != nil {
		t.Fatal(err)
	}
	_, err := s.Pretrained("resnet18", pth)
	if err == nil || !strings.Contains(err.Error(), filepath.Base(pth)) {
		t.Errorf("squeezenet weights opened as resnet18: %v", err)
	}
	var missing *MissingWeightsError
	if _, err := s.Pretrained("resnet18", ""); !errors.As(err, &missing) || missing.Network != "resnet18" {
		t.Errorf("no cached weights: %v", err)
	}
	if _, err := s.Import("squeezenet1_1", pth); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pretrained("squeezenet1_1", ""); err != nil {
		t.Errorf("imported weights: %v", err)
	}
}

func TestRecommendSamplesAndExplains(t *testing.T) {
	s := open(t)
	classes := collect(t, s, "datasets/catsdogs-60")
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	done := 0
	// 64 pictures spread over 2 classes: 32 of each, so all 30 of each.
	a, err := s.Recommend(context.Background(), "squeezenet1_1", pth, classes, func(d, total int) { done = d })
	if err != nil {
		t.Fatal(err)
	}
	if a.Case != cases.FrozenBackbone || a.Title != cases.FrozenBackbone.Title() || a.SmallestClass != 30 ||
		a.Sampled != 60 || done != 60 || a.ImageNetLike < 0.3 || !strings.HasPrefix(a.Reason, "Your smallest class has 30 pictures") {
		t.Errorf("advice %+v after %d pictures", a, done)
	}
	// Without weights the familiarity is unknown, and the advice says so.
	a, err = s.Recommend(context.Background(), "squeezenet1_1", "", classes, nil)
	if err != nil || a.ImageNetLike >= 0 || a.Sampled != 0 || !strings.Contains(a.Reason, "could not check") {
		t.Errorf("without weights: %+v, %v", a, err)
	}
	if _, err := s.Recommend(context.Background(), "resnet18", pth, classes, nil); err == nil {
		t.Error("a wrong weights file was used for the advice")
	}
	if _, err := s.Recommend(context.Background(), "squeezenet1_1", pth, classes[:1], nil); err == nil {
		t.Error("advice for one class")
	}
}

// The app hands over classes, the command line a folder: on a folder of
// class folders both get the same split.
func TestSplitOfClassesEqualsScan(t *testing.T) {
	s := open(t)
	scanned, err := s.Scan(context.Background(), shareddata.Path(t, "datasets/catsdogs-60"), 0.2, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	split, err := s.Split(collect(t, s, "datasets/catsdogs-60"), 0.2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(split.Classes, ",") != strings.Join(scanned.Classes, ",") || len(split.Train) != len(scanned.Train) || len(split.Val) != len(scanned.Val) {
		t.Fatalf("split %v %d/%d, scan %v %d/%d", split.Classes, len(split.Train), len(split.Val), scanned.Classes, len(scanned.Train), len(scanned.Val))
	}
	for i := range split.Val {
		if split.Val[i] != scanned.Val[i] {
			t.Fatalf("val %d: %v vs %v", i, split.Val[i], scanned.Val[i])
		}
	}
}
