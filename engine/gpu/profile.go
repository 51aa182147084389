package gpu

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"
)

// Profile says where a device's time goes: while it is set (StartProfile)
// every dispatch's time is added to its shader's entry (a GEMM's entry also
// names its sizes). Where the device has GPU timestamps, each dispatch is
// timed between timestamps written just before and after it, and the work
// stays batched as in training; elsewhere each dispatch runs alone — the
// work recorded before it is synced first, then it is submitted and waited
// for — and the fixed cost of one submission (the median of a one-value
// fill's round trips when profiling starts) is subtracted, so there small
// dispatches' times are rough. Profiles are for benchmarks, never training.
type Profile struct {
	entries map[string]*ProfileEntry
	// timed: GPU timestamps; otherwise overhead is the submission's cost.
	timed    bool
	overhead time.Duration
	dropped  int // dispatches the timestamp pool had no room for
	// label and flops describe the next dispatch (set by the ops).
	label string
	flops float64
}

// ProfileEntry is the time of one shader (or one GEMM shape).
type ProfileEntry struct {
	Name    string
	Count   int
	Seconds float64
	Flops   float64 // floating-point operations, where known (GEMMs)
}

// profileQueries bounds the timestamps between two Syncs: two per dispatch,
// and a training step of ResNet-50 records about 1,500 dispatches.
const profileQueries = 1 << 14

// StartProfile times every later dispatch until StopProfile.
func (d *Device) StartProfile() (*Profile, error) {
	p := &Profile{entries: map[string]*ProfileEntry{}}
	if err := d.vk.EnableTimestamps(profileQueries); err == nil {
		p.timed = true
	} else if p.overhead, err = d.submissionCost(); err != nil {
		return nil, err
	}
	d.prof = p
	return p, nil
}

// submissionCost is the median round trip of a one-value fill: submit,
// run, wait.
func (d *Device) submissionCost() (time.Duration, error) {
	one, err := d.alloc(1)
	if err != nil {
		return 0, err
	}
	defer one.Free()
	var trips []time.Duration
	for range 21 {
		if err := d.Sync(); err != nil {
			return 0, err
		}
		start := time.Now()
		if err := d.run("fill", 1, push(1, float32(0)), one); err != nil {
			return 0, err
		}
		if err := d.Sync(); err != nil {
			return 0, err
		}
		trips = append(trips, time.Since(start))
	}
	slices.Sort(trips)
	return trips[len(trips)/2], nil
}

// StopProfile runs what is recorded, collects the last timings and ends
// profiling; the profile keeps what it measured.
func (d *Device) StopProfile() error {
	p := d.prof
	d.prof = nil
	if p == nil || !p.timed {
		return nil
	}
	if err := d.Sync(); err != nil {
		return err
	}
	stamps, dropped := d.vk.Stamps()
	for _, s := range stamps {
		p.entry(s.Label).Seconds += s.Seconds
	}
	p.dropped += dropped
	return nil
}

// Overhead is the submission round trip subtracted from each dispatch (0
// with GPU timestamps).
func (p *Profile) Overhead() time.Duration { return p.overhead }

// describe names the next dispatch's details and its arithmetic.
func (p *Profile) describe(label string, flops float64) { p.label, p.flops = label, flops }

func (p *Profile) entry(key string) *ProfileEntry {
	e := p.entries[key]
	if e == nil {
		e = &ProfileEntry{Name: key}
		p.entries[key] = e
	}
	return e
}

// time records one dispatch between timestamps, or runs it alone and
// books its time.
func (p *Profile) time(d *Device, name string, dispatch func() error) error {
	key := name
	if p.label != "" {
		key += " " + p.label
	}
	e := p.entry(key)
	e.Count++
	e.Flops += p.flops
	p.label, p.flops = "", 0
	if p.timed {
		return p.stamped(d, key, dispatch)
	}
	if err := d.vk.Sync(); err != nil {
		return err
	}
	start := time.Now()
	if err := dispatch(); err != nil {
		return fmt.Errorf("gpu: %s: %w", name, err)
	}
	if err := d.vk.Sync(); err != nil {
		return err
	}
	e.Seconds += max(0, time.Since(start)-p.overhead).Seconds()
	return nil
}

// stamped records a dispatch between a mark and a stamp named key.
func (p *Profile) stamped(d *Device, key string, dispatch func() error) error {
	if err := d.vk.Mark(); err != nil {
		return err
	}
	if err := dispatch(); err != nil {
		return fmt.Errorf("gpu: %s: %w", key, err)
	}
	return d.vk.Stamp(key)
}

// Entries lists the entries, the most time first.
func (p *Profile) Entries() []ProfileEntry {
	var out []ProfileEntry
	for _, e := range p.entries {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b ProfileEntry) int { return cmp.Compare(b.Seconds, a.Seconds) })
	return out
}

// Write prints the top entries as a table: calls, total and mean time, the
// share of the total and GFLOP/s where the arithmetic is known.
func (p *Profile) Write(w io.Writer, top int) error {
	entries := p.Entries()
	var total float64
	for _, e := range entries {
		total += e.Seconds
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "dispatch\tcalls\tms\tshare\tGFLOP/s\t\n")
	for i, e := range entries {
		if i == top {
			break
		}
		rate := "-"
		if e.Flops > 0 && e.Seconds > 0 {
			rate = fmt.Sprintf("%.0f", e.Flops/e.Seconds/1e9)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.1f%%\t%s\t\n", e.Name, e.Count, 1e3*e.Seconds, 100*e.Seconds/total, rate)
	}
	how := fmt.Sprintf("%.0f µs submission subtracted per dispatch", float64(p.overhead.Microseconds()))
	if p.timed {
		how = fmt.Sprintf("GPU timestamps, %d dispatches not timed", p.dropped)
	}
	fmt.Fprintf(tw, "total (%d kinds, %s)\t\t%.3f\t\t\t\n", len(entries), how, 1e3*total)
	return tw.Flush()
}
