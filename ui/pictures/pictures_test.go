package pictures

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/internal/shareddata"
	"transferlab/ui/fakeengine"
	"transferlab/ui/notices"
	"transferlab/ui/thumbs"
	"transferlab/ui/uitest"
)

func TestDropParentFolderMakesClassCards(t *testing.T) {
	b, d := newBench(t, fakeengine.New(), "")
	add(d, catsDogs(t))

	if got := b.Store.Project().Classes(); !slices.Equal(got, []string{"cat", "dog"}) {
		t.Fatalf("classes = %v, want [cat dog]", got)
	}
	if len(d.cards) != 2 {
		t.Fatalf("%d cards, want 2 (no Unlabelled or Excluded pile)", len(d.cards))
	}
	for i, want := range []string{"1  cat", "2  dog"} {
		card := d.cards[i]
		if !uitest.HasLabel(card, want) || !uitest.HasLabel(card, "30 pictures") {
			t.Errorf("card %d shows %v, want %q and 30 pictures", i, uitest.Labels(card), want)
		}
	}
	// The first class is shown; its thumbnails were decoded.
	if d.view.class != "cat" || len(d.images) != 30 {
		t.Errorf("view %+v with %d pictures, want cat with 30", d.view, len(d.images))
	}
	if d.grid.Length() != 30 {
		t.Errorf("grid length %d, want 30", d.grid.Length())
	}
	if n := d.thumbs.Len(); n < 8 {
		t.Errorf("%d thumbnails decoded, want at least the 8 on the cards", n)
	}
	// 30 pictures per class is enough: no warnings, only nothing to note.
	for _, n := range notices.Check(d.facts()) {
		t.Errorf("unexpected notice: %s: %s", n.Level, n.Text)
	}
}

func TestDropSingleClassFoldersAndLoosePictures(t *testing.T) {
	b, d := newBench(t, fakeengine.New(), "")
	root := catsDogs(t)
	add(d, filepath.Join(root, "dog"))
	add(d, filepath.Join(root, "cat"))
	if got := b.Store.Project().Classes(); !slices.Equal(got, []string{"dog", "cat"}) {
		t.Fatalf("classes = %v, want [dog cat] in drop order", got)
	}
	loose := shareddata.Path(t, "images/imagenet-samples/dog.jpg")
	add(d, loose)
	if got := b.Store.Project().Unlabelled(); !slices.Equal(got, []string{loose}) {
		t.Errorf("unlabelled = %v, want the loose picture", got)
	}
	if len(d.cards) != 3 || !uitest.HasLabel(d.cards[2], "Unlabelled") {
		t.Errorf("want a third card for Unlabelled, cards: %d", len(d.cards))
	}
	if !uitest.HasLabel(d.notices, "1 picture(s) have no class yet") {
		t.Errorf("notices %v lack the unlabelled note", uitest.Labels(d.notices))
	}
}

func TestWarningsForFewImbalancedAndUnreadable(t *testing.T) {
	dir := t.TempDir()
	src := catsDogs(t)
	for _, class := range []string{"cat", "dog"} {
		os.Mkdir(filepath.Join(dir, class), 0o755)
	}
	entries, _ := os.ReadDir(filepath.Join(src, "dog"))
	for _, e := range entries[:12] {
		data, _ := os.ReadFile(filepath.Join(src, "dog", e.Name()))
		os.WriteFile(filepath.Join(dir, "dog", e.Name()), data, 0o644)
	}
	data, _ := os.ReadFile(filepath.Join(src, "cat", "cat-01.jpg"))
	os.WriteFile(filepath.Join(dir, "cat", "cat-01.jpg"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "cat", "cat-02.jpg"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "cat", "empty.jpg"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "cat", "notes.txt"), []byte("hello"), 0o644)

	_, d := newBench(t, fakeengine.New(), "")
	add(d, dir)
	all := strings.Join(uitest.Labels(d.notices), "\n")
	for _, want := range []string{
		`Warning: Class "cat" has only 2 pictures`,
		`Warning: The classes are unbalanced: "dog" has 12 pictures, "cat" only 2`,
		"Warning: 2 file(s) could not be read",
		filepath.Join(dir, "cat", "empty.jpg") + ": empty file (0 bytes)",
		filepath.Join(dir, "cat", "notes.txt") + ": not a picture",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("notices lack %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "Problem:") {
		t.Errorf("two usable classes reported as a problem:\n%s", all)
	}
}

// gridTile returns the tile the picture grid shows for path.
func gridTile(t *testing.T, b *uitest.Bench, d *Screen, path string) *thumbs.Tile {
	t.Helper()
	var found *thumbs.Tile
	uitest.Walk(d.grid, func(o fyne.CanvasObject) {
		if tile, ok := o.(*thumbs.Tile); ok && tile.Path() == path && tile.Visible() {
			found = tile
		}
	})
	if found == nil {
		t.Fatalf("no tile shows %s", path)
	}
	return found
}

// selectPictures taps the first n pictures of the grid where they are on
// the window, as a user would, and returns the selection.
func selectPictures(t *testing.T, b *uitest.Bench, d *Screen, n int) []string {
	t.Helper()
	for _, p := range d.images[:n] {
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(gridTile(t, b, d, p)).AddXY(5, 5)
		test.TapCanvas(b.Win.Canvas(), at)
	}
	return d.selection()
}

func TestExcludeAndIncludeWithKeysAndButtons(t *testing.T) {
	b, d := newBench(t, fakeengine.New(), "")
	add(d, catsDogs(t))
	picked := selectPictures(t, b, d, 2)
	b.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if got := b.Store.Project().Excluded(); !slices.Equal(got, picked) {
		t.Fatalf("excluded = %v, want %v", got, picked)
	}
	if len(d.cards) != 3 || !uitest.HasLabel(d.cards[2], "Excluded") || !uitest.HasLabel(d.cards[2], "2 pictures") {
		t.Fatalf("want an Excluded card with 2 pictures")
	}
	if !uitest.HasLabel(d.notices, "2 picture(s) are excluded") {
		t.Errorf("notices %v lack the exclusion note", uitest.Labels(d.notices))
	}
	test.Tap(d.cards[2])
	if d.view.kind != viewExcluded || len(d.images) != 2 {
		t.Fatalf("tapping the Excluded card shows %+v with %d pictures", d.view, len(d.images))
	}
	selectPictures(t, b, d, 1)
	if d.includeBtn.Disabled() {
		t.Fatal("Include button disabled with a selection in Excluded")
	}
	test.Tap(d.includeBtn)
	if got := b.Store.Project().Excluded(); len(got) != 1 {
		t.Errorf("excluded after include = %v, want 1 picture", got)
	}
	// Moving an excluded picture to a class includes it again.
	selectPictures(t, b, d, 1)
	test.TypeOnCanvas(b.Win.Canvas(), "2")
	if len(b.Store.Project().Excluded()) != 0 || len(b.Store.Project().ImagesOf("dog")) != 31 {
		t.Errorf("moving out of Excluded: excluded %d, dogs %d", len(b.Store.Project().Excluded()), len(b.Store.Project().ImagesOf("dog")))
	}
}

func TestNewAndRenameClassThroughDialogs(t *testing.T) {
	b, d := newBench(t, fakeengine.New(), "")
	add(d, catsDogs(t))

	d.AskNewClass()
	dlg := b.Overlay(t)
	var entry *widget.Entry
	uitest.Walk(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	})
	test.Type(entry, "unsure")
	test.Tap(uitest.Button(t, dlg, "Create"))
	if got := b.Store.Project().Classes(); !slices.Equal(got, []string{"cat", "dog", "unsure"}) {
		t.Fatalf("classes = %v", got)
	}
	if !uitest.HasLabel(d.cards[2], "3  unsure") || !uitest.HasLabel(d.cards[2], "0 pictures") {
		t.Errorf("new class card shows %v", uitest.Labels(d.cards[2]))
	}
	if !uitest.HasLabel(d.notices, `Class "unsure" has no pictures yet`) {
		t.Errorf("notices %v lack the empty-class warning", uitest.Labels(d.notices))
	}

	test.Tap(d.renameBtn) // renames the shown class, cat
	dlg = b.Overlay(t)
	uitest.Walk(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	})
	entry.SetText("kitten")
	test.Tap(uitest.Button(t, dlg, "Rename"))
	if got := b.Store.Project().Classes(); !slices.Equal(got, []string{"kitten", "dog", "unsure"}) {
		t.Fatalf("classes after rename = %v", got)
	}
	if d.view.class != "kitten" || len(d.images) != 30 {
		t.Errorf("view follows rename: %+v, %d pictures", d.view, len(d.images))
	}
}

func TestDragPictureOntoClassCard(t *testing.T) {
	b, d := newBench(t, fakeengine.New(), "")
	add(d, catsDogs(t))
	path := d.images[0]
	dogCard := d.cards[1]
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(dogCard).AddXY(5, 5)

	tile := gridTile(t, b, d, path)
	tile.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: at}})
	tile.DragEnd()

	if im, _ := b.Store.Project().Image(path); im.Class != "dog" {
		t.Errorf("dragged picture has class %q, want dog", im.Class)
	}
	// Dropping outside every card changes nothing.
	path = d.images[0]
	tile = gridTile(t, b, d, path)
	tile.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(-50, -50)}})
	tile.DragEnd()
	if im, _ := b.Store.Project().Image(path); im.Class != "cat" {
		t.Errorf("drop outside the cards relabelled %s to %q", path, im.Class)
	}
}

func TestExportLabelledDataset(t *testing.T) {
	b, d := newBench(t, fakeengine.New(), "")
	add(d, catsDogs(t))
	selectPictures(t, b, d, 5)
	d.excludeSelected()
	out := filepath.Join(t.TempDir(), "export")
	d.exportTo(out)
	for class, want := range map[string]int{"cat": 25, "dog": 30} {
		entries, err := os.ReadDir(filepath.Join(out, class))
		if err != nil || len(entries) != want {
			t.Errorf("%s: %d files (err %v), want %d", class, len(entries), err, want)
		}
	}
	if !strings.Contains(b.Status, "Exported 55 pictures in 2 class folders") {
		t.Errorf("status = %q", b.Status)
	}
}

func TestReadingFoldersShowsProgressAndCanBeCancelled(t *testing.T) {
	eng := fakeengine.New()
	b, d := newBench(t, eng, "")
	s := d.scanning
	var seen []string
	eng.OnScan = func(done, total int) {
		if done == 30 {
			seen = append(seen, s.bar.TextFormatter())
			if !s.content.Visible() || s.cancel.Disabled() {
				t.Error("progress bar or Cancel not shown while reading")
			}
		}
	}
	add(d, catsDogs(t))
	if len(seen) != 1 || seen[0] != "30 of 60 pictures" || s.content.Visible() {
		t.Errorf("progress seen %q; bar still shown %v", seen, s.content.Visible())
	}

	eng.OnScan = func(done, total int) {
		if done == 3 {
			test.Tap(s.cancel)
		}
	}
	add(d, shareddata.Path(t, "images/imagenet-samples"))
	if got := b.Store.Project().Classes(); !slices.Equal(got, []string{"cat", "dog"}) {
		t.Errorf("a cancelled read added pictures: classes %v", got)
	}
	if !strings.HasPrefix(b.Status, "Stopped reading the pictures; nothing was added") || s.content.Visible() {
		t.Errorf("after cancel: status %q, bar shown %v", b.Status, s.content.Visible())
	}
	if b.Win.Canvas().Overlays().Top() != nil {
		t.Error("cancelling showed an error dialog")
	}
}

func TestSamePictureInTwoClassesIsNamedWithBothPaths(t *testing.T) {
	root := shareddata.Copy(t, "datasets/catsdogs-60")
	cat, mystery := filepath.Join(root, "cat", "cat-01.jpg"), filepath.Join(root, "dog", "mystery.jpg")
	data, err := os.ReadFile(cat)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mystery, data, 0o644); err != nil {
		t.Fatal(err)
	}
	b, d := newBench(t, fakeengine.New(), "")
	add(d, root)

	window := b.Win.Canvas().Content()
	sentence := "Warning: 1 picture is filed under two classes, which teaches the model two answers for one picture."
	if !uitest.HasLabel(window, sentence) {
		t.Fatalf("the window lacks %q:\n%s", sentence, strings.Join(uitest.Labels(window), "\n"))
	}
	if both := cat + " (cat) and " + mystery + " (dog)"; !uitest.HasLabel(window, both) {
		t.Errorf("the window lacks %q:\n%s", both, strings.Join(uitest.Labels(window), "\n"))
	}

	// Filed under one class, the picture is no longer a problem.
	if err := b.Store.Project().SetLabel("cat", mystery); err != nil {
		t.Fatal(err)
	}
	if uitest.HasLabel(window, "filed under two classes") {
		t.Errorf("the warning stays after the copy moved to cat:\n%s", strings.Join(uitest.Labels(window), "\n"))
	}
}

// checked reports whether the tile of path shows a ticked check box.
func checked(t *testing.T, b *uitest.Bench, d *Screen, path string) bool {
	t.Helper()
	var ticked bool
	uitest.Walk(gridTile(t, b, d, path), func(o fyne.CanvasObject) {
		if icon, ok := o.(*widget.Icon); ok && icon.Resource == theme.CheckButtonCheckedIcon() {
			ticked = true
		}
	})
	return ticked
}

func TestTappedPictureShowsItsTick(t *testing.T) {
	b, d := newBench(t, fakeengine.New(), "")
	add(d, catsDogs(t))
	picked := selectPictures(t, b, d, 2)
	for _, p := range d.images[:3] {
		if want := slices.Contains(picked, p); checked(t, b, d, p) != want {
			t.Errorf("%s ticked: %v, want %v", filepath.Base(p), !want, want)
		}
	}
	selectPictures(t, b, d, 1) // tapped again: no longer selected
	if checked(t, b, d, d.images[0]) || !checked(t, b, d, d.images[1]) {
		t.Errorf("after tapping the first again: ticks %v %v, want false true", checked(t, b, d, d.images[0]), checked(t, b, d, d.images[1]))
	}
}
