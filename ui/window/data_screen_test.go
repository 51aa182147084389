package window

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/internal/shareddata"
	"transferlab/ui/fakeengine"
	"transferlab/ui/notices"
	"transferlab/ui/project"
	"transferlab/ui/thumbs"
)

func TestDropParentFolderMakesClassCards(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	drop(u, catsDogs(t))

	if got := u.store.Project().Classes(); !slices.Equal(got, []string{"cat", "dog"}) {
		t.Fatalf("classes = %v, want [cat dog]", got)
	}
	if len(u.data.cards) != 2 {
		t.Fatalf("%d cards, want 2 (no Unlabelled or Excluded pile)", len(u.data.cards))
	}
	for i, want := range []string{"1  cat", "2  dog"} {
		card := u.data.cards[i]
		if !hasText(card, want) || !hasText(card, "30 pictures") {
			t.Errorf("card %d shows %v, want %q and 30 pictures", i, texts(card), want)
		}
	}
	// The first class is shown; its thumbnails were decoded.
	if u.data.view.class != "cat" || len(u.data.images) != 30 {
		t.Errorf("view %+v with %d pictures, want cat with 30", u.data.view, len(u.data.images))
	}
	if u.data.grid.Length() != 30 {
		t.Errorf("grid length %d, want 30", u.data.grid.Length())
	}
	if n := u.thumbs.Len(); n < 8 {
		t.Errorf("%d thumbnails decoded, want at least the 8 on the cards", n)
	}
	// 30 pictures per class is enough: no warnings, only nothing to note.
	for _, n := range notices.Check(u.data.facts()) {
		t.Errorf("unexpected notice: %s: %s", n.Level, n.Text)
	}
}

func TestDropSingleClassFoldersAndLoosePictures(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	root := catsDogs(t)
	drop(u, filepath.Join(root, "dog"))
	drop(u, filepath.Join(root, "cat"))
	if got := u.store.Project().Classes(); !slices.Equal(got, []string{"dog", "cat"}) {
		t.Fatalf("classes = %v, want [dog cat] in drop order", got)
	}
	loose := shareddata.Path(t, "images/imagenet-samples/dog.jpg")
	drop(u, loose)
	if got := u.store.Project().Unlabelled(); !slices.Equal(got, []string{loose}) {
		t.Errorf("unlabelled = %v, want the loose picture", got)
	}
	if len(u.data.cards) != 3 || !hasText(u.data.cards[2], "Unlabelled") {
		t.Errorf("want a third card for Unlabelled, cards: %d", len(u.data.cards))
	}
	if !hasText(u.data.notices, "1 picture(s) have no class yet") {
		t.Errorf("notices %v lack the unlabelled note", texts(u.data.notices))
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

	u := newTestApp(t, fakeengine.New())
	drop(u, dir)
	all := strings.Join(texts(u.data.notices), "\n")
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
func gridTile(t *testing.T, u *App, path string) *thumbs.Tile {
	t.Helper()
	var found *thumbs.Tile
	walk(u.data.grid, func(o fyne.CanvasObject) {
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
func selectPictures(t *testing.T, u *App, n int) []string {
	t.Helper()
	for _, p := range u.data.images[:n] {
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(gridTile(t, u, p)).AddXY(5, 5)
		test.TapCanvas(u.win.Canvas(), at)
	}
	return u.data.selection()
}

func TestNumberKeysMovePicturesAndSaveProject(t *testing.T) {
	root := shareddata.Copy(t, "datasets/catsdogs-60")
	u := newTestApp(t, fakeengine.New())
	projPath := filepath.Join(t.TempDir(), "pets"+project.Extension)
	if err := u.SaveProject(projPath); err != nil {
		t.Fatal(err)
	}
	drop(u, root)
	moved := selectPictures(t, u, 3)
	before := shareddata.FileState(t, moved[0])
	if !hasText(u.data.viewTitle, "(3 selected)") {
		t.Errorf("title %q does not count the selection", u.data.viewTitle.Text)
	}

	test.TypeOnCanvas(u.win.Canvas(), "2")

	if got := len(u.store.Project().ImagesOf("dog")); got != 33 {
		t.Errorf("dog has %d pictures after pressing 2, want 33", got)
	}
	if !hasText(u.data.cards[0], "27 pictures") || !hasText(u.data.cards[1], "33 pictures") {
		t.Errorf("cards not updated: %v / %v", texts(u.data.cards[0]), texts(u.data.cards[1]))
	}
	saved, err := project.Load(projPath)
	if err != nil {
		t.Fatal(err)
	}
	if im, _ := saved.Image(moved[0]); im.Class != "dog" {
		t.Errorf("project file has %s as %q, want dog", moved[0], im.Class)
	}
	if shareddata.FileState(t, moved[0]) != before {
		t.Error("relabelling touched the picture file")
	}
	if _, err := os.Stat(filepath.Join(root, "cat", filepath.Base(moved[0]))); err != nil {
		t.Errorf("picture no longer in its folder: %v", err)
	}
	// A key for a class that does not exist does nothing.
	selectPictures(t, u, 1)
	test.TypeOnCanvas(u.win.Canvas(), "7")
	if len(u.store.Project().ImagesOf("cat")) != 27 {
		t.Error("pressing 7 with two classes moved pictures")
	}
}

func TestExcludeAndIncludeWithKeysAndButtons(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	drop(u, catsDogs(t))
	picked := selectPictures(t, u, 2)
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if got := u.store.Project().Excluded(); !slices.Equal(got, picked) {
		t.Fatalf("excluded = %v, want %v", got, picked)
	}
	if len(u.data.cards) != 3 || !hasText(u.data.cards[2], "Excluded") || !hasText(u.data.cards[2], "2 pictures") {
		t.Fatalf("want an Excluded card with 2 pictures")
	}
	if !hasText(u.data.notices, "2 picture(s) are excluded") {
		t.Errorf("notices %v lack the exclusion note", texts(u.data.notices))
	}
	test.Tap(u.data.cards[2])
	if u.data.view.kind != viewExcluded || len(u.data.images) != 2 {
		t.Fatalf("tapping the Excluded card shows %+v with %d pictures", u.data.view, len(u.data.images))
	}
	selectPictures(t, u, 1)
	if u.data.includeBtn.Disabled() {
		t.Fatal("Include button disabled with a selection in Excluded")
	}
	test.Tap(u.data.includeBtn)
	if got := u.store.Project().Excluded(); len(got) != 1 {
		t.Errorf("excluded after include = %v, want 1 picture", got)
	}
	// Moving an excluded picture to a class includes it again.
	selectPictures(t, u, 1)
	test.TypeOnCanvas(u.win.Canvas(), "2")
	if len(u.store.Project().Excluded()) != 0 || len(u.store.Project().ImagesOf("dog")) != 31 {
		t.Errorf("moving out of Excluded: excluded %d, dogs %d", len(u.store.Project().Excluded()), len(u.store.Project().ImagesOf("dog")))
	}
}

func TestNewAndRenameClassThroughDialogs(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	drop(u, catsDogs(t))

	u.data.askNewClass()
	dlg := topOverlay(t, u)
	var entry *widget.Entry
	walk(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	})
	test.Type(entry, "unsure")
	test.Tap(button(t, dlg, "Create"))
	if got := u.store.Project().Classes(); !slices.Equal(got, []string{"cat", "dog", "unsure"}) {
		t.Fatalf("classes = %v", got)
	}
	if !hasText(u.data.cards[2], "3  unsure") || !hasText(u.data.cards[2], "0 pictures") {
		t.Errorf("new class card shows %v", texts(u.data.cards[2]))
	}
	if !hasText(u.data.notices, `Class "unsure" has no pictures yet`) {
		t.Errorf("notices %v lack the empty-class warning", texts(u.data.notices))
	}

	test.Tap(u.data.renameBtn) // renames the shown class, cat
	dlg = topOverlay(t, u)
	walk(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	})
	entry.SetText("kitten")
	test.Tap(button(t, dlg, "Rename"))
	if got := u.store.Project().Classes(); !slices.Equal(got, []string{"kitten", "dog", "unsure"}) {
		t.Fatalf("classes after rename = %v", got)
	}
	if u.data.view.class != "kitten" || len(u.data.images) != 30 {
		t.Errorf("view follows rename: %+v, %d pictures", u.data.view, len(u.data.images))
	}
}

func TestDragPictureOntoClassCard(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	drop(u, catsDogs(t))
	path := u.data.images[0]
	dogCard := u.data.cards[1]
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(dogCard).AddXY(5, 5)

	tile := gridTile(t, u, path)
	tile.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: at}})
	tile.DragEnd()

	if im, _ := u.store.Project().Image(path); im.Class != "dog" {
		t.Errorf("dragged picture has class %q, want dog", im.Class)
	}
	// Dropping outside every card changes nothing.
	path = u.data.images[0]
	tile = gridTile(t, u, path)
	tile.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(-50, -50)}})
	tile.DragEnd()
	if im, _ := u.store.Project().Image(path); im.Class != "cat" {
		t.Errorf("drop outside the cards relabelled %s to %q", path, im.Class)
	}
}

func TestExportLabelledDataset(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	drop(u, catsDogs(t))
	selectPictures(t, u, 5)
	u.data.excludeSelected()
	out := filepath.Join(t.TempDir(), "export")
	u.data.exportTo(out)
	for class, want := range map[string]int{"cat": 25, "dog": 30} {
		entries, err := os.ReadDir(filepath.Join(out, class))
		if err != nil || len(entries) != want {
			t.Errorf("%s: %d files (err %v), want %d", class, len(entries), err, want)
		}
	}
	if !strings.Contains(u.status.Text, "Exported 55 pictures in 2 class folders") {
		t.Errorf("status = %q", u.status.Text)
	}
}

func TestSaveAndReopenProject(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	drop(u, catsDogs(t))
	moved := selectPictures(t, u, 1)
	test.TypeOnCanvas(u.win.Canvas(), "2")
	path := filepath.Join(t.TempDir(), "pets")
	if err := u.SaveProject(path); err != nil {
		t.Fatal(err)
	}
	if u.win.Title() != "pets - TransferLab" {
		t.Errorf("title = %q", u.win.Title())
	}

	v := newTestApp(t, fakeengine.New(), WithProject(path+project.Extension))
	if im, _ := v.store.Project().Image(moved[0]); im.Class != "dog" {
		t.Errorf("reopened project lost the relabelling: %+v", im)
	}
	if got := len(v.store.Project().ImagesOf("cat")); got != 29 {
		t.Errorf("reopened project has %d cats, want 29 (re-scan must keep labels)", got)
	}
	if !hasText(v.data.cards[1], "31 pictures") {
		t.Errorf("dog card after reopening: %v", texts(v.data.cards[1]))
	}
}

func TestReadingFoldersShowsProgressAndCanBeCancelled(t *testing.T) {
	eng := fakeengine.New()
	u := newTestApp(t, eng)
	s := u.data.scanning
	var seen []string
	eng.OnScan = func(done, total int) {
		if done == 30 {
			seen = append(seen, s.bar.TextFormatter())
			if !s.content.Visible() || s.cancel.Disabled() {
				t.Error("progress bar or Cancel not shown while reading")
			}
		}
	}
	drop(u, catsDogs(t))
	if len(seen) != 1 || seen[0] != "30 of 60 pictures" || s.content.Visible() {
		t.Errorf("progress seen %q; bar still shown %v", seen, s.content.Visible())
	}

	eng.OnScan = func(done, total int) {
		if done == 3 {
			test.Tap(s.cancel)
		}
	}
	drop(u, shareddata.Path(t, "images/imagenet-samples"))
	if got := u.store.Project().Classes(); !slices.Equal(got, []string{"cat", "dog"}) {
		t.Errorf("a cancelled read added pictures: classes %v", got)
	}
	if !strings.HasPrefix(u.status.Text, "Stopped reading the pictures; nothing was added") || s.content.Visible() {
		t.Errorf("after cancel: status %q, bar shown %v", u.status.Text, s.content.Visible())
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("cancelling showed an error dialog")
	}
}
