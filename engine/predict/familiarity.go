package predict

import "context"

// Familiarity is how ImageNet-like a set of pictures looks: the network's
// mean top-1 probability over files, 0..1. The caller picks the sample;
// progress (may be nil) counts the files done.
func (p *Predictor) Familiarity(ctx context.Context, files []string, progress func(done, total int)) (float64, error) {
	results, err := p.Predict(ctx, files, 1, progress)
	if err != nil {
		return 0, err
	}
	var sum float64
	for _, r := range results {
		sum += r.Top[0].Prob
	}
	return sum / float64(max(len(results), 1)), nil
}
