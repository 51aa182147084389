package dataset

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"transferlab/engine/imageprep"
)

// imageExtensions are the formats the engine decodes.
var imageExtensions = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true,
	".webp": true, ".tif": true, ".tiff": true,
}

// Options control how Scan splits a folder without its own split.
type Options struct {
	ValFraction float64 // share of each class held out for validation, e.g. 0.2
	Seed        int64
	// Every image's header is checked so unreadable ones are skipped up
	// front; progress(done, total) reports it.
	Progress func(done, total int)
}

// Scan reads root. If it holds train/ and val/ (or validation/) folders,
// those are the split; otherwise its subfolders are the classes and a
// stratified split is drawn with opts. Every image is read once and its
// header checked to leave out the unreadable ones, which are listed in
// Skipped; their pixels are decoded only where they are needed.
func Scan(ctx context.Context, root string, opts Options) (*Dataset, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("dataset: %s is not a folder", root)
	}
	if train, val, ok := presetSplit(root); ok {
		return scanPreset(ctx, root, train, val, opts)
	}
	byClass, skipped, err := classFolders(root)
	if err != nil {
		return nil, err
	}
	good, bad, hashes, err := checkImages(ctx, byClass, opts.Progress)
	if err != nil {
		return nil, err
	}
	d := &Dataset{Classes: sortedKeys(good), Skipped: append(skipped, bad...), Hashes: hashes}
	d.Duplicates = duplicatesAcross(good, hashes, func(class string) string { return class })
	counts := make([]int, len(d.Classes))
	for i, c := range d.Classes {
		counts[i] = len(good[c])
	}
	if err := validate(root, d.Classes, counts); err != nil {
		return nil, err
	}
	d.Train, d.Val = split(d.Classes, good, opts.ValFraction, opts.Seed)
	return d, nil
}

// presetSplit finds root/train and root/val (or root/validation).
func presetSplit(root string) (train, val string, ok bool) {
	train = filepath.Join(root, "train")
	if !isDir(train) {
		return "", "", false
	}
	for _, name := range []string{"val", "validation"} {
		if v := filepath.Join(root, name); isDir(v) {
			return train, v, true
		}
	}
	return "", "", false
}

func scanPreset(ctx context.Context, root, trainDir, valDir string, opts Options) (*Dataset, error) {
	trainFiles, skippedT, err := classFolders(trainDir)
	if err != nil {
		return nil, err
	}
	valFiles, skippedV, err := classFolders(valDir)
	if err != nil {
		return nil, err
	}
	all := map[string][]string{}
	for c, fs := range trainFiles {
		all["train/"+c] = fs
	}
	for c, fs := range valFiles {
		all["val/"+c] = fs
	}
	good, bad, hashes, err := checkImages(ctx, all, opts.Progress)
	if err != nil {
		return nil, err
	}
	d := &Dataset{Classes: sortedKeys(trainFiles), Skipped: append(append(skippedT, skippedV...), bad...), PresetSplit: true, Hashes: hashes}
	d.Duplicates = duplicatesAcross(good, hashes, func(group string) string { return strings.SplitN(group, "/", 2)[1] })
	counts := make([]int, len(d.Classes))
	for i, c := range d.Classes {
		if _, ok := valFiles[c]; !ok {
			return nil, fmt.Errorf("dataset: %s has class %q but %s has no folder with pictures of it", trainDir, c, valDir)
		}
		counts[i] = len(good["train/"+c])
		for _, p := range good["train/"+c] {
			d.Train = append(d.Train, Item{p, i})
		}
		for _, p := range good["val/"+c] {
			d.Val = append(d.Val, Item{p, i})
		}
	}
	for c := range valFiles {
		if _, ok := trainFiles[c]; !ok {
			return nil, fmt.Errorf("dataset: %s has class %q but %s has no folder with pictures of it", valDir, c, trainDir)
		}
	}
	return d, validate(root, d.Classes, counts)
}

// classFolders lists the image files of each subfolder of dir (recursively
// inside each class folder); other files are reported as skipped. A class
// folder without a single picture is a stray (a folder made by mistake, or
// emptied): it is named in skipped and left out rather than failing the
// run. A class folder that cannot be read fails it, with the real reason:
// training without a class the user meant would quietly give another
// classifier.
func classFolders(dir string) (map[string][]string, []Skipped, error) {
	byClass, skipped, unreadable, err := listClasses(dir)
	if err == nil && len(unreadable) > 0 {
		err = fmt.Errorf("dataset: class folder %s %s", unreadable[0].Path, unreadable[0].Reason)
	}
	return byClass, skipped, err
}

// listClasses is classFolders that returns the class folders it cannot read
// instead of failing, for gathering (Collect) where the user sees them
// listed and the others are still useful.
func listClasses(dir string) (byClass map[string][]string, skipped, unreadable []Skipped, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("dataset: %w", err)
	}
	byClass = map[string][]string{}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		class := filepath.Join(dir, e.Name())
		files, skip, err := imagesUnder(class)
		if err != nil {
			unreadable = append(unreadable, Skipped{class, "cannot be read: " + unwrapPath(err).Error()})
			continue
		}
		skipped = append(skipped, skip...)
		if len(files) == 0 {
			skipped = append(skipped, Skipped{class, "class folder holds no pictures; left out of the classes"})
			continue
		}
		byClass[e.Name()] = files
	}
	return byClass, skipped, unreadable, nil
}

// imagesUnder walks a class folder; unreadable subfolders are skipped, not
// fatal, but the folder itself being unreadable is the error.
func imagesUnder(dir string) ([]string, []Skipped, error) {
	var files []string
	var skipped []Skipped
	var rootErr error
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		switch {
		case err != nil && path == dir:
			rootErr = err
			return filepath.SkipDir
		case err != nil:
			skipped = append(skipped, Skipped{path, "cannot be read: " + err.Error()})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
		case d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != dir:
			return filepath.SkipDir
		case d.IsDir() || strings.HasPrefix(d.Name(), "."):
		case imageExtensions[strings.ToLower(filepath.Ext(path))]:
			files = append(files, path)
		default:
			skipped = append(skipped, Skipped{path, "not an image file type TransferLab reads (JPEG, PNG, GIF, BMP, WebP, TIFF)"})
		}
		return nil
	})
	sort.Strings(files)
	return files, skipped, rootErr
}

// unwrapPath drops *fs.PathError's "open <path>:" where the message names
// the path already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkImages reads every file once, keeping those whose header says they
// are a picture TransferLab decodes, and hashes their bytes (the duplicate
// check's and the feature cache's key, so neither reads the file again).
// Only the header is checked: decoding every picture here would double the
// time of a re-run whose features are all cached, and a picture whose body
// turns out damaged is left out, named, where its pixels are needed.
func checkImages(ctx context.Context, byClass map[string][]string, progress func(done, total int)) (good map[string][]string, bad []Skipped, hashes map[string]string, err error) {
	total := 0
	for _, fs := range byClass {
		total += len(fs)
	}
	good, hashes = map[string][]string{}, map[string]string{}
	done := 0
	for _, c := range sortedKeys(byClass) {
		good[c] = []string{}
		for _, p := range byClass[c] {
			if err := ctx.Err(); err != nil {
				return nil, nil, nil, err
			}
			if h, err := checkImage(p); err != nil {
				bad = append(bad, Skipped{p, imageprep.Reason(err, p)})
			} else {
				good[c] = append(good[c], p)
				hashes[p] = h
			}
			done++
			if progress != nil {
				progress(done, total)
			}
		}
	}
	return good, bad, hashes, nil
}

// checkImage reads the file at path, checks its header and returns the
// content hash of its bytes.
func checkImage(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("imageprep: %s: %w", path, unwrapPath(err))
	}
	if _, err := imageprep.CheckHeader(path, data); err != nil {
		return "", err
	}
	return imageprep.ContentHashOf(data), nil
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
