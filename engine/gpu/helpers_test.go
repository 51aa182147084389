package gpu

import (
	"fmt"
	"math"
	"math/rand"
	"os"
	"testing"
)

// dev is the one device the package's tests share (opening one costs
// seconds on lavapipe); openErr says why there is none.
var (
	dev     *Device
	openErr error
)

const noVulkanEnv = "TRANSFERLAB_NO_VULKAN"

func TestMain(m *testing.M) {
	if os.Getenv(noVulkanEnv) != "1" {
		dev, openErr = Open(-1)
	}
	code := m.Run()
	if dev != nil {
		dev.Close()
	}
	os.Exit(code)
}

// device returns the shared device. Without one the test fails with the
// reason; only TRANSFERLAB_NO_VULKAN=1 turns that into a skip.
func device(t *testing.T) *Device {
	t.Helper()
	if os.Getenv(noVulkanEnv) == "1" {
		t.Skip(noVulkanEnv + "=1: Vulkan tests disabled")
	}
	if openErr != nil {
		t.Fatalf("no Vulkan device (set %s=1 to skip these tests): %v", noVulkanEnv, openErr)
	}
	return dev
}

// randn returns n values uniform in [-1, 1).
func randn(r *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = 2*r.Float32() - 1
	}
	return v
}

// upload makes a device tensor of data or fails the test.
func upload(t *testing.T, d *Device, data []float32, shape ...int) *Tensor {
	t.Helper()
	x, err := d.FromHost(data, shape...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(x.Free)
	return x
}

// download syncs and reads x or fails the test.
func download(t *testing.T, d *Device, x *Tensor) []float32 {
	t.Helper()
	v, err := d.ToHost(x)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// must fails the test on err and schedules the tensors' release.
func must(t *testing.T, err error, ts ...*Tensor) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		t.Cleanup(x.Free)
	}
}

// tolerance is the agreement the GPU ops must reach with engine/kernels:
// max |gpu − cpu| ≤ 1e-4 · max(1, max |cpu|).
const tolerance = 1e-4

// maxErr returns max |got − want| and the bound it must stay within.
func maxErr(got, want []float32) (worst, bound float64) {
	scale := 1.0
	for i := range want {
		worst = math.Max(worst, math.Abs(float64(got[i])-float64(want[i])))
		scale = math.Max(scale, math.Abs(float64(want[i])))
	}
	return worst, tolerance * scale
}

// expectClose compares a device tensor with the reference values.
func expectClose(t *testing.T, d *Device, name string, got *Tensor, want []float32) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: no tensor", name)
	}
	v := download(t, d, got)
	expectCloseHost(t, name, v, want)
}

// expectCloseHost compares host values with the reference values.
func expectCloseHost(t *testing.T, name string, got, want []float32) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	worst, bound := maxErr(got, want)
	if worst > bound || math.IsNaN(worst) {
		i := worstIndex(got, want)
		t.Errorf("%s: max error %.3g > %.3g (at %d: got %g, want %g)", name, worst, bound, i, got[i], want[i])
		return
	}
	t.Logf("%s: max error %.3g", name, worst)
}

func worstIndex(got, want []float32) int {
	at, worst := 0, -1.0
	for i := range want {
		e := math.Abs(float64(got[i]) - float64(want[i]))
		if e > worst || math.IsNaN(e) {
			at, worst = i, e
			if math.IsNaN(e) {
				break
			}
		}
	}
	return at
}

// expectShape checks a result's shape.
func expectShape(t *testing.T, name string, x *Tensor, want ...int) {
	t.Helper()
	if fmt.Sprint(x.Shape()) != fmt.Sprint(want) {
		t.Errorf("%s: shape %v, want %v", name, x.Shape(), want)
	}
}
