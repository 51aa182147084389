package vulkan

import (
	"testing"
)

// TestTimestamps times dispatches between marks and stamps across two
// Syncs: a big dispatch takes longer than a small one, every duration is
// positive and sane, and what does not fit the pool is counted as dropped.
func TestTimestamps(t *testing.T) {
	d := openTest(t)
	if err := d.Mark(); err == nil {
		t.Fatal("Mark before EnableTimestamps: no error")
	}
	must(t, d.EnableTimestamps(4))
	p := axpyPipeline(t, d)
	const big, small = 1 << 21, 64
	a, b, y := alloc(t, d, 4*big), alloc(t, d, 4*big), alloc(t, d, 4*big)
	for round := range 2 {
		must(t, d.Mark())
		must(t, d.Dispatch(p, groups(small), axpyPush(2, small), a, b, y))
		must(t, d.Stamp("small"))
		must(t, d.Mark())
		for range 4 {
			must(t, d.Dispatch(p, groups(big), axpyPush(2, big), a, b, y))
		}
		must(t, d.Stamp("big"))
		must(t, d.Mark())
		must(t, d.Stamp("dropped")) // the pool holds four queries
		must(t, d.Sync())
		stamps, dropped := d.Stamps()
		t.Logf("round %d: %+v, %d dropped", round, stamps, dropped)
		if len(stamps) != 2 || stamps[0].Label != "small" || stamps[1].Label != "big" || dropped != 2 {
			t.Fatalf("round %d: stamps %+v, %d dropped; want small and big, 2 dropped", round, stamps, dropped)
		}
		for _, s := range stamps {
			if s.Seconds <= 0 || s.Seconds > 10 {
				t.Errorf("%s took %g s", s.Label, s.Seconds)
			}
		}
		if stamps[1].Seconds <= stamps[0].Seconds {
			t.Errorf("four dispatches over 2M values (%g s) ran no longer than one over 64 (%g s)", stamps[1].Seconds, stamps[0].Seconds)
		}
	}
	if _, dropped := d.Stamps(); dropped != 0 {
		t.Error("Stamps did not forget what it returned")
	}
}
