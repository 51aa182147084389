package ui

import "fmt"

// caseInfo explains one of the four fine-tuning cases in plain words.
type caseInfo struct {
	Number  int
	Title   string
	Explain string
}

// fourCases returns the cases in order (DESIGN.md, "the four cases").
func fourCases() []caseInfo {
	return []caseInfo{
		{1, "Few pictures, everyday subjects",
			"Keep everything the network learned from a million photos and train only a new last step that " +
				"chooses between your classes. Fast, and works with 20 to 100 pictures per class when your " +
				"pictures look like ordinary photos (animals, objects, plants, vehicles)."},
		{2, "Few pictures, unusual subjects",
			"For pictures unlike everyday photos (X-rays, microscope slides, drawings, satellite images). Keep " +
				"only the network's first layers, which see edges, colours and textures useful for any picture, " +
				"and train a new last step on top of them."},
		{3, "Many pictures, everyday subjects",
			"With hundreds of pictures per class, start from what the network learned and let all of it adjust " +
				"a little (a small learning rate). Slower, and usually the most accurate."},
		{4, "Many pictures, unusual subjects",
			"Train the whole network from scratch, starting from random numbers. Needs thousands of pictures " +
				"and much more time; with few pictures it does badly. Try it next to case 1 to see why " +
				"transfer learning helps."},
	}
}

// caseOption is the radio-button text for case c.
func caseOption(c caseInfo) string {
	return fmt.Sprintf("Case %d: %s", c.Number, c.Title)
}

// caseByOption finds the case whose radio text is opt (0 if none).
func caseByOption(opt string) int {
	for _, c := range fourCases() {
		if caseOption(c) == opt {
			return c.Number
		}
	}
	return 0
}

// caseNeedsWeights: every case but 4 starts from pretrained weights.
func caseNeedsWeights(c int) bool { return c != 4 }
