package project

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadProject feeds arbitrary bytes to the project-file parser: it
// never panics, and a file it accepts round-trips — saved and read back it
// reads the same (the same bytes when saved again), with nothing left out
// the second time. A file it cannot keep is refused with an error, never
// half-read.
func FuzzLoadProject(f *testing.F) {
	dir := filepath.Join(f.TempDir(), "pets")
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "*"+Extension))
	for _, name := range fixtures {
		if raw, err := os.ReadFile(name); err == nil {
			f.Add(raw)
		}
	}
	if raw, err := sampleProject(dir).Marshal(dir); err == nil {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Unmarshal(data, dir)
		if err != nil {
			return
		}
		saved, err := p.Marshal(dir)
		if err != nil {
			t.Fatalf("accepted a project it cannot save: %v", err)
		}
		q, err := Unmarshal(saved, dir)
		if err != nil {
			t.Fatalf("refused its own saved project: %v\n%s", err, saved)
		}
		if notes := q.LoadNotes(); len(notes) > 0 {
			t.Fatalf("its own saved project left something out: %v", notes)
		}
		again, err := q.Marshal(dir)
		if err != nil || !bytes.Equal(again, saved) {
			t.Fatalf("saved twice it differs (%v):\n%s\n---\n%s", err, saved, again)
		}
	})
}

// sampleProject is a version-2 project with labelled, loose and excluded
// pictures and one run, all inside dir.
func sampleProject(dir string) *Project {
	p := New()
	p.AddImages("cat", []string{filepath.Join(dir, "photos", "cat", "a.jpg")})
	p.AddImages("dog", []string{filepath.Join(dir, "photos", "dog", "b.jpg")})
	p.AddRun(sampleRun(dir))
	return p
}
