package dataset

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Collection is what the user dropped into the app, before any split:
// classes from folders, loose pictures to label, and files left out.
type Collection struct {
	Classes    []Class
	Unlabelled []string
	Skipped    []Skipped
	Duplicates []Duplicate // pictures found in more than one class
}

// Class is a named set of image files.
type Class struct {
	Name  string
	Files []string
}

// Collect reads dropped paths: a folder of class folders (train/ and val/
// folders are merged), a folder of images (one class named after it), or
// single image files (unlabelled). Every image is read once and its header
// checked (see Scan); unreadable ones are listed in Skipped. progress(done, total) counts images.
func Collect(ctx context.Context, paths []string, progress func(done, total int)) (*Collection, error) {
	found := map[string][]string{}
	var order []string
	addClass := func(name string, files []string) {
		if _, ok := found[name]; !ok {
			order = append(order, name)
		}
		found[name] = append(found[name], files...)
	}
	c := &Collection{}
	var loose []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			c.Skipped = append(c.Skipped, Skipped{p, "cannot be read: " + err.Error()})
			continue
		}
		if !info.IsDir() {
			if imageExtensions[strings.ToLower(filepath.Ext(p))] {
				loose = append(loose, p)
			} else {
				c.Skipped = append(c.Skipped, Skipped{p, "not an image file type TransferLab reads (JPEG, PNG, GIF, BMP, WebP, TIFF)"})
			}
			continue
		}
		skipped, err := collectFolder(p, addClass)
		if err != nil {
			return nil, err
		}
		c.Skipped = append(c.Skipped, skipped...)
	}
	found[""] = loose
	good, bad, hashes, err := checkImages(ctx, found, progress)
	if err != nil {
		return nil, err
	}
	c.Skipped = append(c.Skipped, bad...)
	for _, name := range order {
		c.Classes = append(c.Classes, Class{Name: name, Files: good[name]})
	}
	c.Unlabelled = good[""]
	delete(good, "") // unlabelled pictures have no class to clash with
	c.Duplicates = duplicatesAcross(good, hashes, func(name string) string { return name })
	return c, nil
}

// collectFolder adds a folder's classes: its subfolders (or those of its
// train/ and val/ folders) if it has any with images, else itself.
func collectFolder(dir string, add func(name string, files []string)) ([]Skipped, error) {
	roots := []string{dir}
	if train, val, ok := presetSplit(dir); ok {
		roots = []string{train, val}
	}
	var skipped []Skipped
	any := false
	for _, root := range roots {
		byClass, skip, unreadable, err := listClasses(root)
		if err != nil {
			return nil, err
		}
		skipped = append(append(skipped, skip...), unreadable...)
		for _, name := range sortedKeys(byClass) {
			if len(byClass[name]) > 0 {
				add(name, byClass[name])
				any = true
			}
		}
	}
	if any {
		return skipped, nil
	}
	files, skip, err := imagesUnder(dir)
	if err != nil {
		return nil, fmt.Errorf("dataset: %s cannot be read: %w", dir, unwrapPath(err))
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("dataset: %s holds no pictures (JPEG, PNG, GIF, BMP, WebP or TIFF)", dir)
	}
	add(filepath.Base(dir), files)
	return skip, nil
}

// FromClasses splits explicitly labelled files (the app's project) into a
// stratified, seeded training and validation set.
func FromClasses(classes []Class, valFraction float64, seed int64) (*Dataset, error) {
	d := &Dataset{}
	byName := map[string][]string{}
	counts := make([]int, len(classes))
	for i, c := range classes {
		d.Classes = append(d.Classes, c.Name)
		byName[c.Name] = c.Files
		counts[i] = len(c.Files)
	}
	if err := validate("your project", d.Classes, counts); err != nil {
		return nil, err
	}
	d.Train, d.Val = split(d.Classes, byName, valFraction, seed)
	return d, nil
}
