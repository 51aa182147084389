// Package results is the Results screen: how well the trained model does,
// overall and per class, a clickable confusion matrix, sample predictions
// and the pictures it gets most wrong, each one relabelled or excluded in a
// click.
package results

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/glossary"
	"transferlab/ui/host"
	"transferlab/ui/store"
	"transferlab/ui/thumbs"
	"transferlab/ui/words"
)

// Display limits of the results screen.
const (
	maxSamples   = 24 // prediction cards in the sample grid
	maxMostWrong = 12 // rows in the most-wrong list
)

// Screen is the Results screen. It shows the store's last run and edits
// the project's labels; the Pictures screen follows through the store.
type Screen struct {
	h       *host.Host
	s       *store.Store
	thumbs  *thumbs.Cache
	content *container.Scroll
	box     *fyne.Container
	res     *ui.TrainResult
	runs    *runsView

	headline *widget.Label
	matrix   *fyne.Container
	cells    [][]*widget.Button // [true][predicted]
	samples  *fyne.Container
	wrong    *fyne.Container
}

// New builds the screen; th decodes its thumbnails.
func New(h *host.Host, s *store.Store, th *thumbs.Cache) *Screen {
	r := &Screen{h: h, s: s, thumbs: th, box: container.NewVBox()}
	r.content = container.NewVScroll(r.box)
	r.runs = newRunsView(h, s)
	s.On(store.Opened, func() { r.show(nil) })
	s.On(store.Trained, r.showCurrent)
	s.On(store.LessonDone, func() {
		r.showCurrent() // with the lesson's card
		r.runs.showLesson()
	})
	return r
}

// showCurrent displays the current model, or says there is none (its
// run was deleted).
func (r *Screen) showCurrent() {
	if run := r.s.Run(); run != nil {
		r.show(&run.Result)
		return
	}
	r.show(nil)
}

// Content is what the window shows in the screen's tab.
func (r *Screen) Content() fyne.CanvasObject { return r.content }

// show displays res (nil: nothing trained yet), from the top: another
// run's figures read from their headline, not from where the last one's
// were left.
func (r *Screen) show(res *ui.TrainResult) {
	r.res = res
	r.cells = nil
	r.content.ScrollToTop()
	if res == nil {
		r.headline = widget.NewLabel(lang.L("Train a model to see here how well it recognises your pictures."))
		r.box.Objects = []fyne.CanvasObject{r.headline}
		r.box.Refresh()
		return
	}
	r.headline = widget.NewLabel(headlineText(*res))
	r.headline.SizeName = theme.SizeNameHeadingText
	r.headline.Wrapping = fyne.TextWrapWord
	r.matrix = r.confusionMatrix(*res)
	r.samples = r.sampleGrid(*res)
	r.wrong = r.mostWrong(*res)
	r.runs.refresh()
	r.box.Objects = []fyne.CanvasObject{r.runs.content, widget.NewSeparator()}
	if l := r.s.Lesson(); l != nil {
		r.box.Objects = append(r.box.Objects, r.runs.lessonCard(l), widget.NewSeparator())
	}
	r.box.Objects = append(r.box.Objects, r.headline,
		caption(lang.L("Showing {{.Run}}", map[string]any{"Run": runSummary(r.s, r.s.Current(), *r.s.Run())})))
	if note := testNote(*res); note != "" {
		r.box.Add(caption(note))
	}
	if problem := r.s.ModelProblem(); problem != "" {
		r.box.Add(caption(problem))
	}
	if hint := scratchHint(r.s.Run().Case, *res); hint != "" {
		r.box.Add(caption(hint))
	}
	r.box.Objects = append(r.box.Objects,
		container.NewHBox(
			widget.NewButtonWithIcon(lang.L("Try it on new pictures (Ctrl+5)"), theme.MediaPlayIcon(), func() { r.h.Show(host.Try) }),
			widget.NewButtonWithIcon(lang.L("Train again (Ctrl+3)"), theme.ViewRefreshIcon(), func() { r.h.Show(host.Train) }),
			r.exportButton()),
		container.NewHBox(heading(lang.L("Per class")), glossary.Link(glossary.Recall, r.h.Win), glossary.Link(glossary.Precision, r.h.Win)),
		perClassTable(*res),
		container.NewHBox(heading(lang.L("Confusion matrix")), glossary.Link(glossary.Confusion, r.h.Win)),
		caption(lang.L("Rows: the label you gave. Columns: what the model said. Click a number to see those pictures.")),
		r.matrix,
		heading(lang.L("Sample predictions")), r.samples,
		heading(lang.L("The pictures the model gets most wrong")),
		caption(lang.L("These are often mislabelled. One click relabels a picture; train again to use the new labels.")),
		r.wrong,
	)
	r.box.Refresh()
}

// scratchHint explains a weak model trained from scratch (case 4): with few
// pictures that is expected, and it is the point of transfer learning.
func scratchHint(trainedCase cases.Case, res ui.TrainResult) string {
	if trainedCase.NeedsPretrained() || res.ValAccuracy >= 0.8 {
		return ""
	}
	return lang.L("This network learned from scratch (case 4). With a few hundred pictures or fewer that goes badly: " +
		"it is why transfer learning exists. Get the pretrained weights on the Model screen (Download, or " +
		"Import from a file) and train case 1 or 2 on the same pictures to see the difference.")
}

func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameSubHeadingText
	l.TextStyle.Bold = true
	return l
}

func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// headlineText is the one-line verdict on the kept model, naming the
// pictures it was measured on: the held-out test pictures when there are
// some, else the validation pictures.
func headlineText(res ui.TrainResult) string {
	var text string
	if t := res.Test; t != nil {
		right, total := diagonal(t.Confusion)
		text = lang.L("Test accuracy {{.Percent}}: {{.Right}} of {{.Total}} held-out pictures right",
			map[string]any{"Percent": words.Percent(t.Accuracy), "Right": right, "Total": total})
	} else {
		right, total := diagonal(res.Confusion)
		text = lang.L("Validation accuracy {{.Percent}}: {{.Right}} of {{.Total}} pictures right",
			map[string]any{"Percent": words.Percent(res.ValAccuracy), "Right": right, "Total": total})
	}
	if res.Stopped {
		text += " " + lang.L("(stopped early; the model of epoch {{.Epoch}} is kept)", map[string]any{"Epoch": res.BestEpoch})
	}
	return text
}

// testNote says what the test pictures are, and gives the validation
// figure beside the test one; "" without a test share.
func testNote(res ui.TrainResult) string {
	if res.Test == nil {
		return ""
	}
	right, total := diagonal(res.Confusion)
	return lang.L("The held-out test pictures played no part in training or in choosing the kept epoch, "+
		"so they are the fairest guess of how the model does on new pictures. "+
		"On the validation pictures, which chose the epoch: {{.Percent}} ({{.Right}} of {{.Total}}); the figures below are theirs.",
		map[string]any{"Percent": words.Percent(res.ValAccuracy), "Right": right, "Total": total})
}

// diagonal counts the right answers and all answers of a confusion matrix.
func diagonal(confusion [][]int) (right, total int) {
	for i, row := range confusion {
		for j, n := range row {
			total += n
			if i == j {
				right += n
			}
		}
	}
	return right, total
}

// perClassTable shows, for each class, how many of its pictures were
// recognised (recall) and how often the model's answer was right
// (precision), with the words spelled out.
func perClassTable(res ui.TrainResult) fyne.CanvasObject {
	g := container.NewGridWithColumns(4,
		boldLabel(lang.L("Class")), boldLabel(lang.L("Its pictures recognised")),
		boldLabel(lang.L("Answers that were right")), boldLabel(lang.L("Pictures checked")))
	for i, c := range res.Classes {
		n := 0
		if i < len(res.Confusion) {
			for _, v := range res.Confusion[i] {
				n += v
			}
		}
		g.Add(widget.NewLabel(c))
		g.Add(widget.NewLabel(at(res.Recall, i)))
		g.Add(widget.NewLabel(at(res.Precision, i)))
		g.Add(widget.NewLabel(fmt.Sprint(n)))
	}
	return g
}

func at(xs []float64, i int) string {
	if i < len(xs) {
		return words.Percent(xs[i])
	}
	return "-"
}

func boldLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// confusionMatrix is a grid of buttons, one per (label, answer) pair;
// right cells say "right", wrong cells "wrong", so it reads without colour.
func (r *Screen) confusionMatrix(res ui.TrainResult) *fyne.Container {
	n := len(res.Classes)
	g := container.NewGridWithColumns(n + 1)
	g.Add(widget.NewLabel(lang.L("label \\ model said")))
	for _, c := range res.Classes {
		g.Add(boldLabel(c))
	}
	r.cells = make([][]*widget.Button, n)
	for i := 0; i < n; i++ {
		g.Add(boldLabel(res.Classes[i]))
		r.cells[i] = make([]*widget.Button, n)
		for j := 0; j < n; j++ {
			b := r.cell(res, i, j)
			r.cells[i][j] = b
			g.Add(b)
		}
	}
	return g
}

func (r *Screen) cell(res ui.TrainResult, i, j int) *widget.Button {
	count := 0
	if i < len(res.Confusion) && j < len(res.Confusion[i]) {
		count = res.Confusion[i][j]
	}
	b := widget.NewButton(cellText(count, i == j), func() { r.showCell(i, j) })
	switch {
	case count == 0:
		b.Importance = widget.LowImportance
		b.Disable()
	case i == j:
		b.Importance = widget.SuccessImportance
	default:
		b.Importance = widget.DangerImportance
	}
	return b
}

func cellText(count int, diagonal bool) string {
	switch {
	case count == 0:
		return "0"
	case count == 1 && diagonal:
		return lang.L("1 right")
	case count == 1:
		return lang.L("1 wrong")
	case diagonal:
		return lang.L("{{.N}} right", map[string]any{"N": count})
	}
	return lang.L("{{.N}} wrong", map[string]any{"N": count})
}

// cellPredictions returns the pictures behind cell (i, j), sorted by path.
func cellPredictions(res ui.TrainResult, i, j int) []ui.ImagePrediction {
	var out []ui.ImagePrediction
	for _, p := range res.Predictions {
		if p.True == i && p.Predicted == j {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b ui.ImagePrediction) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// showCell opens a dialog with the pictures behind a matrix cell.
func (r *Screen) showCell(i, j int) {
	res := *r.res
	preds := cellPredictions(res, i, j)
	rows := container.NewVBox()
	for _, p := range preds {
		rows.Add(r.predictionRow(res.Classes, p))
	}
	title := lang.L("Labelled {{.Label}}, the model said {{.Answer}}: {{.Pictures}}", map[string]any{
		"Label": className(res.Classes, i), "Answer": className(res.Classes, j), "Pictures": words.Pictures(len(preds))})
	d := dialog.NewCustom(title, lang.L("Close"), container.NewVScroll(rows), r.h.Win)
	d.Resize(r.h.DialogSize(fyne.NewSize(760, 520)))
	d.Show()
}

// samplePredictions picks up to max predictions spread evenly over the
// sorted list, so both classes and both verdicts appear.
func samplePredictions(preds []ui.ImagePrediction, max int) []ui.ImagePrediction {
	sorted := slices.Clone(preds)
	slices.SortFunc(sorted, func(a, b ui.ImagePrediction) int { return strings.Compare(a.Path, b.Path) })
	if len(sorted) <= max {
		return sorted
	}
	out := make([]ui.ImagePrediction, max)
	for k := range out {
		out[k] = sorted[k*len(sorted)/max]
	}
	return out
}

func (r *Screen) sampleGrid(res ui.TrainResult) *fyne.Container {
	g := container.New(&cardGrid{})
	for _, p := range samplePredictions(res.Predictions, maxSamples) {
		g.Add(r.predictionCard(res.Classes, p))
	}
	return g
}

// mostWrong returns the wrong predictions, most confident first: a picture
// the model is sure about yet "gets wrong" is often mislabelled.
func mostWrong(preds []ui.ImagePrediction, max int) []ui.ImagePrediction {
	var out []ui.ImagePrediction
	for _, p := range preds {
		if p.True != p.Predicted {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b ui.ImagePrediction) int {
		switch ca, cb := confidence(a), confidence(b); {
		case ca > cb:
			return -1
		case ca < cb:
			return 1
		}
		return strings.Compare(a.Path, b.Path)
	})
	return out[:min(max, len(out))]
}

func (r *Screen) mostWrong(res ui.TrainResult) *fyne.Container {
	box := container.NewVBox()
	wrong := mostWrong(res.Predictions, maxMostWrong)
	if len(wrong) == 0 {
		box.Add(widget.NewLabel(lang.L("None: the model got every checked picture right.")))
	}
	for _, p := range wrong {
		box.Add(r.predictionRow(res.Classes, p))
	}
	return box
}
