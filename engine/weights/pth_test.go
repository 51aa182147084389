package weights

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestLoadPthRealZipAndLegacyAreIdentical(t *testing.T) {
	zipSD, err := LoadPth(realZip(t))
	if err != nil {
		t.Fatal(err)
	}
	legacySD, err := LoadPth(realLegacy(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(zipSD) != 52 || len(legacySD) != 52 {
		t.Fatalf("got %d and %d tensors, want 52", len(zipSD), len(legacySD))
	}
	for name, want := range map[string][]int{
		"features.0.weight":   {64, 3, 3, 3},
		"classifier.1.weight": {1000, 512, 1, 1},
		"classifier.1.bias":   {1000},
	} {
		if got := zipSD[name]; got == nil || !slices.Equal(got.Shape, want) {
			t.Errorf("%s: got %v, want shape %v", name, got, want)
		}
	}
	for _, name := range zipSD.Keys() {
		a, b := zipSD[name], legacySD[name]
		if b == nil || !slices.Equal(a.Shape, b.Shape) || !slices.Equal(a.Data, b.Data) {
			t.Errorf("%s differs between the zip and legacy files", name)
		}
	}
	if err := Check(readExpects(t, "squeezenet1_1"), zipSD); err != nil {
		t.Errorf("names and shapes differ from torchvision's squeezenet1_1: %v", err)
	}
}

// TestLoadPthRealMatchesPyTorch compares every tensor with the sums, first
// and last values that PyTorch itself computed from the same file.
func TestLoadPthRealMatchesPyTorch(t *testing.T) {
	sd, err := LoadPth(realZip(t))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("testdata", "squeezenet1_1-sums.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	rows := 0
	for sc.Scan() {
		rows++
		fields := strings.Split(sc.Text(), "\t")
		tt := sd[fields[0]]
		if tt == nil {
			t.Errorf("%s missing", fields[0])
			continue
		}
		var sum, abs float64
		for _, v := range tt.Data {
			sum += float64(v)
			abs += math.Abs(float64(v))
		}
		want := make([]float64, 4)
		for i := range want {
			want[i], _ = strconv.ParseFloat(fields[i+1], 64)
		}
		if math.Abs(sum-want[0]) > 1e-6*want[1] || math.Abs(abs-want[1]) > 1e-6*want[1] {
			t.Errorf("%s: sum %g, |sum| %g; PyTorch %g, %g", fields[0], sum, abs, want[0], want[1])
		}
		if tt.Data[0] != float32(want[2]) || tt.Data[len(tt.Data)-1] != float32(want[3]) {
			t.Errorf("%s: first/last %g, %g; PyTorch %g, %g", fields[0], tt.Data[0], tt.Data[len(tt.Data)-1], want[2], want[3])
		}
	}
	if rows != 52 {
		t.Errorf("sums file has %d rows, want 52", rows)
	}
}

// viewsWant recomputes what gen_fixtures.py's views() stored.
func viewsWant() map[string]*Tensor {
	seq := func(n int, scale float32) []float32 {
		out := make([]float32, n)
		for i := range out {
			out[i] = float32(i) * scale
		}
		return out
	}
	return map[string]*Tensor{
		"a.contig":              {[]int{2, 3, 4}, seq(24, 0.5)},
		"b.transposed":          {[]int{4, 3}, []float32{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}},
		"c.base":                {[]int{20}, seq(20, 1)},
		"c.offset":              {[]int{2, 3}, []float32{5, 6, 7, 8, 9, 10}},
		"d.half":                {[]int{4}, []float32{1.5, -2.25, 65504, 1.0 / (1 << 20)}},
		"e.double":              {[]int{1, 2}, []float32{float32(1.0 / 3.0), 2.5}},
		"f.num_batches_tracked": {[]int{}, []float32{7}},
		"g.int32":               {[]int{2}, []float32{-3, 4}},
		"h.uint8":               {[]int{2}, []float32{0, 255}},
		"i.bf16":                {[]int{2}, []float32{1, -0.5}},
		"j.bool":                {[]int{2}, []float32{1, 0}},
		"k.expanded":            {[]int{2, 3}, []float32{1, 2, 3, 1, 2, 3}},
		"l.empty":               {[]int{0, 3}, []float32{}},
		"m.int8":                {[]int{2}, []float32{-128, 127}},
		"n.int16":               {[]int{2}, []float32{-300, 300}},
	}
}

func TestLoadPthViewsAndDtypes(t *testing.T) {
	for _, file := range []string{"views.pth", "views-legacy.pth"} {
		sd, err := LoadPth(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		want := viewsWant()
		if len(sd) != len(want) {
			t.Errorf("%s: %d tensors, want %d", file, len(sd), len(want))
		}
		for name, w := range want {
			got := sd[name]
			if got == nil || !slices.Equal(got.Shape, w.Shape) || !slices.Equal(got.Data, w.Data) {
				t.Errorf("%s: %s = %v, want %v", file, name, got, w)
			}
		}
		// c.base and c.offset share one storage: they must not alias.
		sd["c.base"].Data[5] = -1
		if sd["c.offset"].Data[0] != 5 {
			t.Errorf("%s: tensors that share a storage alias each other", file)
		}
	}
}

// TestLoadPthOldRebuildTensor reads the pre-0.4 pickling of tensors
// (torch._utils._rebuild_tensor), which files saved by PyTorch ≤ 0.3 use.
func TestLoadPthOldRebuildTensor(t *testing.T) {
	sd, err := LoadPth(filepath.Join("testdata", "oldstyle-legacy.pth"))
	if err != nil {
		t.Fatal(err)
	}
	w, b := sd["w"], sd["b"]
	if w == nil || !slices.Equal(w.Shape, []int{3, 2}) || !slices.Equal(w.Data, []float32{0, 3, 1, 4, 2, 5}) {
		t.Errorf("w = %v, want (3,2) [0 3 1 4 2 5]", w)
	}
	if b == nil || !slices.Equal(b.Data, []float32{0.25, -4}) {
		t.Errorf("b = %v", b)
	}
}

func TestLoadPthCheckpointDicts(t *testing.T) {
	for _, tc := range []struct {
		file string
		want StateDict
	}{
		// {"state_dict": {"module.fc.*": …}} from nn.DataParallel
		{"checkpoint.pth", StateDict{
			"fc.weight": {[]int{2, 3}, []float32{0, 0.25, 0.5, 0.75, 1, 1.25}},
			"fc.bias":   {[]int{2}, []float32{1, -1}},
		}},
		// {"model": state_dict(keep_vars=True)}: nn.Parameters, legacy format
		{"model-key-legacy.pth", StateDict{
			"weight": {[]int{2, 3}, []float32{0, 1, 2, 3, 4, 5}},
			"bias":   {[]int{2}, []float32{0.5, 1.5}},
		}},
	} {
		sd, err := LoadPth(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(sd.Keys(), tc.want.Keys()) {
			t.Errorf("%s: keys %v, want %v", tc.file, sd.Keys(), tc.want.Keys())
			continue
		}
		for name, w := range tc.want {
			if !slices.Equal(sd[name].Shape, w.Shape) || !slices.Equal(sd[name].Data, w.Data) {
				t.Errorf("%s: %s = %v, want %v", tc.file, name, sd[name], w)
			}
		}
	}
}

// TestHalfToFloat32 checks all 65536 float16 patterns against the
// definition (-1)^s × 2^(e-15) × (1 + m/1024), subnormals 2^-14 × m/1024.
func TestHalfToFloat32(t *testing.T) {
	for h := 0; h < 1<<16; h++ {
		s, e, m := h>>15, (h>>10)&0x1f, h&0x3ff
		var want float64
		switch e {
		case 0:
			want = math.Ldexp(float64(m)/1024, -14)
		case 0x1f:
			want = math.Inf(1)
			if m != 0 {
				want = math.NaN()
			}
		default:
			want = math.Ldexp(1+float64(m)/1024, e-15)
		}
		if s == 1 {
			want = -want
		}
		got := float64(halfToFloat32(uint16(h)))
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("half %#04x: got %g, want %g", h, got, want)
		}
	}
}
