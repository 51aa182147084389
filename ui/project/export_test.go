package project

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// snapshot records every file's bytes and modification time under root.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() {
			return nil
		}
		info, _ := d.Info()
		data, _ := os.ReadFile(path)
		out[path] = info.ModTime().Format(time.RFC3339Nano) + string(data)
		return nil
	})
	return out
}

func TestRelabelNeverTouchesImages(t *testing.T) {
	root, cats, dogs := copyCatsDogs(t, 4)
	before := snapshot(t, root)
	p := New()
	p.AddImages("cat", cats)
	p.AddImages("dog", dogs)
	projPath := filepath.Join(t.TempDir(), "p"+Extension)
	if err := p.Save(projPath); err != nil {
		t.Fatal(err)
	}
	saved1, _ := os.ReadFile(projPath)

	p.SetLabel("dog", cats[0])
	p.SetExcluded(true, dogs[1])
	p.RenameClass("cat", "kitten")
	p.RemoveClass("dog")
	if err := p.Save(projPath); err != nil {
		t.Fatal(err)
	}
	saved2, _ := os.ReadFile(projPath)

	if bytes.Equal(saved1, saved2) {
		t.Error("relabelling did not change the project file")
	}
	q, _ := Load(projPath)
	if im, _ := q.Image(cats[0]); im.Class != "" {
		t.Errorf("%s: class %q, want unlabelled (moved to dog, then dog removed)", cats[0], im.Class)
	}
	if got := q.ImagesOf("kitten"); len(got) != 3 {
		t.Errorf("kitten has %d pictures, want 3", len(got))
	}
	after := snapshot(t, root)
	if len(after) != len(before) {
		t.Fatalf("picture folder holds %d files, had %d", len(after), len(before))
	}
	for path, v := range before {
		if after[path] != v {
			t.Errorf("%s changed on disk", path)
		}
	}
}

func TestExportFolderPerClass(t *testing.T) {
	root, cats, dogs := copyCatsDogs(t, 5)
	// A second "cat" folder whose first file has the same name as cats[0].
	other := filepath.Join(root, "more")
	os.Mkdir(other, 0o755)
	dup := filepath.Join(other, filepath.Base(cats[0]))
	data, _ := os.ReadFile(dogs[0])
	os.WriteFile(dup, data, 0o644)
	before := snapshot(t, root)

	p := New()
	p.AddImages("cat", cats)
	p.AddImages("dog", dogs)
	p.AddImages("", []string{dogs[4]}) // already a dog: stays a dog
	p.AddClass("empty")
	p.AddImages("cat", []string{dup})
	p.SetExcluded(true, cats[1])
	p.AddImages("", []string{filepath.Join(root, "unlabelled.jpg")})

	out := filepath.Join(t.TempDir(), "export")
	sum, err := p.Export(out)
	if err != nil {
		t.Fatal(err)
	}
	if sum != (ExportSummary{Classes: 2, Files: 10}) {
		t.Errorf("summary = %+v, want 2 classes, 10 files (5 dogs + 4 cats + duplicate name)", sum)
	}
	dirs, _ := os.ReadDir(out)
	var names []string
	for _, d := range dirs {
		names = append(names, d.Name())
	}
	if !slices.Equal(names, []string{"cat", "dog"}) {
		t.Errorf("export folders = %v, want [cat dog] (empty classes skipped)", names)
	}
	catFiles, _ := os.ReadDir(filepath.Join(out, "cat"))
	if len(catFiles) != 5 {
		t.Errorf("cat folder holds %d files, want 5", len(catFiles))
	}
	renamed := filepath.Join(out, "cat", "cat-01-2.jpg")
	got, err := os.ReadFile(renamed)
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("duplicate file name not exported as %s with its own bytes (err %v)", renamed, err)
	}
	if _, err := os.Stat(filepath.Join(out, "cat", filepath.Base(cats[1]))); err == nil {
		t.Error("excluded picture was exported")
	}
	for path, v := range before {
		if snapshot(t, root)[path] != v {
			t.Errorf("export changed source %s", path)
		}
	}

	if _, err := p.Export(out); err == nil {
		t.Error("export into a non-empty folder succeeded")
	}
}

func TestUniqueNameAndSafeFolder(t *testing.T) {
	used := map[string]bool{}
	got := []string{uniqueName("a.jpg", used), uniqueName("A.JPG", used), uniqueName("a.jpg", used)}
	if !slices.Equal(got, []string{"a.jpg", "A-2.JPG", "a-3.jpg"}) {
		t.Errorf("unique names = %v", got)
	}
	if s := safeFolderName(`what? "yes": <no>`); s != "what_ _yes__ _no_" {
		t.Errorf("safeFolderName = %q", s)
	}
}
