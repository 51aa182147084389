package project

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ExportSummary says what Export wrote.
type ExportSummary struct {
	Classes int // folders created
	Files   int // pictures copied
}

// Export copies every included, labelled picture into dir/<class>/, the
// folder-per-class layout every training tool reads. dir must be empty or
// not exist yet, so an export never mixes with (or overwrites) other files.
// The originals are only read.
func (p *Project) Export(dir string) (ExportSummary, error) {
	var sum ExportSummary
	if err := ensureEmptyDir(dir); err != nil {
		return sum, err
	}
	for _, c := range p.Labelled() {
		if len(c.Images) == 0 {
			continue
		}
		classDir := filepath.Join(dir, safeFolderName(c.Name))
		if err := os.Mkdir(classDir, 0o755); err != nil {
			return sum, fmt.Errorf("export: %w", err)
		}
		sum.Classes++
		used := map[string]bool{}
		for _, src := range c.Images {
			dst := filepath.Join(classDir, uniqueName(filepath.Base(src), used))
			if err := copyFile(src, dst); err != nil {
				return sum, fmt.Errorf("export %s: %w", src, err)
			}
			sum.Files++
		}
	}
	return sum, nil
}

func ensureEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("export: %w", err)
	case len(entries) > 0:
		return newProblem("{{.Folder}} is not empty; choose an empty or new folder", map[string]any{"Folder": dir})
	}
	return nil
}

// uniqueName keeps file names readable: two "img1.jpg" from different
// source folders become img1.jpg and img1-2.jpg. Names are compared
// case-insensitively because Windows and macOS file systems do.
func uniqueName(base string, used map[string]bool) string {
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	name := base
	for i := 2; used[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s-%d%s", stem, i, ext)
	}
	used[strings.ToLower(name)] = true
	return name
}

// safeFolderName replaces characters Windows forbids in folder names.
func safeFolderName(name string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"|?*`, r) || r < 32 {
			return '_'
		}
		return r
	}, name)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
