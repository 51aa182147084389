package model

import (
	"fmt"
	"strings"
)

// adviceKey names what the advice depends on that labelling can change:
// the network and each class's size. Labelling a picture (1–9, relabelling
// on Results) changes the project at every key press; asking the engine
// again only when a count changed keeps that cheap, and still catches
// every relabelling that moves the smallest class.
func (m *Screen) adviceKey() string {
	var b strings.Builder
	b.WriteString(m.s.Project().Settings().Network)
	for _, c := range m.s.Labelled() {
		fmt.Fprintf(&b, "|%s=%d", c.Name, len(c.Images))
	}
	return b.String()
}

// recheckCounts asks for advice again when pictures were added, labelled,
// relabelled or excluded since it was last asked, so it never quotes old
// counts.
func (m *Screen) recheckCounts() {
	if m.adviceKey() != m.recoKey {
		m.requestRecommendation()
	}
}

// recheckFamiliarity asks for advice again when weights arrived (download
// or import) and the current advice could not say how familiar the
// pictures look: the engine needs the pretrained network for that.
func (m *Screen) recheckFamiliarity() {
	n, ok := m.s.Network(m.s.Project().Settings().Network)
	if reco := m.s.Advice(); ok && n.WeightsAvailable && reco != nil && reco.ImageNetLike < 0 {
		m.requestRecommendation()
	}
}
