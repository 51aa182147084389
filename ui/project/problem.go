package project

import (
	"strings"
	"text/template"
)

// problem is a message this package gives in English that the window shows
// in the user's language. The package does not translate it itself: the
// command line reads project files too, and must not pull in the UI's
// language machinery (Fyne's lang package, which logs at start-up on
// machines whose locale it cannot parse). Its text is key, a template over
// data, as lang.L takes them; ui/language.ErrorText translates it.
type problem struct {
	key  string
	data map[string]any
}

// newProblem is the error whose English text is key filled in with data
// (at most one map).
func newProblem(key string, data ...map[string]any) error {
	p := &problem{key: key}
	if len(data) > 0 {
		p.data = data[0]
	}
	return p
}

func (p *problem) Error() string {
	t, err := template.New("").Parse(p.key)
	if err != nil {
		return p.key
	}
	var b strings.Builder
	if t.Execute(&b, p.data) != nil {
		return p.key
	}
	return b.String()
}

// TranslationKey is the English text to look up and its template data.
func (p *problem) TranslationKey() (string, map[string]any) { return p.key, p.data }
