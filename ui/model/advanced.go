package model

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/glossary"
	"transferlab/ui/host"
	"transferlab/ui/project"
	"transferlab/ui/store"
)

// advancedForm edits the training settings that most users leave alone.
// Each edit is validated and saved at once; a bad value is named below the
// form and the previous value stays in force. Epochs, learning rate, batch
// size and picture size show "auto" when the engine chooses them (the
// setting is 0); an empty field or "auto" means the same.
type advancedForm struct {
	s       *store.Store
	save    func(project.Settings) error // the Model screen's setter
	content fyne.CanvasObject
	loading bool

	epochs, lr, batch, size, val, test, seed *widget.Entry
	augment                                  *widget.Check
	device                                   *widget.Select
	deviceInfo                               *widget.Label // the GPUs found and what automatic uses
	problem                                  *widget.Label
}

// deviceChoices maps what the user reads to the setting's value.
func deviceChoices() [][2]string {
	return [][2]string{{lang.L("Automatic (GPU when there is one)"), "auto"}, {"CPU", "cpu"}, {"GPU", "gpu"}}
}

func newAdvancedForm(h *host.Host, s *store.Store, save func(project.Settings) error) *advancedForm {
	f := &advancedForm{s: s, save: save}
	f.epochs, f.lr, f.batch, f.size = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.val, f.test, f.seed = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.test.SetPlaceHolder("none")
	for _, e := range []*widget.Entry{f.epochs, f.lr, f.batch, f.size, f.val, f.test, f.seed} {
		e.OnChanged = func(string) { f.apply() }
	}
	for _, e := range []*widget.Entry{f.epochs, f.lr, f.batch, f.size} {
		e.SetPlaceHolder(autoText)
	}
	f.augment = widget.NewCheck(lang.L("Flip and crop the pictures"), func(bool) { f.apply() })
	var labels []string
	for _, d := range deviceChoices() {
		labels = append(labels, d[0])
	}
	f.device = widget.NewSelect(labels, func(string) { f.apply() })
	f.deviceInfo = widget.NewLabel(lang.L("Looking for GPUs…"))
	f.deviceInfo.Wrapping = fyne.TextWrapWord
	h.Launch(func() {
		text := describeDevices(h.Engine.Devices())
		fyne.Do(func() { f.deviceInfo.SetText(text) })
	})
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	auto := widget.NewLabel(autoHint())
	auto.Wrapping = fyne.TextWrapWord
	win := h.Win
	form := widget.NewForm(
		explained(lang.L("Epochs"), glossary.Epoch, f.epochs, win),
		explained(lang.L("Learning rate"), glossary.LearningRate, f.lr, win),
		explained(lang.L("Batch size"), glossary.BatchSize, f.batch, win),
		explained(lang.L("Picture size (pixels)"), glossary.PictureSize, f.size, win),
		explained(lang.L("Validation share (%)"), glossary.Validation, f.val, win),
		explained(lang.L("Test share (%)"), glossary.TestShare, f.test, win),
		explained(lang.L("Augmentation"), glossary.Augmentation, f.augment, win),
		explained(lang.L("Random seed"), glossary.Seed, f.seed, win),
		explained(lang.L("Device"), glossary.Device, f.device, win),
		widget.NewFormItem("", f.deviceInfo),
	)
	f.content = container.NewVBox(form, auto, f.problem)
	return f
}

// explained is a form row called label whose widget w has the glossary's
// "?" button for word beside it: a one-sentence meaning a tap away.
func explained(label, word string, w fyne.CanvasObject, win fyne.Window) *widget.FormItem {
	return widget.NewFormItem(label, glossary.WithButton(word, w, win))
}

// autoHint says what "auto" chooses in each case; the numbers come from the
// cases' recipes, so the hint cannot drift from what training does.
func autoHint() string {
	var b strings.Builder
	b.WriteString(`"auto" lets the app choose for the case.`)
	for _, g := range cases.GroupBy(cases.Case.Plain) {
		fmt.Fprintf(&b, " In %s %s.", g.Label(), g.Text)
	}
	fmt.Fprintf(&b, " The learning rate is %s", cases.Per(func(c cases.Case) string { return fmt.Sprint(c.Recipe().LR) }))
	for _, g := range cases.GroupBy(slowerBackbone) {
		fmt.Fprintf(&b, "; in %s %s", g.Label(), g.Text)
	}
	b.WriteString(". Pictures are scaled to the network's 224 pixels.")
	return b.String()
}

// slowerBackbone says how much slower the pretrained layers learn, in the
// cases where they learn slower than the new last step ("" elsewhere).
func slowerBackbone(c cases.Case) string {
	r := c.Recipe()
	if !c.TrainsBackbone() || r.BackboneLRScale == 1 {
		return ""
	}
	return fmt.Sprintf("the pretrained layers learn %g times slower", 1/r.BackboneLRScale)
}

// describeDevices says in a sentence or two what can train.
func describeDevices(d ui.Devices) string {
	found := lang.L("No GPU found.")
	if len(d.GPUs) > 0 {
		found = lang.L("GPUs found: {{.GPUs}}.", map[string]any{"GPUs": strings.Join(d.GPUs, ", ")})
	}
	auto := lang.L("Automatic uses {{.Device}}", map[string]any{"Device": d.Auto})
	if d.Why != "" {
		auto += ": " + d.Why
	}
	return found + " " + auto + "."
}

// load shows s in the form without writing it back.
func (f *advancedForm) load(s project.Settings) {
	f.loading = true
	defer func() { f.loading = false }()
	f.epochs.SetText(intOrAuto(s.Epochs))
	f.lr.SetText(floatOrAuto(s.LearningRate))
	f.batch.SetText(intOrAuto(s.BatchSize))
	f.size.SetText(intOrAuto(s.ImageSize))
	f.val.SetText(strconv.FormatFloat(100*s.ValShare, 'g', 4, 64))
	f.test.SetText(percentOrNone(s.TestShare))
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
	if f.loading {
		return
	}
	s, err := f.parse(f.s.Project().Settings())
	if err == nil {
		err = f.save(s)
	}
	if err != nil {
		f.problem.SetText(lang.L("Not saved:") + " " + host.Plain(err))
		return
	}
	f.problem.SetText("")
}

func (f *advancedForm) parse(s project.Settings) (project.Settings, error) {
	var err error
	if s.Epochs, err = parseIntOrAuto(f.epochs.Text); err != nil {
		return s, fmt.Errorf("epochs must be a whole number or auto, not %q", f.epochs.Text)
	}
	if s.LearningRate, err = parseFloatOrAuto(f.lr.Text); err != nil {
		return s, fmt.Errorf("learning rate must be a number such as 0.001, or auto, not %q", f.lr.Text)
	}
	if s.BatchSize, err = parseIntOrAuto(f.batch.Text); err != nil {
		return s, fmt.Errorf("batch size must be a whole number or auto, not %q", f.batch.Text)
	}
	if s.ImageSize, err = parseIntOrAuto(f.size.Text); err != nil {
		return s, fmt.Errorf("picture size must be a whole number of pixels such as 224, or auto, not %q", f.size.Text)
	}
	val, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(f.val.Text), "%"), 64)
	if err != nil {
		return s, fmt.Errorf("validation share must be a percentage such as 20, not %q", f.val.Text)
	}
	s.ValShare = val / 100
	if s.TestShare, err = parsePercentOrNone(f.test.Text); err != nil {
		return s, fmt.Errorf("test share must be a percentage such as 20, or none, not %q", f.test.Text)
	}
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

// autoText stands for a setting of 0: the engine chooses.
const autoText = "auto"

func intOrAuto(v int) string {
	if v == 0 {
		return autoText
	}
	return strconv.Itoa(v)
}

func floatOrAuto(v float64) string {
	if v == 0 {
		return autoText
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// isAuto reports whether text asks the app to choose: empty, "auto" or
// "automatic" in any case.
func isAuto(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	return t == "" || t == autoText || t == "automatic"
}

func parseIntOrAuto(text string) (int, error) {
	if isAuto(text) {
		return 0, nil
	}
	return strconv.Atoi(strings.TrimSpace(text))
}

func parseFloatOrAuto(text string) (float64, error) {
	if isAuto(text) {
		return 0, nil
	}
	return strconv.ParseFloat(strings.TrimSpace(text), 64)
}
