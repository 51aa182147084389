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
