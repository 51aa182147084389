package weights

import (
	"errors"
	"fmt"
	"testing"
)

func TestCheckRealFileAgainstOtherNetwork(t *testing.T) {
	sd, err := LoadPth(realZip(t))
	if err != nil {
		t.Fatal(err)
	}
	err = Check(readExpects(t, "resnet18"), sd)
	want := "weights: file holds a different network (122 of 122 keys missing, e.g. conv1.weight)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
	var ce *CheckError
	if !errors.As(err, &ce) || len(ce.Unexpected) != 52 || len(ce.Missing) != 122 {
		t.Errorf("details: %+v", ce)
	}
}

func TestCheckMessages(t *testing.T) {
	tensor := func(shape ...int) *Tensor { return &Tensor{Shape: shape, Data: make([]float32, numel(shape))} }
	expected := []Expect{
		{"conv1.weight", []int{64, 3, 7, 7}},
		{"layer1.0.conv1.weight", []int{64, 64, 3, 3}},
		{"bn1.running_mean", []int{64}},
		{"fc.weight", []int{1000, 512}},
		{"fc.bias", []int{1000}},
	}
	full := func() StateDict {
		return StateDict{
			"conv1.weight":          tensor(64, 3, 7, 7),
			"layer1.0.conv1.weight": tensor(64, 64, 3, 3),
			"bn1.running_mean":      tensor(64),
			"fc.weight":             tensor(1000, 512),
			"fc.bias":               tensor(1000),
		}
	}
	if err := Check(expected, full()); err != nil {
		t.Fatalf("matching dict: %v", err)
	}
	for _, tc := range []struct {
		name   string
		change func(StateDict)
		want   string
	}{
		{"shape", func(sd StateDict) { sd["layer1.0.conv1.weight"] = tensor(64, 3, 7, 7) },
			"weights: layer1.0.conv1.weight: shape (64,64,3,3), file has (64,3,7,7)"},
		{"missing", func(sd StateDict) { delete(sd, "bn1.running_mean") },
			"weights: bn1.running_mean: missing from the file (shape (64))"},
		{"unexpected", func(sd StateDict) { sd["fc2.weight"] = tensor(10, 512) },
			"weights: fc2.weight: not part of the network (file has (10,512))"},
		{"several", func(sd StateDict) {
			sd["fc.weight"] = tensor(2, 512)
			sd["fc.bias"] = tensor(2)
			sd["extra.a"] = tensor(1)
			sd["extra.b"] = tensor(1)
		}, "weights: fc.weight: shape (1000,512), file has (2,512); fc.bias: shape (1000), file has (2); extra.a: not part of the network (file has (1)); and 1 more"},
		{"other shapes", func(sd StateDict) {
			sd["conv1.weight"] = tensor(96, 3, 11, 11)
			sd["layer1.0.conv1.weight"] = tensor(1)
			sd["bn1.running_mean"] = tensor(1)
			sd["fc.bias"] = tensor(1)
		}, "weights: file holds a different network (4 of 5 keys have other shapes, e.g. conv1.weight: shape (64,3,7,7), file has (96,3,11,11))"},
	} {
		sd := full()
		tc.change(sd)
		if err := Check(expected, sd); err == nil || err.Error() != tc.want {
			t.Errorf("%s:\n got %v\nwant %s", tc.name, err, tc.want)
		}
	}
}

func ExampleCheck() {
	sd := StateDict{"fc.weight": {Shape: []int{2, 512}, Data: make([]float32, 1024)}}
	err := Check([]Expect{{Name: "fc.weight", Shape: []int{1000, 512}}}, sd)
	fmt.Println(err)
	// Output: weights: fc.weight: shape (1000,512), file has (2,512)
}
