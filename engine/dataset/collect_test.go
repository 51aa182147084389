package dataset

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
)

func TestCollectFoldersClassFoldersAndLooseFiles(t *testing.T) {
	root := shareddata.Path(t, "datasets/catsdogs-60")
	c, err := Collect(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Classes) != 2 || c.Classes[0].Name != "cat" || len(c.Classes[0].Files) != 30 || len(c.Classes[1].Files) != 30 {
		t.Fatalf("parent folder: %+v", c.Classes)
	}
	loose := filepath.Join(root, "dog", "dog-01.jpg")
	c, err = Collect(context.Background(), []string{filepath.Join(root, "cat"), loose, filepath.Join(root, "missing.jpg")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Classes) != 1 || c.Classes[0].Name != "cat" || !reflect.DeepEqual(c.Unlabelled, []string{loose}) || len(c.Skipped) != 1 {
		t.Fatalf("class folder + loose file: %+v", c)
	}
	hym, err := Collect(context.Background(), []string{shareddata.Path(t, "datasets/hymenoptera")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(hym.Classes) != 2 || len(hym.Classes[1].Files) != 121+83 {
		t.Fatalf("train/val folders are merged per class: %d classes, %d bees", len(hym.Classes), len(hym.Classes[1].Files))
	}
}

func TestFromClassesSplitsAndValidates(t *testing.T) {
	files := func(n int) []string {
		var fs []string
		for i := 0; i < n; i++ {
			fs = append(fs, filepath.Join("x", string(rune('a'+i))+".jpg"))
		}
		return fs
	}
	d, err := FromClasses([]Class{{"a", files(10)}, {"b", files(5)}}, 0.2, 1)
	if err != nil {
		t.Fatal(err)
	}
	train, val := d.Counts()
	if !reflect.DeepEqual(train, []int{8, 4}) || !reflect.DeepEqual(val, []int{2, 1}) {
		t.Fatalf("train %v val %v", train, val)
	}
	if _, err := FromClasses([]Class{{"a", files(10)}, {"b", files(1)}}, 0.2, 1); err == nil || !strings.Contains(err.Error(), "b (1)") {
		t.Fatalf("one-image class: %v", err)
	}
}
