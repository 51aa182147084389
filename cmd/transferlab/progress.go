package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// console is stderr. On a terminal a bar redraws in place (carriage
// returns); anywhere else (a log file, a pipe, CI) every redraw would stay
// in the log, so bars become a plain line every few seconds instead.
type console struct {
	w     io.Writer
	tty   bool
	open  bool          // a bar is drawn on the current line (terminal only)
	every time.Duration // plain lines: the least time between two
}

func newConsole(w io.Writer) *console {
	return &console{w: w, tty: isTerminal(w), every: 5 * time.Second}
}

// isTerminal reports whether w is a character device (a terminal), not a
// file or a pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// endLine finishes a bar's line, so that what follows (an error, a
// warning) starts a line of its own.
func (c *console) endLine() {
	if c.open {
		fmt.Fprintln(c.w)
		c.open = false
	}
}

// linef writes a line of its own.
func (c *console) linef(format string, args ...any) {
	c.endLine()
	fmt.Fprintf(c.w, format+"\n", args...)
}

// progressBar shows how far a step is: a bar redrawn at most every 100 ms
// on a terminal, a plain line every few seconds elsewhere.
type progressBar struct {
	con         *console
	label, unit string
	done, total int64
	last        time.Time
	start       time.Time
}

func newProgressBar(con *console, label string) *progressBar {
	return &progressBar{con: con, label: label, start: time.Now()}
}

// update shows done of total; total <= 0 means unknown.
func (p *progressBar) update(done, total int64, unit string) {
	p.done, p.total, p.unit = done, total, unit
	if !p.con.tty {
		p.plain(done == total)
		return
	}
	if time.Since(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = time.Now()
	p.con.open = true
	if total <= 0 {
		fmt.Fprintf(p.con.w, "\r%s %d %s", p.label, done, unit)
		return
	}
	const width = 30
	filled := int(width * done / total)
	fmt.Fprintf(p.con.w, "\r%s [%s%s] %3d%% %d/%d %s", p.label,
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), 100*done/total, done, total, unit)
}

// plain writes the first update and then one line every con.every; the
// last is left to finish, which says how long it took.
func (p *progressBar) plain(last bool) {
	if last || (!p.last.IsZero() && time.Since(p.last) < p.con.every) {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.con.w, "%s: %s\n", p.label, p.count())
}

// count is "12/60 images (20%)", or "12 MB" when the total is unknown.
func (p *progressBar) count() string {
	if p.total <= 0 {
		return fmt.Sprintf("%d %s", p.done, p.unit)
	}
	return fmt.Sprintf("%d/%d %s (%d%%)", p.done, p.total, p.unit, 100*p.done/p.total)
}

// finish ends the step, saying how long it took.
func (p *progressBar) finish() {
	secs := time.Since(p.start).Seconds()
	if !p.con.tty {
		fmt.Fprintf(p.con.w, "%s: %s, done (%.1fs)\n", p.label, p.count(), secs)
		return
	}
	fmt.Fprintf(p.con.w, " (%.1fs)\n", secs)
	p.con.open = false
}

// clear erases the bar's line, for a line of text to take its place; a
// plain line needs no erasing.
func (p *progressBar) clear() {
	if p.con.tty && p.con.open {
		fmt.Fprintf(p.con.w, "\r%s\r", strings.Repeat(" ", 100))
		p.con.open = false
	}
}
