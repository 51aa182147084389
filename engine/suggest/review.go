package suggest

import "sort"

// DoubtConfidence is how sure a labelled picture's neighbours must be of
// another class for the picture to be listed as likely mislabelled: below
// it, disagreeing neighbours are as often the border between two classes as
// a wrong label.
const DoubtConfidence = 0.7

// NearDuplicateSimilarity is the cosine similarity of centred features
// from which two pictures count as near-duplicates. Measured with
// SqueezeNet: a cat photo scaled to 80% and saved again at JPEG quality 60
// keeps 0.935 with its original, while the most alike different photos
// are far below (0.55 among catsdogs-60's cats and dogs, 0.58 between any
// ant and any bee of hymenoptera's train/).
const NearDuplicateSimilarity = 0.9

// doubts lists the labelled pictures whose leave-one-out vote (loo, one
// row of class probabilities per labelled picture) is for another class
// with at least DoubtConfidence, the surest first.
func (s *seenFeatures) doubts(loo [][]float64) []Doubt {
	var out []Doubt
	for i, p := range loo {
		c := argmax(p)
		if c != s.labels[i] && p[c] >= DoubtConfidence {
			out = append(out, Doubt{File: s.labelledFiles[i], Labelled: s.classes[s.labels[i]], Suggested: s.classes[c], Confidence: p[c]})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Confidence > out[b].Confidence })
	return out
}

// nearDuplicates lists pairs of labelled pictures in different classes
// whose features are at least NearDuplicateSimilarity alike, the most
// alike first. It compares each pair once: n²/2 dot products of D values
// (for 6,000 pictures of 512 values about 10 billion multiply-adds, a few
// seconds; far less than computing their features).
func (s *seenFeatures) nearDuplicates(sp *space) []NearDuplicate {
	var out []NearDuplicate
	for i, a := range sp.labelled {
		for j := i + 1; j < len(sp.labelled); j++ {
			if s.labels[i] == s.labels[j] {
				continue
			}
			if sim := dot(a, sp.labelled[j]); sim >= NearDuplicateSimilarity {
				out = append(out, NearDuplicate{
					Files:      [2]string{s.labelledFiles[i], s.labelledFiles[j]},
					Classes:    [2]string{s.classes[s.labels[i]], s.classes[s.labels[j]]},
					Similarity: float64(min(sim, 1)),
				})
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Similarity > out[b].Similarity })
	return out
}
