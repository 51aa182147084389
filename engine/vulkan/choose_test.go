package vulkan

import (
	"errors"
	"testing"
)

func fakeDevices(types ...string) []physical {
	phys := make([]physical, len(types))
	for i, typ := range types {
		phys[i] = physical{info: DeviceInfo{Index: i, Type: typ}, family: 0}
	}
	return phys
}

func TestChooseRanking(t *testing.T) {
	cases := []struct {
		types []string
		want  int
	}{
		{[]string{"cpu", "integrated", "discrete"}, 2},
		{[]string{"cpu", "virtual", "integrated"}, 2},
		{[]string{"other", "cpu", "virtual"}, 2},
		{[]string{"cpu", "other"}, 1},
		{[]string{"cpu", "cpu"}, 0},
		{[]string{"discrete", "discrete"}, 0},
	}
	for _, c := range cases {
		p, err := choose(fakeDevices(c.types...), -1)
		if err != nil || p.info.Index != c.want {
			t.Errorf("choose(%v) = %v, %v; want index %d", c.types, p, err, c.want)
		}
	}
}

func TestChooseSkipsNoCompute(t *testing.T) {
	phys := fakeDevices("discrete", "cpu")
	phys[0].family = -1 // a device without a compute queue is never chosen
	if p, err := choose(phys, -1); err != nil || p.info.Index != 1 {
		t.Errorf("choose = %v, %v; want the cpu device", p, err)
	}
	if _, err := choose(phys, 0); !errors.Is(err, ErrUnavailable) {
		t.Errorf("choose(0) on a device without compute: %v", err)
	}
	if p, err := choose(phys, 1); err != nil || p.info.Index != 1 {
		t.Errorf("choose(1) = %v, %v", p, err)
	}
	if _, err := choose(nil, -1); !errors.Is(err, ErrUnavailable) {
		t.Errorf("choose on no devices: %v", err)
	}
}
