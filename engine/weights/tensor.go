package weights

import (
	"sort"
	"strconv"
	"strings"
)

// Tensor is a dense float32 array in row-major (C) order: the element at
// index (i0, i1, …) lives at Data[i0*Shape[1]*Shape[2]… + i1*Shape[2]… + …].
// A scalar has an empty Shape and one element.
type Tensor struct {
	Shape []int
	Data  []float32
}

// Numel is the number of elements the shape describes.
func (t *Tensor) Numel() int { return numel(t.Shape) }

// StateDict maps torchvision parameter and buffer names to tensors.
type StateDict map[string]*Tensor

// Keys returns the names in sorted order, so iteration is deterministic.
func (sd StateDict) Keys() []string {
	keys := make([]string, 0, len(sd))
	for k := range sd {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func numel(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// formatShape writes a shape the way error messages show it: (64,3,7,7).
func formatShape(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	return "(" + strings.Join(parts, ",") + ")"
}
