package main

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"transferlab/engine/explain"
)

// explained is one picture's entry in `explain --json`: the Grad-CAM map at
// the layer's resolution, rows first, in 0..1.
type explained struct {
	File    string      `json:"file"`
	Class   int         `json:"class"`
	Label   string      `json:"label"`
	Prob    float64     `json:"prob"`
	Layer   string      `json:"layer"`
	Cam     [][]float32 `json:"cam"`
	Overlay string      `json:"overlay"`
	// Error says why the picture could not be explained (the rest is
	// then empty).
	Error string `json:"error,omitempty"`
}

// explain is `transferlab explain (--classifier FILE | --model NAME
// [--weights FILE]) [--class K] [--out DIR] [--json] IMAGE...`.
func (c *cli) explain(args []string) error {
	fs := newFlags("explain")
	model := fs.String("model", "", "network name, explained with its ImageNet classes (see: transferlab models)")
	weightsFile := fs.String("weights", "", "weights file (.pth or TransferLab checkpoint); default: the cached official weights")
	classifier := fs.String("classifier", "", "a classifier file written by transferlab train (instead of --model)")
	class := fs.Int("class", -1, "index of the class to explain; default: each picture's top class")
	out := fs.String("out", "transferlab-explain", "folder for the overlay pictures")
	asJSON := fs.Bool("json", false, "print JSON")
	images, err := c.parse(fs, args)
	if err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	switch {
	case (*model == "") == (*classifier == ""):
		return fmt.Errorf("explain: give either --model NAME (see `transferlab models`) or --classifier FILE")
	case len(images) == 0:
		return fmt.Errorf("explain: no image files given")
	case *class < -1:
		return fmt.Errorf("explain: --class must be a class index (0 or more)")
	}
	e, err := c.explainer(*classifier, *model, *weightsFile)
	if err != nil {
		return fmt.Errorf("explain: %w", explainMissing(err))
	}
	if *class >= len(e.Labels()) {
		return fmt.Errorf("explain: --class %d does not exist: the model knows %d classes (0 to %d)", *class, len(e.Labels()), len(e.Labels())-1)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	results, bad := c.explainAll(e, images, *class, *out)
	if *asJSON {
		err = writeJSON(c.stdout, results)
	} else {
		err = printExplained(c, results)
	}
	if err == nil && bad > 0 {
		err = fmt.Errorf("explain: %d of %d pictures could not be explained", bad, len(images))
	}
	return err
}

func (c *cli) explainer(classifier, model, weightsFile string) (*explain.Explainer, error) {
	s, err := c.session()
	if err != nil {
		return nil, err
	}
	if classifier != "" {
		return s.ExplainClassifier(classifier)
	}
	return s.ExplainImageNet(model, weightsFile)
}

// explainAll explains each picture and writes its overlay into out; a
// picture that fails gets its reason and the others go on. It returns the
// entries and how many failed.
func (c *cli) explainAll(e *explain.Explainer, images []string, class int, out string) ([]explained, int) {
	bar := newProgressBar(c.con, "explaining")
	names := overlayNames(images)
	results := make([]explained, len(images))
	bad := 0
	for i, file := range images {
		results[i] = explained{File: file, Class: -1, Cam: [][]float32{}}
		m, err := e.File(c.ctx, file, class)
		if err == nil {
			results[i], err = entryOf(file, m, filepath.Join(out, names[i]))
		}
		if err != nil {
			c.con.linef("could not explain %s: %v", file, err)
			results[i].Error = err.Error()
			bad++
		}
		bar.update(int64(i+1), int64(len(images)), "images")
	}
	bar.finish()
	return results, bad
}

// entryOf writes the overlay and makes the picture's entry.
func entryOf(file string, m explain.Map, overlay string) (explained, error) {
	f, err := os.Create(overlay)
	if err != nil {
		return explained{}, err
	}
	if err := png.Encode(f, explain.Overlay(m)); err != nil {
		f.Close()
		return explained{}, err
	}
	if err := f.Close(); err != nil {
		return explained{}, err
	}
	cam := make([][]float32, m.H)
	for y := range cam {
		cam[y] = m.Values[y*m.W : (y+1)*m.W]
	}
	return explained{File: file, Class: m.Class, Label: m.Label, Prob: m.Prob, Layer: m.Layer, Cam: cam, Overlay: overlay}, nil
}

// overlayNames are the overlay files' names: NAME-gradcam.png, numbered
// when two pictures share a name.
func overlayNames(images []string) []string {
	seen := map[string]int{}
	names := make([]string, len(images))
	for i, file := range images {
		base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		seen[base]++
		if n := seen[base]; n > 1 {
			base = fmt.Sprintf("%s-%d", base, n)
		}
		names[i] = base + "-gradcam.png"
	}
	return names
}

// printExplained is the human form: one line per picture.
func printExplained(c *cli, results []explained) error {
	for _, r := range results {
		if r.Error != "" {
			continue // said on stderr
		}
		if _, err := fmt.Fprintf(c.stdout, "%s\t%s (%d, %.1f%%)\tmap %dx%d at %s\t%s\n",
			filepath.Base(r.File), r.Label, r.Class, 100*r.Prob, len(r.Cam), len(r.Cam[0]), r.Layer, r.Overlay); err != nil {
			return err
		}
	}
	return nil
}
