package project

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	inside := filepath.Join(dir, "photos", "cat", "a.jpg")
	outside := filepath.Join(t.TempDir(), "dog", "b.jpg")
	p := New()
	p.AddImages("cat", []string{inside})
	p.AddImages("dog", []string{outside})
	p.AddImages("", []string{filepath.Join(dir, "loose.png")})
	p.SetExcluded(true, outside)
	p.AddSources(filepath.Join(dir, "photos"), filepath.Dir(outside))
	s := DefaultSettings()
	s.Network, s.Case, s.Epochs, s.LearningRate, s.Seed = "squeezenet1_1", 2, 7, 0.01, 42
	if err := p.SetSettings(s); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "pets"+Extension)
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}

	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"path": "photos/cat/a.jpg"`) {
		t.Errorf("picture inside the project folder not stored relative:\n%s", raw)
	}
	if !strings.Contains(string(raw), filepath.ToSlash(outside)) {
		t.Errorf("picture outside the project folder not stored absolute:\n%s", raw)
	}

	q, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(q.Images(), p.Images()) {
		t.Errorf("images:\n got %+v\nwant %+v", q.Images(), p.Images())
	}
	if !slices.Equal(q.Classes(), []string{"cat", "dog"}) {
		t.Errorf("classes = %v", q.Classes())
	}
	if !slices.Equal(q.Sources(), p.Sources()) {
		t.Errorf("sources = %v, want %v", q.Sources(), p.Sources())
	}
	if q.Settings() != s {
		t.Errorf("settings = %+v, want %+v", q.Settings(), s)
	}
	// No temporary files are left beside the project.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("project folder holds %d entries, want only the project file", len(entries))
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	cases := map[string]string{
		"not json":      `{"format":`,
		"other format":  `{"format":"something","version":1}`,
		"newer version": `{"format":"transferlab-project","version":99}`,
		"unknown class": `{"format":"transferlab-project","version":1,"classes":["cat"],"images":[{"path":"a.jpg","class":"dog"}]}`,
		"bad class":     `{"format":"transferlab-project","version":1,"classes":["a/b"]}`,
		"bad settings":  `{"format":"transferlab-project","version":1,"settings":{"epochs":-1}}`,
	}
	for name, doc := range cases {
		path := filepath.Join(t.TempDir(), "p"+Extension)
		os.WriteFile(path, []byte(doc), 0o644)
		_, err := Load(path)
		if err == nil {
			t.Errorf("%s: loaded without error", name)
			continue
		}
		if !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing"+Extension)); err == nil {
		t.Error("loading a missing file succeeded")
	}
}

func TestLoadFillsMissingSettingsWithDefaults(t *testing.T) {
	p, err := Unmarshal([]byte(`{"format":"transferlab-project","version":1,"settings":{"epochs":3}}`), "/tmp")
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultSettings()
	want.Epochs = 3
	if p.Settings() != want {
		t.Errorf("settings = %+v, want %+v", p.Settings(), want)
	}
}
