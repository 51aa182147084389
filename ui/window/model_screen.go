package window

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/notices"
)

// modelScreen is where the user picks a network, gets its weights, and
// picks one of the four cases (or accepts the recommendation).
type modelScreen struct {
	u       *App
	content fyne.CanvasObject

	list    *widget.List
	weights *weightsPanel

	cases     *widget.RadioGroup
	caseHelp  *widget.Label
	recoLabel *widget.Label
	useReco   *widget.Button
	reco      *ui.Recommendation
	recoGen   int
	recoStop  context.CancelFunc // cancels the running recommendation
	syncing   bool               // true while the screen sets widgets from the project

	advanced *widget.Accordion
	form     *advancedForm
}

func newModelScreen(u *App) *modelScreen {
	m := &modelScreen{u: u}
	m.list = widget.NewList(
		func() int { return len(u.networks) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			size, speed := widget.NewLabel(""), widget.NewLabel("")
			size.Truncation, speed.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
			return container.NewVBox(title, size, speed)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(u.networks) {
				return
			}
			n := u.networks[i]
			box := o.(*fyne.Container)
			size, speed := networkDetails(n)
			box.Objects[0].(*widget.Label).SetText(n.Title)
			box.Objects[1].(*widget.Label).SetText(size)
			box.Objects[2].(*widget.Label).SetText(speed)
		})
	m.list.OnSelected = m.onNetworkSelected
	m.weights = newWeightsPanel(u)

	left := container.NewBorder(widget.NewLabelWithStyle("Network", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		m.weights.content, nil, nil, m.list)
	m.content = container.NewHSplit(left, container.NewVScroll(m.casePanel()))
	return m
}

// networkDetails summarises a network in two lines: size and accuracy,
// then speed here and whether its weights are on this computer.
func networkDetails(n ui.Network) (size, speed string) {
	size = fmt.Sprintf("%.1f M parameters, %.0f MB, ImageNet top-1 accuracy %.1f%%", float64(n.Params)/1e6, n.SizeMB, n.Top1)
	speed = "speed here unknown"
	if n.ImagesPerSecond > 0 {
		speed = fmt.Sprintf("trains about %.0f pictures/s here", n.ImagesPerSecond)
	}
	if n.WeightsAvailable {
		return size, speed + ", weights ready"
	}
	return size, speed + ", weights not on this computer"
}

func (m *modelScreen) casePanel() fyne.CanvasObject {
	var opts []string
	for _, c := range cases.All() {
		opts = append(opts, caseOption(c))
	}
	m.cases = widget.NewRadioGroup(opts, m.onCaseChosen)
	m.caseHelp = widget.NewLabel("")
	m.caseHelp.Wrapping = fyne.TextWrapWord
	m.recoLabel = widget.NewLabel("")
	m.recoLabel.Wrapping = fyne.TextWrapWord
	m.useReco = widget.NewButton("Use the recommendation", m.acceptRecommendation)
	m.form = newAdvancedForm(m.u)
	m.advanced = widget.NewAccordion(widget.NewAccordionItem("Advanced settings", m.form.content))
	return container.NewVBox(
		widget.NewLabelWithStyle("How to train", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		m.recoLabel, m.useReco, widget.NewSeparator(),
		m.cases, m.caseHelp, widget.NewSeparator(), m.advanced)
}

// refresh sets the widgets from the project settings.
func (m *modelScreen) refresh() {
	if m.u.project == nil {
		return
	}
	m.syncing = true
	defer func() { m.syncing = false }()
	s := m.u.project.Settings()
	for i, n := range m.u.networks {
		if n.Name == s.Network {
			m.list.Select(i)
		}
	}
	m.list.Refresh()
	m.showCase(m.effectiveCase())
	m.showRecommendation()
	m.weights.refresh(s.Network, m.effectiveCase())
	m.form.load(s)
	m.u.train.refreshSummary()
}

// effectiveCase is the user's choice, else the recommendation, else the
// frozen backbone (the case that suits most first projects).
func (m *modelScreen) effectiveCase() cases.Case {
	if c := m.u.project.Settings().Case; c.Valid() {
		return c
	}
	if m.reco != nil {
		return m.reco.Case
	}
	return cases.FrozenBackbone
}

func (m *modelScreen) showCase(c cases.Case) {
	if c.Valid() {
		m.cases.SetSelected(caseOption(c))
		m.caseHelp.SetText(c.Explain())
	}
}

func (m *modelScreen) onNetworkSelected(i widget.ListItemID) {
	if m.syncing || i >= len(m.u.networks) {
		return
	}
	s := m.u.project.Settings()
	s.Network = m.u.networks[i].Name
	m.u.project.SetSettings(s)
	m.weights.refresh(s.Network, m.effectiveCase())
	m.requestRecommendation()
}

func (m *modelScreen) onCaseChosen(opt string) {
	if m.syncing {
		return
	}
	c := caseByOption(opt)
	if !c.Valid() {
		return
	}
	s := m.u.project.Settings()
	s.Case = c
	m.u.project.SetSettings(s)
	m.syncing = true
	m.showCase(c)
	m.syncing = false
	m.showRecommendation()
	m.weights.refresh(s.Network, c)
}

// chooseCase selects case c as if the user had clicked it.
func (m *modelScreen) chooseCase(c cases.Case) {
	if c.Valid() {
		m.cases.SetSelected(caseOption(c))
	}
}

func (m *modelScreen) acceptRecommendation() {
	if m.reco != nil {
		m.chooseCase(m.reco.Case)
	}
}

// forgetRecommendation drops the current advice and any pending answer
// (a different project was opened).
func (m *modelScreen) forgetRecommendation() {
	m.recoGen++
	m.reco = nil
	if m.recoStop != nil {
		m.recoStop()
		m.recoStop = nil
	}
}

// requestRecommendation asks the engine which case suits the current
// pictures and network. An older request still running is cancelled, and
// answers to older requests are ignored.
func (m *modelScreen) requestRecommendation() {
	m.recoGen++
	gen := m.recoGen
	if m.recoStop != nil {
		m.recoStop()
		m.recoStop = nil
	}
	classes := m.u.labelled()
	if _, blocked := notices.Blocking(notices.Classes(m.u.project.Labelled())); blocked {
		m.reco = nil
		m.showRecommendation()
		return
	}
	network := m.u.project.Settings().Network
	m.recoLabel.SetText("Looking at your pictures to recommend a case ...")
	ctx, stop := context.WithCancel(m.u.ctx)
	m.recoStop = stop
	m.u.cfg.launch(func() {
		r, err := m.u.eng.Recommend(ctx, network, classes)
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
				m.reco = nil
				m.recoLabel.SetText("No recommendation: " + err.Error())
				return
			}
			m.reco = &r
			m.refresh()
		})
	})
}

func (m *modelScreen) showRecommendation() {
	if m.reco == nil {
		m.recoLabel.SetText("Add pictures in at least two classes and the app will recommend a case.")
		m.useReco.Disable()
		return
	}
	text := fmt.Sprintf("Recommended for your pictures: case %d, %s. %s", m.reco.Case, m.reco.Case.Title(), m.reco.Reason)
	// Say how familiar the pictures look, unless the reason already did.
	if familiar := fmt.Sprintf("%.0f%%", 100*m.reco.ImageNetLike); m.reco.ImageNetLike >= 0 && !strings.Contains(m.reco.Reason, familiar) {
		text += fmt.Sprintf(" (They look %s familiar to the pretrained network.)", familiar)
	}
	m.recoLabel.SetText(text)
	if m.effectiveCase() == m.reco.Case {
		m.useReco.SetText("The recommended case is chosen")
		m.useReco.Disable()
		return
	}
	m.useReco.SetText("Use the recommendation")
	m.useReco.Enable()
}
