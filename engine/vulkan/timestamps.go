package vulkan

import (
	"errors"
	"fmt"
	"runtime"
)

// Stamp is how long one piece of recorded work ran on the GPU: from a Mark
// to the Stamp after it, in seconds.
type Stamp struct {
	Label   string
	Seconds float64
}

// timestamps times recorded work with GPU timestamp queries, for profiles:
// unlike timing each dispatch from the host (submit, wait), it leaves the
// work batched as it runs in training, so dispatches of a few microseconds
// are measured as they are. Queries are written in recording order into one
// pool between two Syncs, and read back at each Sync.
type timestamps struct {
	pool    uint64
	size    int
	labels  []string // of the queries written since the last Sync; "" is a Mark
	done    []Stamp
	period  float64 // seconds per tick
	dropped int     // marks and stamps not written: the pool was full
}

// EnableTimestamps lets Mark and Stamp time work, up to size queries
// between two Syncs; it fails on a device that cannot time compute work.
func (d *Device) EnableTimestamps(size int) error {
	if err := d.usable(); err != nil {
		return err
	}
	if d.ts != nil {
		return nil
	}
	if d.limits.timestampComputeAndGraphics == 0 || d.limits.timestampPeriod <= 0 {
		return fmt.Errorf("vulkan: %s cannot time compute work (no timestamps)", d.info.Name)
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	info := &vkQueryPoolCreateInfo{sType: stQueryPoolCreateInfo, queryType: queryTimestamp, queryCount: uint32(size)}
	ts := &timestamps{size: size, period: float64(d.limits.timestampPeriod) * 1e-9}
	if err := check("vkCreateQueryPool", callResult(d.fn.createQueryPool, d.handle, addr(&pin, info), 0, addr(&pin, &ts.pool))); err != nil {
		return err
	}
	d.ts = ts
	return nil
}

// Mark records the start of a piece of work to time: the moment all work
// recorded before it has finished.
func (d *Device) Mark() error { return d.writeTimestamp("") }

// Stamp records the end of the work recorded since the last Mark, under
// label; Stamps returns its duration after the next Sync.
func (d *Device) Stamp(label string) error {
	if label == "" {
		return errors.New("vulkan: a stamp needs a label")
	}
	return d.writeTimestamp(label)
}

// Stamps returns the durations read back so far and forgets them, with the
// number of marks and stamps dropped because the pool was full.
func (d *Device) Stamps() (stamps []Stamp, dropped int) {
	if d.ts == nil {
		return nil, 0
	}
	stamps, dropped = d.ts.done, d.ts.dropped
	d.ts.done, d.ts.dropped = nil, 0
	return stamps, dropped
}

// writeTimestamp records a timestamp after all earlier commands finish,
// resetting the pool first when it is the first since the last Sync.
func (d *Device) writeTimestamp(label string) error {
	if err := d.usable(); err != nil {
		return err
	}
	ts := d.ts
	if ts == nil {
		return errors.New("vulkan: timestamps are not enabled")
	}
	if err := d.begin(); err != nil {
		return err
	}
	if len(ts.labels) == ts.size {
		ts.dropped++
		return nil
	}
	if len(ts.labels) == 0 {
		call(d.fn.cmdResetQueryPool, d.rec.current, uintptr(ts.pool), 0, uintptr(ts.size))
	}
	call(d.fn.cmdWriteTimestamp, d.rec.current, pipeBottom, uintptr(ts.pool), uintptr(len(ts.labels)))
	ts.labels = append(ts.labels, label)
	return nil
}

// collectTimestamps reads back the queries written before a finished Sync
// and pairs each Stamp with the Mark before it.
func (d *Device) collectTimestamps() error {
	ts := d.ts
	if ts == nil || len(ts.labels) == 0 {
		return nil
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	ticks := make([]uint64, len(ts.labels))
	r := callResult(d.fn.getQueryPoolResults, d.handle, uintptr(ts.pool), 0, uintptr(len(ticks)),
		uintptr(8*len(ticks)), sliceAddr(&pin, ticks), 8, queryResult64|queryResultWait)
	labels := ts.labels
	ts.labels = ts.labels[:0]
	if err := check("vkGetQueryPoolResults", r); err != nil {
		return err
	}
	for i := 1; i < len(labels); i++ {
		if labels[i] != "" && labels[i-1] == "" {
			ts.done = append(ts.done, Stamp{labels[i], float64(ticks[i]-ticks[i-1]) * ts.period})
		}
	}
	return nil
}

func (ts *timestamps) destroy(d *Device) {
	call(d.fn.destroyQueryPool, d.handle, uintptr(ts.pool), 0)
}
