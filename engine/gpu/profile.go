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
// every dispatch runs alone — the work recorded before it is synced first,
// then it is submitted and waited for — and its wall time is added to its
// shader's entry (a GEMM's entry also names its sizes). Running each
// dispatch alone slows the whole down, so profiles are for benchmarks, never
// for training; the fixed cost of one submission (the median of a one-value
// fill's round trips when profiling starts) is subtracted from each
// dispatch, so small dispatches' times are rough.
type Profile struct {
	entries  map[string]*ProfileEntry
	overhead time.Duration
	// label and flops describe the next dispatch (set by gemm).
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

// StartProfile times every later dispatch until StopProfile.
func (d *Device) StartProfile() (*Profile, error) {
	one, err := d.alloc(1)
	if err != nil {
		return nil, err
	}
	defer one.Free()
	p := &Profile{entries: map[string]*ProfileEntry{}}
	var trips []time.Duration
	for range 21 { // the median of a few empty round trips: submit, run, wait
		if err := d.Sync(); err != nil {
			return nil, err
		}
		start := time.Now()
		if err := d.run("fill", 1, push(1, float32(0)), one); err != nil {
			return nil, err
		}
		if err := d.Sync(); err != nil {
			return nil, err
		}
		trips = append(trips, time.Since(start))
	}
	slices.Sort(trips)
	p.overhead = trips[len(trips)/2]
	d.prof = p
	return p, nil
}

// StopProfile ends profiling; the profile keeps what it measured.
func (d *Device) StopProfile() { d.prof = nil }

// Overhead is the submission round trip subtracted from each dispatch.
func (p *Profile) Overhead() time.Duration { return p.overhead }

// describe names the next dispatch's details and its arithmetic.
func (p *Profile) describe(label string, flops float64) { p.label, p.flops = label, flops }

// time runs one dispatch alone and books its time.
func (p *Profile) time(d *Device, name string, dispatch func() error) error {
	key, flops := name, p.flops
	if p.label != "" {
		key += " " + p.label
	}
	p.label, p.flops = "", 0
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
	took := max(0, time.Since(start)-p.overhead)
	e := p.entries[key]
	if e == nil {
		e = &ProfileEntry{Name: key}
		p.entries[key] = e
	}
	e.Count++
	e.Seconds += took.Seconds()
	e.Flops += flops
	return nil
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
	fmt.Fprintf(tw, "total (%d kinds, %.0f µs submission subtracted per dispatch)\t\t%.3f\t\t\t\n",
		len(entries), float64(p.overhead.Microseconds()), 1e3*total)
	return tw.Flush()
}
