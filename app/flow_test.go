//go:build ci

package app

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/engine/weights"
	"transferlab/internal/gputest"
	"transferlab/internal/shareddata"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
	"transferlab/ui/window"
)

// newWindow builds the real UI on the headless test driver with the real
// engine (its cache in a temporary folder), running jobs inline and saving
// on every change.
func newWindow(t testing.TB, opts ...window.Option) *window.App {
	t.Helper()
	t.Setenv(weights.CacheEnv, t.TempDir())
	eng, err := NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	base := []window.Option{window.WithLauncher(uitest.Inline), window.WithAutosaveDelay(0), window.WithWorkDir(t.TempDir())}
	u := window.New(a, eng, append(base, opts...)...)
	t.Cleanup(u.Window().Close)
	return u
}

// TestCatsDogsCaseOneWithTheRealEngine is the whole point-and-click flow on
// real pictures with the real engine: an empty cache (so the app must say
// the weights are missing), importing the shared SqueezeNet weights, dropping
// catsdogs-60, choosing case 1, training, reading the results screen, and
// relabelling a picture from it.
func TestCatsDogsCaseOneWithTheRealEngine(t *testing.T) {
	u := newWindow(t)

	// A fresh computer: the default network's weights are not here, and the
	// Model screen says so and offers both ways to get them.
	model := uitest.Screen(t, u, uitest.ScreenModel)
	uitest.Label(t, model, "The pretrained weights of SqueezeNet 1.1 are not on this computer yet")
	if uitest.Button(t, model, "Download (").Disabled() || uitest.Button(t, model, "Import from a file").Disabled() {
		t.Error("Download or Import is disabled while the weights are missing")
	}

	data := shareddata.Copy(t, "datasets/catsdogs-60")
	uitest.Drop(u, data)
	if !strings.Contains(uitest.Status(u), "Added 60 new picture(s)") {
		t.Fatalf("after the drop the status says %q", uitest.Status(u))
	}
	uitest.Label(t, uitest.Screen(t, u, uitest.ScreenPictures), `Class "cat": 30 pictures`)
	train := uitest.Screen(t, u, uitest.ScreenTrain)
	uitest.Label(t, train, "Not ready: case 1 needs the pretrained weights of SqueezeNet 1.1")
	if !uitest.Button(t, train, "Start training").Disabled() {
		t.Error("Start is enabled without the weights case 1 needs")
	}

	model = uitest.Screen(t, u, uitest.ScreenModel)
	u.ImportWeights(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	if d := uitest.Dialog(u); d != "" {
		t.Fatalf("importing the weights showed %q", d)
	}
	uitest.Label(t, model, "The pretrained weights of SqueezeNet 1.1 are on this computer")
	if _, ok := weights.Cached("squeezenet1_1"); !ok {
		t.Error("the imported weights are not in the cache")
	}

	uitest.ChooseCase(t, u, cases.FrozenBackbone)
	// Hold out 30% of each class (18 pictures) rather than the default 20%
	// (12): with 12, one picture is 8 points of accuracy and the figure
	// depends mostly on which pictures were drawn (83% to 100% over seeds
	// 1-10, mean 90%); with 18, seed 1 measures 94%.
	uitest.SetAdvanced(t, u, "Validation share (%)", "30")

	train = uitest.Screen(t, u, uitest.ScreenTrain)
	uitest.Label(t, train, "SqueezeNet 1.1, case 1 (Few pictures, everyday subjects): 60 pictures in 2 classes, "+
		"as many epochs as it takes (chosen automatically), 30% kept aside")
	bars := uitest.Find[*widget.ProgressBar](train)
	uitest.Train(t, u)
	if len(bars) != 1 || bars[0].Value != 1 {
		t.Errorf("%d progress bars, the first at %v at the end", len(bars), bars[0].Value)
	}
	uitest.Label(t, train, "Finished: validation accuracy")

	at := uitest.Tabs(t, u)
	if at.SelectedIndex() != uitest.ScreenResults {
		t.Fatalf("after training the screen is %q, want the results", at.Selected().Text)
	}
	results := at.Items[uitest.ScreenResults].Content
	checkResults(t, results, 2, 18, 0.9)
	relabelFromResults(t, u, results, data, filepath.Join(t.TempDir(), "pets"+project.Extension))
}

// checkResults reads the results screen: the headline's accuracy (at least
// minAcc) and counts, an n×n confusion matrix adding up to val pictures with
// words on its cells, and one prediction card per validation picture.
func checkResults(t *testing.T, results fyne.CanvasObject, n, val int, minAcc float64) {
	t.Helper()
	head := uitest.Label(t, results, "Validation accuracy ")
	m := regexp.MustCompile(`Validation accuracy ([0-9.]+)%: (\d+) of (\d+) pictures right`).FindStringSubmatch(head)
	if m == nil {
		t.Fatalf("headline %q", head)
	}
	t.Logf("%s", head)
	acc, _ := strconv.ParseFloat(m[1], 64)
	if acc < 100*minAcc || m[3] != strconv.Itoa(val) {
		t.Errorf("headline %q: want at least %.0f%% of the %d validation pictures right", head, 100*minAcc, val)
	}

	cells := matrixCells(t, results)
	if len(cells) != n {
		t.Fatalf("confusion matrix is %d by %d, want %d by %d", len(cells), len(cells), n, n)
	}
	total := 0
	for i, row := range cells {
		for j, c := range row {
			k := cellCount(t, c.Text)
			total += k
			if k > 0 && (i == j) != strings.HasSuffix(c.Text, "right") {
				t.Errorf("cell (%d,%d) reads %q", i, j, c.Text)
			}
		}
	}
	if total != val {
		t.Errorf("the matrix counts %d pictures, want %d", total, val)
	}

	cards := 0
	for _, s := range uitest.Labels(results) {
		if strings.HasPrefix(s, "Right: ") || strings.HasPrefix(s, "Wrong: ") {
			cards++
		}
	}
	if cards != min(val, 24) {
		t.Errorf("%d prediction cards, want %d", cards, min(val, 24))
	}
}

// relabelFromResults saves the project, relabels one validation picture
// from the results screen (a wrong one from "most wrong" if there is one,
// else one from a confusion matrix cell), and checks that the project file
// changed and the picture file did not.
func relabelFromResults(t *testing.T, u *window.App, results fyne.CanvasObject, data, projPath string) {
	t.Helper()
	if err := u.SaveProject(projPath); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(projPath)
	if err != nil {
		t.Fatal(err)
	}
	var (
		path, target string
		act          func()
	)
	if rows := uitest.Buttons(results, "Relabel as "); len(rows) > 0 {
		target = strings.TrimPrefix(rows[0].Text, "Relabel as ")
		path = rowPicture(t, data, results, rows[0])
		act = func() { test.Tap(rows[0]) }
	} else {
		test.Tap(matrixCells(t, results)[0][0]) // labelled with the first class, and the model agrees
		dlg := u.Window().Canvas().Overlays().Top()
		if dlg == nil {
			t.Fatal("tapping a matrix cell opened no dialog")
		}
		choices := uitest.Find[*widget.Select](dlg)
		if len(choices) == 0 {
			t.Fatalf("the cell's pictures offer no relabelling: %q", uitest.Labels(dlg))
		}
		target = choices[0].Options[0]
		path = rowPicture(t, data, dlg, choices[0])
		act = func() { choices[0].SetSelected(target) }
	}
	picture := shareddata.FileState(t, path)
	act()
	t.Logf("relabelled %s as %s", filepath.Base(path), target)

	after, err := os.ReadFile(projPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(after) == string(before) {
		t.Fatal("relabelling did not change the project file")
	}
	saved, err := project.Load(projPath)
	if err != nil {
		t.Fatal(err)
	}
	if im, ok := saved.Image(path); !ok || im.Class != target {
		t.Errorf("saved project has %+v for %s, want class %s", im, path, target)
	}
	if shareddata.FileState(t, path) != picture {
		t.Error("relabelling touched the picture file")
	}
}

// rowPicture is the picture of the prediction row holding w: the row's text
// starts with the file name, found in one of data's class folders.
func rowPicture(t *testing.T, data string, under, w fyne.CanvasObject) string {
	t.Helper()
	rows := uitest.Find[*fyne.Container](under)
	for k := len(rows) - 1; k >= 0; k-- { // innermost first
		has := false
		uitest.Walk(rows[k], func(c fyne.CanvasObject) { has = has || c == w })
		if !has {
			continue
		}
		for _, s := range uitest.Labels(rows[k]) {
			name, _, ok := strings.Cut(s, ": labelled ")
			if !ok {
				continue
			}
			if found, _ := filepath.Glob(filepath.Join(data, "*", name)); len(found) == 1 {
				return found[0]
			}
		}
	}
	t.Fatal("no prediction row holds the relabel control")
	return ""
}

// matrixCells returns the confusion matrix's buttons, [label][model said]:
// the grid whose first label reads "label \ model said".
func matrixCells(t *testing.T, results fyne.CanvasObject) [][]*widget.Button {
	t.Helper()
	for _, g := range uitest.Find[*fyne.Container](results) {
		if len(g.Objects) == 0 {
			continue
		}
		first, ok := g.Objects[0].(*widget.Label)
		if !ok || !strings.HasPrefix(first.Text, "label \\ model said") {
			continue
		}
		var cells []*widget.Button
		for _, o := range g.Objects {
			if b, ok := o.(*widget.Button); ok {
				cells = append(cells, b)
			}
		}
		n := 0
		for n*n < len(cells) {
			n++
		}
		if n*n != len(cells) {
			t.Fatalf("the matrix has %d cells, not a square number", len(cells))
		}
		out := make([][]*widget.Button, n)
		for i := range out {
			out[i] = cells[i*n : (i+1)*n]
		}
		return out
	}
	t.Fatal("the results screen has no confusion matrix")
	return nil
}

// cellCount reads "5 right", "2 wrong" or "0".
func cellCount(t *testing.T, text string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.Fields(text)[0])
	if err != nil {
		t.Fatalf("matrix cell reads %q", text)
	}
	return n
}

// TestCatsDogsCaseOneOnTheGPU is the same flow with the device set to GPU:
// the Model screen names the Vulkan devices found (lavapipe in CI, which
// automatic passes over as slower than the CPU), the Train screen names the
// GPU that does the work, and the result is as good as on the CPU.
func TestCatsDogsCaseOneOnTheGPU(t *testing.T) {
	gputest.Require(t)
	u := newWindow(t)
	model := uitest.Screen(t, u, uitest.ScreenModel)
	uitest.Label(t, model, "GPUs found: llvmpipe")
	uitest.Label(t, model, "Automatic uses CPU (")
	uitest.Drop(u, shareddata.Copy(t, "datasets/catsdogs-60"))
	u.ImportWeights(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	uitest.ChooseCase(t, u, cases.FrozenBackbone)
	uitest.SetAdvanced(t, u, "Validation share (%)", "30")
	uitest.SetAdvanced(t, u, "Device", "GPU")
	uitest.Train(t, u)
	uitest.Label(t, uitest.Screen(t, u, uitest.ScreenTrain), "Device: GPU: llvmpipe")
	checkResults(t, uitest.Screen(t, u, uitest.ScreenResults), 2, 18, 0.9)
}
