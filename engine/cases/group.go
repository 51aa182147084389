package cases

import (
	"fmt"
	"strings"
)

// Group is the cases of which something says the same Text.
type Group struct {
	Cases []Case
	Text  string
}

// GroupBy collects the cases by what text says of each, in case order; a
// case of which text says "" is left out. Help texts built from it list each
// default once, so they stay short and follow the recipes when those change.
func GroupBy(text func(Case) string) []Group {
	var groups []Group
	at := map[string]int{}
	for _, c := range All() {
		t := text(c)
		if t == "" {
			continue
		}
		i, ok := at[t]
		if !ok {
			i, at[t] = len(groups), len(groups)
			groups = append(groups, Group{Text: t})
		}
		groups[i].Cases = append(groups[i].Cases, c)
	}
	return groups
}

// Label names the group's cases: "case 3", "cases 1 and 2", "cases 1, 2 and 3".
func (g Group) Label() string {
	nums := make([]string, len(g.Cases))
	for i, c := range g.Cases {
		nums[i] = fmt.Sprint(int(c))
	}
	if len(nums) == 1 {
		return "case " + nums[0]
	}
	return "cases " + strings.Join(nums[:len(nums)-1], ", ") + " and " + nums[len(nums)-1]
}

// Per says text of every case, naming together the cases it says the same
// of: "300 in cases 1 and 2, 15 in cases 3 and 4".
func Per(text func(Case) string) string {
	var parts []string
	for _, g := range GroupBy(text) {
		parts = append(parts, g.Text+" in "+g.Label())
	}
	return strings.Join(parts, ", ")
}
