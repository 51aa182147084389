package pictures

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// scanProgress is the Pictures screen's bar while folders are read, with a
// Cancel button. Several scans may run at once (two drops in a row): the
// bar follows the latest, Cancel stops them all.
type scanProgress struct {
	content fyne.CanvasObject
	bar     *widget.ProgressBar
	cancel  *widget.Button

	next    int
	latest  int
	running map[int]context.CancelFunc
}

func newScanProgress() *scanProgress {
	s := &scanProgress{running: map[int]context.CancelFunc{}}
	s.bar = widget.NewProgressBar()
	s.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), s.cancelAll)
	s.content = container.NewBorder(nil, nil, widget.NewLabel(lang.L("Reading pictures")), s.cancel, s.bar)
	s.content.Hide()
	return s
}

// start shows the bar for a new scan that stop cancels; it returns the
// scan's id for progress and finish.
func (s *scanProgress) start(stop context.CancelFunc) int {
	s.next++
	s.latest = s.next
	s.running[s.next] = stop
	s.bar.SetValue(0)
	s.bar.TextFormatter = func() string { return "starting ..." }
	s.cancel.Enable()
	s.content.Show()
	return s.next
}

// progress shows done of total pictures checked by scan id.
func (s *scanProgress) progress(id, done, total int) {
	if id != s.latest || s.running[id] == nil {
		return
	}
	if total <= 0 {
		s.bar.TextFormatter = func() string { return fmt.Sprintf("%d pictures", done) }
		s.bar.Refresh()
		return
	}
	s.bar.TextFormatter = func() string { return fmt.Sprintf("%d of %d pictures", done, total) }
	s.bar.SetValue(float64(done) / float64(total))
}

// finish forgets scan id and hides the bar when none is left.
func (s *scanProgress) finish(id int) {
	delete(s.running, id)
	if len(s.running) == 0 {
		s.content.Hide()
	}
}

// cancelAll stops every running scan.
func (s *scanProgress) cancelAll() {
	for _, stop := range s.running {
		stop()
	}
	s.cancel.Disable()
}
