package onnx

import (
	"slices"
	"testing"
)

// The averaging matrices are torch's adaptive windows: uneven and
// overlapping when the sizes do not divide, repeated when the map is
// smaller than the output.
func TestAveragingMatchesTorchWindows(t *testing.T) {
	third, half := float32(1)/3, float32(0.5)
	want := []float32{
		half, half, 0, 0, 0, // rows 0-1
		0, third, third, third, 0, // rows 1-3
		0, 0, 0, half, half, // rows 3-4
	}
	if got := averaging(5, 3); !slices.Equal(got, want) {
		t.Errorf("averaging(5, 3) = %v, want %v", got, want)
	}
	if got := averaging(1, 3); !slices.Equal(got, []float32{1, 1, 1}) {
		t.Errorf("averaging(1, 3) = %v, want every row the one input", got)
	}
	if got := transpose([]float32{1, 2, 3, 4, 5, 6}, 2, 3); !slices.Equal(got, []float32{1, 4, 2, 5, 3, 6}) {
		t.Errorf("transpose = %v", got)
	}
}
