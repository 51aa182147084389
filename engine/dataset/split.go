package dataset

import (
	"math"
	"math/rand"
)

// split holds out round(frac*n) images of each class (at least one, and at
// least one left for training), chosen by a seeded shuffle, so the same seed
// gives the same split.
func split(classes []string, byClass map[string][]string, frac float64, seed int64) (train, val []Item) {
	rng := rand.New(rand.NewSource(seed))
	for ci, c := range classes {
		files := append([]string(nil), byClass[c]...)
		rng.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
		nVal := int(math.Round(frac * float64(len(files))))
		nVal = max(1, min(nVal, len(files)-1))
		for i, p := range files {
			if i < nVal {
				val = append(val, Item{p, ci})
			} else {
				train = append(train, Item{p, ci})
			}
		}
	}
	return train, val
}
