package pictures

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
	"transferlab/ui/fakeengine"
	"transferlab/ui/uitest"
)

// labellingPile copies pictures of catsdogs-60 into a parent of class
// folders (cats and dogs of each class, as named) and a folder of loose
// ones, returning both. The fake engine suggests the class a loose
// picture's name holds ("unsure" ones with 60%, the others 90%) and
// doubts a labelled picture whose name holds another class.
func labellingPile(t *testing.T, cats, dogs int, loose map[string]string) (classes, looseDir string) {
	t.Helper()
	src := shareddata.Path(t, "datasets/catsdogs-60")
	classes, looseDir = t.TempDir(), t.TempDir()
	put := func(dst, from string) {
		raw, err := os.ReadFile(filepath.Join(src, from))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= cats; i++ {
		put(filepath.Join(classes, "cat", fmt.Sprintf("cat-%02d.jpg", i)), fmt.Sprintf("cat/cat-%02d.jpg", i))
	}
	for i := 1; i <= dogs; i++ {
		put(filepath.Join(classes, "dog", fmt.Sprintf("dog-%02d.jpg", i)), fmt.Sprintf("dog/dog-%02d.jpg", i))
	}
	for name, from := range loose {
		put(filepath.Join(looseDir, name), from)
	}
	return classes, looseDir
}

// looseFiles lists the loose folder's pictures, as dropped one by one.
func looseFiles(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, filepath.Join(dir, e.Name()))
	}
	return out
}

// suggestionRows are the panel's rows (the texts of their labels, in order).
func suggestionRows(d *Screen) []string {
	var out []string
	for _, row := range d.suggest.rows.Objects {
		out = append(out, strings.Join(uitest.Labels(row), " "))
	}
	return out
}

// With two pictures a class nothing is suggested; with three the loose
// pictures get their classes, the surest first. Accept labels one; "Accept
// all at or above" a chosen confidence labels those and leaves the less
// sure one; no picture file changes.
func TestSuggestionsAreAcceptedOnlyByAClick(t *testing.T) {
	b, d := newBench(t, fakeengine.New(), "")
	classes, loose := labellingPile(t, 2, 3, map[string]string{
		"cat-a.jpg": "cat/cat-21.jpg", "cat-b.jpg": "cat/cat-22.jpg", "dog-a.jpg": "dog/dog-21.jpg",
		"dog-unsure.jpg": "dog/dog-22.jpg",
	})
	add(d, classes)
	add(d, looseFiles(t, loose)...)
	if !strings.Contains(d.suggest.status.Text, "Label at least 3 pictures in each of two classes") || len(d.suggest.rows.Objects) != 0 {
		t.Fatalf("with 2 cats: %q, rows %q", d.suggest.status.Text, suggestionRows(d))
	}
	before := shareddata.FileState(t, filepath.Join(loose, "cat-a.jpg"))
	more, _ := labellingPile(t, 3, 0, nil)
	add(d, filepath.Join(more, "cat", "cat-03.jpg"))
	b.Store.Project().SetLabel("cat", filepath.Join(more, "cat", "cat-03.jpg"))

	rows := suggestionRows(d)
	if len(rows) != 4 || !strings.HasPrefix(rows[0], "cat 90%: cat-a.jpg") || !strings.HasPrefix(rows[3], "dog 60%: dog-unsure.jpg") {
		t.Fatalf("rows %q", rows)
	}
	uitest.Label(t, d.suggest.content, "4 suggestions by their nearest labelled pictures")
	if im, _ := b.Store.Project().Image(filepath.Join(loose, "cat-a.jpg")); im.Class != "" {
		t.Fatalf("labelled %q before any click", im.Class)
	}

	test.Tap(uitest.Buttons(d.suggest.rows.Objects[0], "Accept")[0])
	if im, _ := b.Store.Project().Image(filepath.Join(loose, "cat-a.jpg")); im.Class != "cat" {
		t.Errorf("accepted cat-a.jpg is %q", im.Class)
	}
	if rows := suggestionRows(d); len(rows) != 3 || strings.Contains(strings.Join(rows, " "), "cat-a.jpg") {
		t.Errorf("after accepting one: %q", rows)
	}

	d.suggest.threshold.SetSelected("85%")
	uitest.Tap(t, d.suggest.content, "Accept all at or above 85% (2)")
	p := b.Store.Project()
	for name, want := range map[string]string{"cat-b.jpg": "cat", "dog-a.jpg": "dog", "dog-unsure.jpg": ""} {
		if im, _ := p.Image(filepath.Join(loose, name)); im.Class != want {
			t.Errorf("%s is %q, want %q", name, im.Class, want)
		}
	}
	if rows := suggestionRows(d); len(rows) != 1 || !strings.HasPrefix(rows[0], "dog 60%") {
		t.Errorf("left: %q", rows)
	}
	if b := uitest.Button(t, d.suggest.content, "Accept all at or above"); !b.Disabled() {
		t.Errorf("%q enabled with nothing above 85%%", b.Text)
	}
	if shareddata.FileState(t, filepath.Join(loose, "cat-a.jpg")) != before {
		t.Error("accepting a suggestion touched the picture file")
	}
}

// The suggestions can be read by file name instead of surest first.
func TestSuggestionsSortByName(t *testing.T) {
	_, d := newBench(t, fakeengine.New(), "")
	classes, loose := labellingPile(t, 3, 3, map[string]string{
		"a-dog-unsure.jpg": "dog/dog-22.jpg", "b-cat.jpg": "cat/cat-21.jpg",
	})
	add(d, classes)
	add(d, looseFiles(t, loose)...)
	if rows := suggestionRows(d); len(rows) != 2 || !strings.Contains(rows[0], "b-cat.jpg") {
		t.Fatalf("surest first: %q", rows)
	}
	d.suggest.sortBy.SetSelected("By file name")
	if rows := suggestionRows(d); len(rows) != 2 || !strings.Contains(rows[0], "a-dog-unsure.jpg") {
		t.Errorf("by name: %q", rows)
	}
}

// A dog filed with the cats is listed for review, and one click moves it;
// the same picture in both classes is listed as near-duplicates.
func TestReviewListsDoubtsAndNearDuplicates(t *testing.T) {
	b, d := newBench(t, fakeengine.New(), "")
	classes, loose := labellingPile(t, 3, 3, map[string]string{"cat-x.jpg": "cat/cat-21.jpg"})
	wrong := filepath.Join(classes, "cat", "dog-among-kittens.jpg")
	raw, _ := os.ReadFile(filepath.Join(classes, "dog", "dog-01.jpg"))
	os.WriteFile(wrong, raw, 0o644)
	add(d, classes)
	add(d, looseFiles(t, loose)...)
	review := d.suggest.review
	uitest.Label(t, review, "dog-among-kittens.jpg is labelled cat, but its neighbours say dog (85%).")
	uitest.Label(t, review, "dog-among-kittens.jpg (cat) and dog-01.jpg (dog) look almost the same")
	uitest.Tap(t, review, "Move to dog")
	if im, _ := b.Store.Project().Image(wrong); im.Class != "dog" {
		t.Errorf("moved picture is %q", im.Class)
	}
	if uitest.HasLabel(review, "dog-among-kittens.jpg") {
		t.Errorf("still listed: %q", uitest.Labels(review))
	}
}

// With one class nothing is asked; without the network's weights the
// panel says why in a sentence, shows no dialog, and asks again once the
// labels change.
func TestSuggestionsSayWhyNot(t *testing.T) {
	eng := fakeengine.New()
	b, d := newBench(t, eng, "")
	classes, loose := labellingPile(t, 3, 3, map[string]string{"cat-x.jpg": "cat/cat-21.jpg", "dog-x.jpg": "dog/dog-21.jpg"})
	add(d, filepath.Join(classes, "cat"))
	add(d, looseFiles(t, loose)...)
	if !strings.Contains(d.suggest.status.Text, "Label at least 3") {
		t.Errorf("one class: %q", d.suggest.status.Text)
	}
	eng.Available = map[string]bool{}
	add(d, filepath.Join(classes, "dog"))
	if want := "No suggestions: the pretrained weights of squeezenet1_1 are not on this computer yet"; !strings.HasPrefix(d.suggest.status.Text, want) {
		t.Errorf("without weights: %q", d.suggest.status.Text)
	}
	if dlg := b.Win.Canvas().Overlays().Top(); dlg != nil {
		t.Errorf("a dialog opened: %q", uitest.Labels(dlg))
	}
	eng.Available = map[string]bool{"squeezenet1_1": true}
	b.Store.Project().SetLabel("dog", filepath.Join(loose, "dog-x.jpg"))
	if rows := suggestionRows(d); len(rows) != 1 || !strings.HasPrefix(rows[0], "cat 90%: cat-x.jpg") {
		t.Errorf("weights back: %q (%q)", rows, d.suggest.status.Text)
	}
}

// Once a model is trained on exactly these classes, it suggests instead
// of the neighbours (at once); with a class added since, asking again
// sends the work back to them.
func TestTheTrainedModelSuggestsForItsClasses(t *testing.T) {
	b, d := newBench(t, fakeengine.New(), "")
	classes, loose := labellingPile(t, 3, 3, map[string]string{"cat-x.jpg": "cat/cat-21.jpg", "dog-x.jpg": "dog/dog-21.jpg"})
	add(d, classes)
	add(d, looseFiles(t, loose)...)
	b.Trained(t, "squeezenet1_1", cases.FrozenBackbone, 1, 4, t.TempDir())
	uitest.Label(t, d.suggest.content, "2 suggestions by your trained model")
	if err := b.Store.Project().AddClass("bird"); err != nil {
		t.Fatal(err)
	}
	uitest.Tap(t, d.suggest.content, "Suggest and check the labels again")
	uitest.Label(t, d.suggest.content, "2 suggestions by their nearest labelled pictures")
}
