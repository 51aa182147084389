package dataset

import (
	"fmt"
	"math"
	"math/rand"
)

// testSeedSalt makes the test share's shuffle differ from the validation
// split's, which uses the seed itself.
const testSeedSalt = 0x7e57

// HoldOutTest returns a copy of d with round(frac × n) of each class's n
// training pictures (at least one) moved to Test, chosen by a seeded
// shuffle. The test pictures come from the training part only, so the
// validation pictures (and the epoch they choose) are those of the same
// seed without a test share, and the test pictures play no part in
// training or in choosing the epoch. Each class keeps at least two
// pictures to train on.
func (d *Dataset) HoldOutTest(frac float64, seed int64) (*Dataset, error) {
	if !(frac > 0 && frac < 1) {
		return nil, fmt.Errorf("the test share must be between 0 and 1, not %g", frac)
	}
	byClass := make([][]Item, len(d.Classes))
	for _, it := range d.Train {
		byClass[it.Class] = append(byClass[it.Class], it)
	}
	rng := rand.New(rand.NewSource(seed ^ testSeedSalt))
	out := *d
	out.Train, out.Test = nil, nil
	for c, items := range byClass {
		nTest := max(1, int(math.Round(frac*float64(len(items)))))
		if len(items)-nTest < 2 {
			return nil, fmt.Errorf("class %q has %d pictures to train on; a test share of %.0f%% would leave it fewer than 2: lower the test share or add pictures",
				d.Classes[c], len(items), 100*frac)
		}
		items = append([]Item(nil), items...)
		rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		out.Test = append(out.Test, items[:nTest]...)
		out.Train = append(out.Train, items[nTest:]...)
	}
	return &out, nil
}
