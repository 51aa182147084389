package weights

import (
	"slices"
	"testing"
)

func TestKeysSorted(t *testing.T) {
	sd := StateDict{"b": {}, "a.weight": {}, "a.bias": {}}
	if got, want := sd.Keys(), []string{"a.bias", "a.weight", "b"}; !slices.Equal(got, want) {
		t.Errorf("Keys() = %v, want %v", got, want)
	}
}

func TestNumelAndFormatShape(t *testing.T) {
	for _, tc := range []struct {
		shape []int
		n     int
		text  string
	}{
		{[]int{64, 3, 7, 7}, 9408, "(64,3,7,7)"},
		{[]int{512}, 512, "(512)"},
		{[]int{}, 1, "()"},
		{[]int{0, 3}, 0, "(0,3)"},
	} {
		tt := &Tensor{Shape: tc.shape}
		if tt.Numel() != tc.n || formatShape(tc.shape) != tc.text {
			t.Errorf("shape %v: Numel %d, text %q; want %d, %q", tc.shape, tt.Numel(), formatShape(tc.shape), tc.n, tc.text)
		}
	}
}
