package train

import (
	"encoding/json"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/engine/cases"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// A classifier file whose SHA-256 is right but whose description was edited
// is refused at load with one line naming the file, before the network code
// (which trusts the description) can panic or print NaN.
func TestLoadClassifierRefusesEditedDescriptions(t *testing.T) {
	good := squeezenetClassifier(t)
	edits := map[string]func(c *Classifier){
		"layer count":       func(c *Classifier) { c.UpTo = 99 },
		"fewer layers":      func(c *Classifier) { c.UpTo = 5 },
		"another network":   func(c *Classifier) { c.Network = "resnet18" },
		"unknown network":   func(c *Classifier) { c.Network = "lenet" },
		"std 0":             func(c *Classifier) { c.Transform.Std[1] = 0 },
		"crop 0":            func(c *Classifier) { c.Transform.Crop = 0 },
		"crop too small":    func(c *Classifier) { c.Transform.Crop, c.Transform.Resize = 8, 9 },
		"crop huge":         func(c *Classifier) { c.Transform.Crop, c.Transform.Resize = 30000, 30000 },
		"more classes":      func(c *Classifier) { c.Classes = append(c.Classes, "extra") },
		"one class":         func(c *Classifier) { c.Classes = c.Classes[:1] },
		"repeated class":    func(c *Classifier) { c.Classes[1] = c.Classes[0] },
		"case 7":            func(c *Classifier) { c.Case = 7 },
		"cut without a cut": func(c *Classifier) { c.Cut = "features.5" },
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "good.tlc")
	if err := good.Save(path); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadClassifier(path); err != nil {
		t.Fatalf("the unedited file: %v", err)
	}
	for name, edit := range edits {
		c := *good
		c.Classes = append([]string(nil), good.Classes...)
		edit(&c)
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".tlc")
		saveWithDescription(t, path, &c)
		_, err := LoadClassifier(path)
		if err == nil || !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line naming %s", name, err, path)
		}
	}
}

// squeezenetClassifier is case 1's classifier on SqueezeNet's real backbone
// with a random two-class head, as training would save it.
func squeezenetClassifier(t *testing.T) *Classifier {
	t.Helper()
	net, err := models.New("squeezenet1_1")
	if err != nil {
		t.Fatal(err)
	}
	m := transfer{net: net, upTo: net.FeatureLayers, head: models.Linear{In: net.FeatureDim, Out: 2}}
	backbone := pick(squeezenetWeights(t), m.backboneParams())
	head := models.RandomInit(m.head.Params(headPath), rand.New(rand.NewSource(1)))
	cfg := Config{Network: net.Name, Case: cases.FrozenBackbone, Transform: imageprep.ImageNetAt(64)}
	res := &Result{Classes: []string{"ants", "bees"}}
	return newClassifier(net, cfg, m.upTo, res, backbone, head)
}

// saveWithDescription writes c's tensors with c's description as it is, a
// valid checkpoint whatever the description says.
func saveWithDescription(t *testing.T, path string, c *Classifier) {
	t.Helper()
	meta, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := weights.Save(path, c.state, map[string]string{metaKey: string(meta)}); err != nil {
		t.Fatal(err)
	}
}
