package train

import (
	"fmt"

	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// check says whether the description and the tensors of a classifier read
// from a file agree with each other and with the network they name: the
// layers the case and cut imply, one head row per class, usable
// preprocessing, every tensor with the shape the network gives it.
func (c *Classifier) check() error {
	net, err := models.New(c.Network)
	if err != nil {
		return err
	}
	if err := c.Case.Check(); err != nil {
		return err
	}
	upTo, cut, err := backboneEnd(net, Config{Case: c.Case, Cut: c.Cut})
	if err != nil {
		return err
	}
	if cut != c.Cut {
		return fmt.Errorf("case %d with cut %q", c.Case, c.Cut)
	}
	if c.UpTo != upTo {
		return fmt.Errorf("it says it uses %d layers of %s, case %d uses %d", c.UpTo, net.Name, c.Case, upTo)
	}
	if err := checkClasses(c.Classes); err != nil {
		return err
	}
	if err := checkTransform(net, c.Transform); err != nil {
		return err
	}
	m := transfer{net: net, upTo: upTo, head: models.Linear{In: featureDim(net, c.Cut), Out: len(c.Classes)}}
	if err := weights.Check(expectations(m.params()), c.state); err != nil {
		return fmt.Errorf("its tensors do not fit its description: %w", err)
	}
	if c.Novelty != nil {
		return c.Novelty.check(m.head.In)
	}
	return nil
}

// featureDim is the width of the features the head reads: the cut's
// channels, or the network's features.
func featureDim(net *models.Network, cut string) int {
	if cut == "" {
		return net.FeatureDim
	}
	c, _ := net.Cut(cut) // checked by backboneEnd
	return c.Channels
}

// checkClasses wants at least two distinct, named classes.
func checkClasses(classes []string) error {
	if len(classes) < 2 {
		return fmt.Errorf("%d classes, a classifier needs at least 2", len(classes))
	}
	seen := map[string]bool{}
	for _, name := range classes {
		if name == "" || seen[name] {
			return fmt.Errorf("class names %q are empty or repeated", classes)
		}
		seen[name] = true
	}
	return nil
}

func expectations(params []models.Param) []weights.Expect {
	es := make([]weights.Expect, len(params))
	for i, p := range params {
		es[i] = weights.Expect{Name: p.Name, Shape: p.Shape}
	}
	return es
}
