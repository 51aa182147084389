package npy

import (
	"path/filepath"
	"reflect"
	"testing"
)

func TestWriteReadRoundTrip(t *testing.T) {
	for _, shape := range [][]int{{3}, {2, 3}, {1, 2, 2, 2}} {
		n := 1
		for _, d := range shape {
			n *= d
		}
		data := make([]float32, n)
		for i := range data {
			data[i] = float32(i)*0.5 - 1
		}
		path := filepath.Join(t.TempDir(), "a.npy")
		if err := Write(path, shape, data); err != nil {
			t.Fatal(err)
		}
		gotShape, got, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotShape, shape) || !reflect.DeepEqual(got, data) {
			t.Fatalf("round trip of %v: got %v %v", shape, gotShape, got)
		}
	}
}

func TestReadsNumPyGolden(t *testing.T) {
	// Written by NumPy: np.save(..., np.arange(6, dtype=np.float32).reshape(2, 3)).
	shape, data, err := Read(filepath.Join("testdata", "arange_2x3.npy"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(shape, []int{2, 3}) || !reflect.DeepEqual(data, []float32{0, 1, 2, 3, 4, 5}) {
		t.Fatalf("got %v %v", shape, data)
	}
}
