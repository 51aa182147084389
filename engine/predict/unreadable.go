package predict

import (
	"errors"
	"fmt"
)

// Unreadable is returned beside complete results when some pictures could
// not be read: one bad file among many should not cost the others' answers.
// Errs holds one error per unreadable picture, each naming its file.
type Unreadable struct {
	Total int
	Errs  []error
}

func (u *Unreadable) Error() string {
	if len(u.Errs) == 1 && u.Total == 1 {
		return u.Errs[0].Error()
	}
	return fmt.Sprintf("%d of %d pictures could not be read; the first: %v", len(u.Errs), u.Total, u.Errs[0])
}

// AsUnreadable reports whether err is only unreadable pictures, the results
// beside it being otherwise complete.
func AsUnreadable(err error) (*Unreadable, bool) {
	var u *Unreadable
	ok := errors.As(err, &u)
	return u, ok
}
