package language

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// translatable is an error whose English text a package that must not
// depend on Fyne (ui/project, which the command line shares) marked for
// translation: the text as lang.L's key and its template data.
type translatable interface {
	error
	TranslationKey() (string, map[string]any)
}

// ErrorText is err's message in the language shown: the first translatable
// error in its chain is translated in place, the words wrapped around it
// stay as they are.
func ErrorText(err error) string {
	msg := err.Error()
	var t translatable
	if errors.As(err, &t) {
		key, data := t.TranslationKey()
		return strings.Replace(msg, t.Error(), lang.L(key, data), 1)
	}
	return msg
}
