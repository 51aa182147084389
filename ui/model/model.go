// Package model is the Model screen: the user picks a network, gets its
// pretrained weights (download or import), and picks one of the four cases
// or accepts the engine's recommendation, which it publishes through the
// store; the advanced settings fold away below.
package model

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/glossary"
	"transferlab/ui/host"
	"transferlab/ui/notices"
	"transferlab/ui/project"
	"transferlab/ui/store"
)

// Screen is the Model screen.
type Screen struct {
	h       *host.Host
	s       *store.Store
	content fyne.CanvasObject
	editing bool // the screen is changing the settings itself

	list    *widget.List
	weights *weightsPanel

	cases     *widget.RadioGroup
	caseHelp  *widget.Label
	recoLabel *widget.Label
	useReco   *widget.Button
	recoGen   int
	recoStop  context.CancelFunc // cancels the running recommendation
	recoKey   string             // the network and class sizes the advice was asked for
	syncing   bool               // true while the screen sets widgets from the project

	advanced *widget.Accordion
	form     *advancedForm

	augment *augmentPreview // issue 15: what the network will see (cases 3, 4)
}

// New builds the screen; it follows the store's project, pictures and
// networks.
func New(h *host.Host, s *store.Store) *Screen {
	m := &Screen{h: h, s: s}
	m.list = widget.NewList(
		func() int { return len(s.Networks()) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			size, speed := widget.NewLabel(""), widget.NewLabel("")
			size.Truncation, speed.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
			return container.NewVBox(title, size, speed)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			nets := s.Networks()
			if i >= len(nets) {
				return
			}
			n := nets[i]
			box := o.(*fyne.Container)
			size, speed := networkDetails(n)
			box.Objects[0].(*widget.Label).SetText(n.Title)
			box.Objects[1].(*widget.Label).SetText(size)
			box.Objects[2].(*widget.Label).SetText(speed)
		})
	m.list.OnSelected = m.onNetworkSelected
	m.weights = newWeightsPanel(h, s)

	heading := container.NewHBox(widget.NewLabelWithStyle(lang.L("Network"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		glossary.Link(glossary.Parameters, h.Win), glossary.Link(glossary.ImageNet, h.Win))
	left := container.NewBorder(heading, m.weights.content, nil, nil, m.list)
	m.content = container.NewHSplit(left, container.NewVScroll(m.casePanel()))
	m.listen()
	return m
}

// Content is what the window shows in the screen's tab.
func (m *Screen) Content() fyne.CanvasObject { return m.content }

// ImportWeights checks a weights file for the chosen network and keeps a
// copy in the cache, as "Import from a file..." does once a file is chosen.
func (m *Screen) ImportWeights(path string) { m.weights.importFile(path) }

// listen follows the shared state: a new project starts the advice over,
// new pictures ask for it again, settings changed elsewhere (the demo) are
// shown, and arrived weights update the list.
func (m *Screen) listen() {
	m.s.On(store.Opened, func() {
		m.forgetRecommendation()
		m.requestRecommendation()
		m.Refresh()
	})
	m.s.On(store.Scanned, m.requestRecommendation)
	m.s.On(store.Pictures, m.recheckCounts)
	m.s.On(store.Settings, func() {
		if !m.editing {
			m.Refresh()
		}
	})
	m.s.On(store.Networks, func() {
		m.list.Refresh()
		m.recheckFamiliarity()
	})
}

// setSettings saves settings chosen on this screen, which shows them already.
func (m *Screen) setSettings(s project.Settings) error {
	m.editing = true
	defer func() { m.editing = false }()
	return m.s.SetSettings(s)
}

// networkDetails summarises a network in two lines: size and accuracy,
// then speed here and whether its weights are on this computer.
func networkDetails(n ui.Network) (size, speed string) {
	size = lang.L("{{.Millions}} million parameters, {{.MB}} MB, ImageNet top-1 accuracy {{.Top1}}%", map[string]any{
		"Millions": fmt.Sprintf("%.1f", float64(n.Params)/1e6), "MB": fmt.Sprintf("%.0f", n.SizeMB), "Top1": fmt.Sprintf("%.1f", n.Top1)})
	speed = lang.L("speed on this computer not measured yet")
	if n.ImagesPerSecond > 0 {
		speed = lang.L("trains about {{.N}} pictures/s here", map[string]any{"N": fmt.Sprintf("%.0f", n.ImagesPerSecond)})
	}
	if n.WeightsAvailable {
		return size, speed + lang.L(", weights ready")
	}
	return size, speed + lang.L(", weights not on this computer")
}

func (m *Screen) casePanel() fyne.CanvasObject {
	var opts []string
	for _, c := range cases.All() {
		opts = append(opts, caseOption(c))
	}
	m.cases = widget.NewRadioGroup(opts, m.onCaseChosen)
	m.caseHelp = widget.NewLabel("")
	m.caseHelp.Wrapping = fyne.TextWrapWord
	m.recoLabel = widget.NewLabel("")
	m.recoLabel.Wrapping = fyne.TextWrapWord
	m.useReco = widget.NewButton(lang.L("Use the recommendation"), m.acceptRecommendation)
	m.form = newAdvancedForm(m.h, m.s, m.setSettings)
	m.advanced = widget.NewAccordion(widget.NewAccordionItem(lang.L("Advanced settings"), m.form.content))
	m.augment = newAugmentPreview(m.h, m.s, m.setSettings)
	return container.NewVBox(
		container.NewHBox(widget.NewLabelWithStyle(lang.L("How to train"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			glossary.Link(glossary.Case, m.h.Win), glossary.Link(glossary.FrozenBackbone, m.h.Win)),
		m.recoLabel, m.useReco, widget.NewSeparator(),
		m.cases, m.caseHelp, m.augment.content, widget.NewSeparator(), m.advanced)
}

// Refresh sets the widgets from the project settings; the window calls it
// when the screen is shown.
func (m *Screen) Refresh() {
	m.syncing = true
	defer func() { m.syncing = false }()
	s := m.s.Project().Settings()
	for i, n := range m.s.Networks() {
		if n.Name == s.Network {
			m.list.Select(i)
		}
	}
	m.list.Refresh()
	m.showCase(m.s.Case())
	m.showRecommendation()
	m.weights.refresh(s.Network, m.s.Case())
	m.form.load(s)
}

func (m *Screen) showCase(c cases.Case) {
	if c.Valid() {
		m.cases.SetSelected(caseOption(c))
		m.caseHelp.SetText(lang.L(c.Explain()))
	}
}

func (m *Screen) onNetworkSelected(i widget.ListItemID) {
	nets := m.s.Networks()
	if m.syncing || i >= len(nets) {
		return
	}
	s := m.s.Project().Settings()
	s.Network = nets[i].Name
	m.setSettings(s)
	m.weights.refresh(s.Network, m.s.Case())
	m.requestRecommendation()
}

func (m *Screen) onCaseChosen(opt string) {
	if m.syncing {
		return
	}
	c := caseByOption(opt)
	if !c.Valid() {
		return
	}
	s := m.s.Project().Settings()
	s.Case = c
	m.setSettings(s)
	m.syncing = true
	m.showCase(c)
	m.syncing = false
	m.showRecommendation()
	m.weights.refresh(s.Network, c)
}

// chooseCase selects case c as if the user had clicked it.
func (m *Screen) chooseCase(c cases.Case) {
	if c.Valid() {
		m.cases.SetSelected(caseOption(c))
	}
}

func (m *Screen) acceptRecommendation() {
	if r := m.s.Advice(); r != nil {
		m.chooseCase(r.Case)
	}
}

// forgetRecommendation drops any pending answer (a different project was
// opened; the store has dropped the advice itself).
func (m *Screen) forgetRecommendation() {
	m.recoGen++
	if m.recoStop != nil {
		m.recoStop()
		m.recoStop = nil
	}
}

// requestRecommendation asks the engine which case suits the current
// pictures and network. An older request still running is cancelled, and
// answers to older requests are ignored.
func (m *Screen) requestRecommendation() {
	m.recoGen++
	gen := m.recoGen
	if m.recoStop != nil {
		m.recoStop()
		m.recoStop = nil
	}
	classes := m.s.Labelled()
	m.recoKey = m.adviceKey()
	if _, blocked := notices.Blocking(notices.Classes(m.s.Project().Labelled())); blocked {
		m.s.SetAdvice(nil)
		m.showRecommendation()
		return
	}
	network := m.s.Project().Settings().Network
	m.recoLabel.SetText(lang.L("Looking at your pictures to recommend a case ..."))
	ctx, stop := context.WithCancel(m.h.Ctx)
	m.recoStop = stop
	m.h.Launch(func() {
		r, err := m.h.Engine.Recommend(ctx, network, classes)
		fyne.Do(func() {
			if gen != m.recoGen {
				return
			}
			stop()
			m.recoStop = nil
			if err == nil && !r.Case.Valid() {
				err = fmt.Errorf("the engine recommended case %d, which does not exist", r.Case)
			}
			if err != nil {
				m.s.SetAdvice(nil)
				m.recoLabel.SetText(lang.L("No recommendation:") + " " + host.Plain(err))
				return
			}
			m.s.SetAdvice(&r) // the Train screen's summary follows
			m.Refresh()
		})
	})
}

func (m *Screen) showRecommendation() {
	reco := m.s.Advice()
	if reco == nil {
		m.recoLabel.SetText(lang.L("Add pictures in at least two classes and the app will recommend a case."))
		m.useReco.Disable()
		return
	}
	text := lang.L("Recommended for your pictures: case {{.N}}, {{.Title}}.", map[string]any{"N": int(reco.Case), "Title": lang.L(reco.Case.Title())}) + " " + reco.Reason
	// Say how familiar the pictures look, unless the reason already did.
	if familiar := fmt.Sprintf("%.0f%%", 100*reco.ImageNetLike); reco.ImageNetLike >= 0 && !strings.Contains(reco.Reason, familiar) {
		text += " " + lang.L("(They look {{.Percent}} familiar to the pretrained network.)", map[string]any{"Percent": familiar})
	}
	m.recoLabel.SetText(text)
	if m.s.Case() == reco.Case {
		m.useReco.SetText(lang.L("The recommended case is chosen"))
		m.useReco.Disable()
		return
	}
	m.useReco.SetText(lang.L("Use the recommendation"))
	m.useReco.Enable()
}
