package model

import (
	"fyne.io/fyne/v2/lang"

	"transferlab/engine/cases"
)

// caseOption is the radio-button text for case c; its title and
// explanation come from the engine's cases package, which owns them.
func caseOption(c cases.Case) string {
	return lang.L("Case {{.N}}: {{.Title}}", map[string]any{"N": int(c), "Title": lang.L(c.Title())})
}

// caseByOption finds the case whose radio text is opt (cases.None if none).
func caseByOption(opt string) cases.Case {
	for _, c := range cases.All() {
		if caseOption(c) == opt {
			return c
		}
	}
	return cases.None
}
