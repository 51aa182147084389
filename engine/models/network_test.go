package models

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// torchvisionLayout is what make_goldens.py records of each network.
type torchvisionLayout struct {
	Network    string  `json:"network"`
	Parameters int     `json:"parameters"`
	StateDict  [][]any `json:"state_dict"`
}

func readLayout(t *testing.T, name string) torchvisionLayout {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatalf("golden layout missing (run tools/goldens/models/make_goldens.py): %v", err)
	}
	var l torchvisionLayout
	if err := json.Unmarshal(raw, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

// Every network lists torchvision's state_dict keys, in torchvision's order,
// with the same shapes, and the same number of parameters.
func TestStateDictMatchesTorchvision(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			net, err := New(name)
			if err != nil {
				t.Fatal(err)
			}
			want := readLayout(t, name)
			params := net.Params()
			if len(params) != len(want.StateDict) {
				t.Fatalf("%d state_dict entries, torchvision has %d", len(params), len(want.StateDict))
			}
			for i, p := range params {
				wantName := want.StateDict[i][0].(string)
				var wantShape []int
				for _, d := range want.StateDict[i][1].([]any) {
					wantShape = append(wantShape, int(d.(float64)))
				}
				if p.Name != wantName || !reflect.DeepEqual(append([]int{}, p.Shape...), append([]int{}, wantShape...)) {
					t.Fatalf("entry %d: %s %v, torchvision has %s %v", i, p.Name, p.Shape, wantName, wantShape)
				}
			}
			if got := net.ParamCount(); got != want.Parameters {
				t.Fatalf("%d parameters, torchvision has %d", got, want.Parameters)
			}
		})
	}
}

func TestCutsAndFeatures(t *testing.T) {
	for _, name := range Names() {
		net, _ := New(name)
		if _, err := net.Cut(net.DefaultCut); err != nil {
			t.Errorf("%s: default cut: %v", name, err)
		}
		if _, err := net.Cut("nope"); err == nil {
			t.Errorf("%s: unknown cut accepted", name)
		}
		if _, ok := Describe(name); !ok {
			t.Errorf("%s: no Info", name)
		}
	}
	if _, err := New("lenet"); err == nil {
		t.Error("unknown network accepted")
	}
}

// MinInput is what callers check picture sizes against: every network runs
// a picture that small through all its layers, and AlexNet (the strictest)
// fails one pixel below.
func TestMinInputRuns(t *testing.T) {
	for _, name := range Names() {
		net, _ := New(name)
		if testing.Short() && net.ParamCount() > 50_000_000 {
			continue // VGG and AlexNet's formula weights take long to build; the full pass runs them
		}
		if err := forwardAt(net, net.MinInput); err != nil {
			t.Errorf("%s at its MinInput %d: %v", name, net.MinInput, err)
		}
		if name == "alexnet" && forwardAt(net, net.MinInput-1) == nil {
			t.Errorf("alexnet runs at %d, so its MinInput %d is too strict", net.MinInput-1, net.MinInput)
		}
	}
}

func forwardAt(net *Network, size int) error {
	st, err := NewState(net.Params(), formulaStateDict(net.Params()), 1)
	if err != nil {
		return err
	}
	r, err := NewRunner(net, st, []int{1, 3, size, size}, len(net.Layers))
	if err != nil {
		return err
	}
	defer r.Close()
	_, err = r.Run(formulaInput(3 * size * size))
	return err
}
