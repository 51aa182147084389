package camera

import (
	"strconv"
	"time"
)

// RateMeter counts events (frames shown, answers given) per second over
// windows of at least a second, so the number shown does not flicker.
type RateMeter struct {
	start time.Time
	n     int
}

// Tick counts one event at now; ok when a window closed and rate (events
// per second over it) is new.
func (m *RateMeter) Tick(now time.Time) (rate float64, ok bool) {
	if m.start.IsZero() {
		m.start = now
		return 0, false
	}
	m.n++
	d := now.Sub(m.start)
	if d < time.Second {
		return 0, false
	}
	rate = float64(m.n) / d.Seconds()
	m.start, m.n = now, 0
	return rate, true
}

// FormatRate writes a rate with one decimal below 10 ("2.5"), none above.
func FormatRate(r float64) string {
	if r < 10 {
		return strconv.FormatFloat(r, 'f', 1, 64)
	}
	return strconv.FormatFloat(r, 'f', 0, 64)
}
