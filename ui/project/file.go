package project

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Extension is the file name ending of project files.
const Extension = ".tlproj"

// formatName and formatVersion identify the file; Load refuses files from
// a newer version rather than silently dropping what it does not know, and
// reads every older one.
//
// Versions: 1 = classes, sources, pictures, settings; 2 adds the training
// runs with their results.
const (
	formatName    = "transferlab-project"
	formatVersion = 2
)

// fileImage is one picture as stored: path relative to the project folder
// when the picture is inside it, absolute otherwise.
type fileImage struct {
	Path     string `json:"path"`
	Class    string `json:"class,omitempty"`
	Excluded bool   `json:"excluded,omitempty"`
}

type fileDoc struct {
	Format   string      `json:"format"`
	Version  int         `json:"version"`
	Classes  []string    `json:"classes"`
	Sources  []string    `json:"sources"`
	Images   []fileImage `json:"images"`
	Settings Settings    `json:"settings"`
	Runs     []fileRun   `json:"runs,omitempty"` // since version 2
}

// Save writes the project to path atomically (temporary file + rename), so
// a crash or a full disk mid-save never leaves a half-written project.
func (p *Project) Save(path string) error {
	data, err := p.Marshal(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("save project %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tlproj-*")
	if err != nil {
		return fmt.Errorf("save project %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("save project %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save project %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save project %s: %w", path, err)
	}
	return nil
}

// Marshal encodes the project as JSON with paths made relative to dir
// where they lie inside it.
func (p *Project) Marshal(dir string) ([]byte, error) {
	doc := fileDoc{
		Format:   formatName,
		Version:  formatVersion,
		Classes:  p.Classes(),
		Settings: p.Settings(),
		Images:   []fileImage{},
	}
	for _, s := range p.Sources() {
		doc.Sources = append(doc.Sources, storedPath(dir, s))
	}
	for _, im := range p.Images() {
		doc.Images = append(doc.Images, fileImage{Path: storedPath(dir, im.Path), Class: im.Class, Excluded: im.Excluded})
	}
	for _, r := range p.Runs() {
		doc.Runs = append(doc.Runs, storedRun(dir, r))
	}
	return json.MarshalIndent(doc, "", "  ")
}

// Load reads a project file written by Save.
func Load(path string) (*Project, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("open project: %w", err)
	}
	p, err := Unmarshal(data, filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("open project %s: %w", path, err)
	}
	return p, nil
}

// Unmarshal decodes a project, resolving relative paths against dir.
func Unmarshal(data []byte, dir string) (*Project, error) {
	doc := fileDoc{Settings: DefaultSettings()}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%w: %w", newProblem("not a TransferLab project file"), err)
	}
	if doc.Format != formatName {
		return nil, newProblem("not a TransferLab project file (format \"{{.Format}}\")", map[string]any{"Format": doc.Format})
	}
	if doc.Version > formatVersion {
		return nil, newProblem("made by a newer TransferLab (file version {{.Version}}, this one reads up to {{.Max}})",
			map[string]any{"Version": doc.Version, "Max": formatVersion})
	}
	if err := doc.Settings.Validate(); err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	return doc.project(dir)
}

func (doc fileDoc) project(dir string) (*Project, error) {
	p := New()
	p.settings = doc.Settings
	for _, c := range doc.Classes {
		if err := ValidateClassName(c); err != nil {
			return nil, err
		}
		p.classes = append(p.classes, c)
	}
	for _, s := range doc.Sources {
		p.sources = append(p.sources, resolvedPath(dir, s))
	}
	for _, im := range doc.Images {
		if im.Class != "" && !slices.Contains(p.classes, im.Class) {
			return nil, fmt.Errorf("picture %s has class %q, which is not in the class list", im.Path, im.Class)
		}
		abs := resolvedPath(dir, im.Path)
		p.images[abs] = &Image{Path: abs, Class: im.Class, Excluded: im.Excluded}
	}
	doc.addRuns(p, dir)
	return p, nil
}

// addRuns restores the stored runs. A run that does not fit together is
// left out with a note rather than refusing the file: the user's labels
// matter more than one run's figures.
func (doc fileDoc) addRuns(p *Project, dir string) {
	for i, f := range doc.Runs {
		r, err := f.run(dir)
		if err != nil {
			p.notes = append(p.notes, newProblem("training run {{.N}} ({{.Network}}, case {{.Case}}) was left out: {{.Why}}",
				map[string]any{"N": i + 1, "Network": f.Network, "Case": int(f.Case), "Why": err.Error()}).Error())
			continue
		}
		p.runs = append(p.runs, r)
	}
}

// LoadNotes says what opening the file had to leave out; nil when nothing.
func (p *Project) LoadNotes() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.notes)
}

// storedPath is path relative to dir when path lies inside dir; the file
// then survives copying the whole folder to another computer.
func storedPath(dir, path string) string {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

func resolvedPath(dir, stored string) string {
	p := filepath.FromSlash(stored)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}
