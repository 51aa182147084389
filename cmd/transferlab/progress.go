package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progressBar draws a one-line bar on stderr, redrawn at most every 100 ms.
type progressBar struct {
	w     io.Writer
	label string
	last  time.Time
	start time.Time
}

func newProgressBar(w io.Writer, label string) *progressBar {
	return &progressBar{w: w, label: label, start: time.Now()}
}

// update shows done of total; total <= 0 means unknown.
func (p *progressBar) update(done, total int64, unit string) {
	if time.Since(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = time.Now()
	if total <= 0 {
		fmt.Fprintf(p.w, "\r%s %d %s", p.label, done, unit)
		return
	}
	const width = 30
	filled := int(width * done / total)
	fmt.Fprintf(p.w, "\r%s [%s%s] %3d%% %d/%d %s", p.label,
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), 100*done/total, done, total, unit)
}

// done ends the line.
func (p *progressBar) done() {
	fmt.Fprintf(p.w, " (%.1fs)\n", time.Since(p.start).Seconds())
}

// clear erases the bar's line, for a line of text to take its place.
func (p *progressBar) clear() {
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 100))
}
