package predict

import (
	"context"
	"math/rand"
)

// familiaritySample is how many pictures Familiarity looks at: enough for a
// stable mean, few enough to take seconds.
const familiaritySample = 24

// Familiarity is how ImageNet-like a collection looks: the network's mean
// top-1 probability over a seeded random sample of files, 0..1.
func (p *Predictor) Familiarity(ctx context.Context, files []string, seed int64) (float64, error) {
	sample := append([]string(nil), files...)
	rand.New(rand.NewSource(seed)).Shuffle(len(sample), func(i, j int) { sample[i], sample[j] = sample[j], sample[i] })
	sample = sample[:min(familiaritySample, len(sample))]
	results, err := p.Predict(ctx, sample, 1, nil)
	if err != nil {
		return 0, err
	}
	var sum float64
	for _, r := range results {
		sum += r.Top[0].Prob
	}
	return sum / float64(max(len(results), 1)), nil
}
