package model

import (
	"fmt"
	"strings"
	"testing"

	"transferlab/engine/cases"
)

// The "auto" hint states each case's recipe, so changing a recipe changes
// what the app tells its users.
func TestAutoHintStatesTheRecipes(t *testing.T) {
	hint := autoHint()
	for _, c := range cases.All() {
		r := c.Recipe()
		for _, want := range []string{fmt.Sprintf("up to %d epochs", r.Epochs), fmt.Sprintf("when %d epochs in a row", r.Patience), fmt.Sprint(r.LR)} {
			if !strings.Contains(hint, want) {
				t.Errorf("case %d: the hint does not say %q: %s", c, want, hint)
			}
		}
		if r.Batch > 0 && !strings.Contains(hint, fmt.Sprintf("batches of %d pictures", r.Batch)) {
			t.Errorf("case %d: the hint does not give the batch %d: %s", c, r.Batch, hint)
		}
	}
	if !strings.Contains(hint, "In cases 1 and 2 the new last step trains on all pictures at once") {
		t.Errorf("hint: %s", hint)
	}
}
