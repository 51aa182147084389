package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/project"
)

// advancedForm edits the training settings that most users leave alone.
// Each edit is validated and saved at once; a bad value is named below the
// form and the previous value stays in force.
type advancedForm struct {
	u       *App
	content fyne.CanvasObject
	loading bool

	epochs, lr, batch, val, seed *widget.Entry
	augment                      *widget.Check
	device                       *widget.Select
	problem                      *widget.Label
}

// deviceChoices maps what the user reads to the setting's value.
func deviceChoices() [][2]string {
	return [][2]string{{"Automatic (GPU when there is one)", "auto"}, {"CPU", "cpu"}, {"GPU", "gpu"}}
}

func newAdvancedForm(u *App) *advancedForm {
	f := &advancedForm{u: u}
	f.epochs, f.lr, f.batch, f.val, f.seed = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	for _, e := range []*widget.Entry{f.epochs, f.lr, f.batch, f.val, f.seed} {
		e.OnChanged = func(string) { f.apply() }
	}
	f.augment = widget.NewCheck("Vary the pictures while training (flips, crops): helps with few pictures", func(bool) { f.apply() })
	var labels []string
	for _, d := range deviceChoices() {
		labels = append(labels, d[0])
	}
	f.device = widget.NewSelect(labels, func(string) { f.apply() })
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Epochs", f.epochs),
		widget.NewFormItem("Learning rate", f.lr),
		widget.NewFormItem("Batch size", f.batch),
		widget.NewFormItem("Validation share (%)", f.val),
		widget.NewFormItem("Augmentation", f.augment),
		widget.NewFormItem("Random seed", f.seed),
		widget.NewFormItem("Device", f.device),
	)
	f.content = container.NewVBox(form, f.problem)
	return f
}

// load shows s in the form without writing it back.
func (f *advancedForm) load(s project.Settings) {
	f.loading = true
	defer func() { f.loading = false }()
	f.epochs.SetText(strconv.Itoa(s.Epochs))
	f.lr.SetText(strconv.FormatFloat(s.LearningRate, 'g', -1, 64))
	f.batch.SetText(strconv.Itoa(s.BatchSize))
	f.val.SetText(strconv.FormatFloat(100*s.ValShare, 'g', 4, 64))
	f.seed.SetText(strconv.FormatInt(s.Seed, 10))
	f.augment.SetChecked(s.Augment)
	for _, d := range deviceChoices() {
		if d[1] == s.Device {
			f.device.SetSelected(d[0])
		}
	}
	f.problem.SetText("")
}

// apply parses the form into the project settings.
func (f *advancedForm) apply() {
	if f.loading || f.u.project == nil {
		return
	}
	s, err := f.parse(f.u.project.Settings())
	if err == nil {
		err = f.u.project.SetSettings(s)
	}
	if err != nil {
		f.problem.SetText("Not saved: " + err.Error())
		return
	}
	f.problem.SetText("")
}

func (f *advancedForm) parse(s project.Settings) (project.Settings, error) {
	var err error
	if s.Epochs, err = strconv.Atoi(strings.TrimSpace(f.epochs.Text)); err != nil {
		return s, fmt.Errorf("epochs must be a whole number, not %q", f.epochs.Text)
	}
	if s.LearningRate, err = strconv.ParseFloat(strings.TrimSpace(f.lr.Text), 64); err != nil {
		return s, fmt.Errorf("learning rate must be a number such as 0.001, not %q", f.lr.Text)
	}
	if s.BatchSize, err = strconv.Atoi(strings.TrimSpace(f.batch.Text)); err != nil {
		return s, fmt.Errorf("batch size must be a whole number, not %q", f.batch.Text)
	}
	val, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(f.val.Text), "%"), 64)
	if err != nil {
		return s, fmt.Errorf("validation share must be a percentage such as 20, not %q", f.val.Text)
	}
	s.ValShare = val / 100
	if s.Seed, err = strconv.ParseInt(strings.TrimSpace(f.seed.Text), 10, 64); err != nil {
		return s, fmt.Errorf("random seed must be a whole number, not %q", f.seed.Text)
	}
	s.Augment = f.augment.Checked
	for _, d := range deviceChoices() {
		if d[0] == f.device.Selected {
			s.Device = d[1]
		}
	}
	return s, nil
}
