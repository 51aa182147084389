package project

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Image is one picture known to the project. Class is "" while the picture
// is unlabelled.
type Image struct {
	Path     string
	Class    string
	Excluded bool
}

// ClassImages is a class and the included pictures labelled with it.
type ClassImages struct {
	Name   string
	Images []string
}

// Project holds labels, classes, excluded pictures, source folders,
// settings and the training runs. All methods are safe for concurrent use:
// the UI mutates it on its goroutine while the autosaver saves it from a
// timer goroutine.
type Project struct {
	mu       sync.Mutex
	classes  []string
	images   map[string]*Image
	sources  []string
	settings Settings
	runs     []Run    // oldest first
	notes    []string // what Load had to leave out, in words
	onChange func()
}

// New returns an empty project with default settings.
func New() *Project {
	return &Project{images: map[string]*Image{}, settings: DefaultSettings()}
}

// SetOnChange registers fn to be called after every change (outside the
// project's lock), typically to schedule an autosave.
func (p *Project) SetOnChange(fn func()) {
	p.mu.Lock()
	p.onChange = fn
	p.mu.Unlock()
}

// changed runs the change callback; callers must not hold the lock.
func (p *Project) changed() {
	p.mu.Lock()
	fn := p.onChange
	p.mu.Unlock()
	if fn != nil {
		fn()
	}
}

// Classes returns the class names in the user's order.
func (p *Project) Classes() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.classes)
}

// Sources returns the folders and files the pictures were added from.
func (p *Project) Sources() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.sources)
}

// AddSources remembers where pictures came from, so reopening the project
// can look for new or removed files. Duplicates are ignored.
func (p *Project) AddSources(paths ...string) {
	p.mu.Lock()
	added := false
	for _, s := range paths {
		s = filepath.Clean(s)
		if !slices.Contains(p.sources, s) {
			p.sources = append(p.sources, s)
			added = true
		}
	}
	p.mu.Unlock()
	if added {
		p.changed()
	}
}

// ValidateClassName says why name cannot be a class name, or returns nil.
// Class names become folder names on export, so path separators and the
// special names "." and ".." are refused.
func ValidateClassName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return newProblem("class name is empty")
	case name != strings.TrimSpace(name):
		return newProblem("class name \"{{.Name}}\" starts or ends with spaces", map[string]any{"Name": name})
	case name == "." || name == "..":
		return newProblem("class name \"{{.Name}}\" is not allowed", map[string]any{"Name": name})
	case strings.ContainsAny(name, `/\`):
		return newProblem("class name \"{{.Name}}\" contains a slash", map[string]any{"Name": name})
	}
	return nil
}

// AddClass appends a new, empty class.
func (p *Project) AddClass(name string) error {
	if err := ValidateClassName(name); err != nil {
		return err
	}
	p.mu.Lock()
	if slices.Contains(p.classes, name) {
		p.mu.Unlock()
		return newProblem("class \"{{.Name}}\" already exists", map[string]any{"Name": name})
	}
	p.classes = append(p.classes, name)
	p.mu.Unlock()
	p.changed()
	return nil
}

// RenameClass renames a class; its pictures follow.
func (p *Project) RenameClass(old, name string) error {
	if err := ValidateClassName(name); err != nil {
		return err
	}
	p.mu.Lock()
	i := slices.Index(p.classes, old)
	switch {
	case i < 0:
		p.mu.Unlock()
		return fmt.Errorf("rename: no class %q", old)
	case old == name:
		p.mu.Unlock()
		return nil
	case slices.Contains(p.classes, name):
		p.mu.Unlock()
		return newProblem("class \"{{.Name}}\" already exists", map[string]any{"Name": name})
	}
	p.classes[i] = name
	for _, im := range p.images {
		if im.Class == old {
			im.Class = name
		}
	}
	p.mu.Unlock()
	p.changed()
	return nil
}

// RemoveClass deletes a class from the project; its pictures become
// unlabelled (the files themselves are untouched).
func (p *Project) RemoveClass(name string) error {
	p.mu.Lock()
	i := slices.Index(p.classes, name)
	if i < 0 {
		p.mu.Unlock()
		return fmt.Errorf("remove: no class %q", name)
	}
	p.classes = slices.Delete(p.classes, i, i+1)
	for _, im := range p.images {
		if im.Class == name {
			im.Class = ""
		}
	}
	p.mu.Unlock()
	p.changed()
	return nil
}
