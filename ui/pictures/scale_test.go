package pictures

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/disintegration/imaging"

	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
	"transferlab/ui/thumbs"
	"transferlab/ui/uitest"
)

// manyPictures writes n distinct small JPEGs (128×96) into dir/class, made
// from the shared cat and dog photos: picture i is photo i mod 60 with i
// written as a row of black and white blocks along its top, so no two
// files hold the same picture. It returns their paths, sorted.
func manyPictures(tb testing.TB, dir, class string, n int) []string {
	tb.Helper()
	var photos []image.Image
	for _, animal := range []string{"cat", "dog"} {
		for i := 1; i <= 30; i++ {
			path := filepath.Join(catsDogs(tb), animal, fmt.Sprintf("%s-%02d.jpg", animal, i))
			img, err := imaging.Open(path)
			if err != nil {
				tb.Fatalf("reading the shared photo: %v", err)
			}
			photos = append(photos, imaging.Fill(img, 128, 96, imaging.Center, imaging.Linear))
		}
	}
	folder := filepath.Join(dir, class)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		tb.Fatal(err)
	}
	paths := make([]string, n)
	for i := range paths {
		img := imaging.Clone(photos[i%len(photos)])
		for bit := 0; bit < 16; bit++ { // 16 blocks of 8×8 px: i < 65536
			c := color.NRGBA{A: 255}
			if i>>bit&1 == 1 {
				c = color.NRGBA{R: 255, G: 255, B: 255, A: 255}
			}
			for y := 0; y < 8; y++ {
				for x := bit * 8; x < bit*8+8; x++ {
					img.SetNRGBA(x, y, c)
				}
			}
		}
		paths[i] = filepath.Join(folder, fmt.Sprintf("pic-%05d.jpg", i))
		if err := writeJPEG(paths[i], img); err != nil {
			tb.Fatal(err)
		}
	}
	return paths
}

func writeJPEG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 85}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// projectOf is a saved-and-reopened project in miniature: one class holding
// paths, and an empty class to label them with.
func projectOf(tb testing.TB, class string, paths []string) *project.Project {
	tb.Helper()
	p := project.New()
	if _, err := p.AddImages(class, paths); err != nil {
		tb.Fatal(err)
	}
	if err := p.AddClass("labelled"); err != nil {
		tb.Fatal(err)
	}
	return p
}

// benchPictures is how many pictures the scale benchmark uses:
// TRANSFERLAB_BENCH_PICTURES, 10,000 by default.
func benchPictures(tb testing.TB) int {
	s := os.Getenv("TRANSFERLAB_BENCH_PICTURES")
	if s == "" {
		return 10000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		tb.Fatalf("TRANSFERLAB_BENCH_PICTURES=%q is not a positive number", s)
	}
	return n
}

// tilesOn adds to seen the tiles the grid shows now.
func tilesOn(d *Screen, seen map[*thumbs.Tile]bool) {
	uitest.Walk(d.grid, func(o fyne.CanvasObject) {
		if tile, ok := o.(*thumbs.Tile); ok {
			seen[tile] = true
		}
	})
}

func TestOnlyPicturesOnScreenAreDecoded(t *testing.T) {
	const n = 600
	paths := manyPictures(t, t.TempDir(), "mixed", n)
	var q jobQueue
	b, d := newBenchWith(t, fakeengine.New(), "", q.launch)
	b.Store.Open(projectOf(t, "mixed", paths), "")
	q.run()
	tiles := map[*thumbs.Tile]bool{}
	tilesOn(d, tiles)
	cells := len(tiles)
	if cells == 0 || cells > 100 {
		t.Fatalf("the grid shows %d tiles for %d pictures, want a screenful", cells, n)
	}
	// The grid's cells and the card's four small ones, no more.
	if got := d.thumbs.Decoded(); got > cells+4 {
		t.Errorf("showing the screen decoded %d pictures; %d cells are on screen", got, cells)
	}

	// Scrolling through everything before the decoders get a turn decodes
	// the last screenful, not the pictures scrolled past. (Tiles the grid
	// keeps aside for later are not told they left the screen; there are
	// fewer of them than a screenful and a row, so that is the bound: 600
	// pictures without the grid's recycling would make 600 tiles.)
	before := d.thumbs.Decoded()
	for off := float32(0); off <= float32(n)*200; off += 300 {
		d.grid.ScrollToOffset(off)
		tilesOn(d, tiles)
	}
	q.run()
	if got := d.thumbs.Decoded() - before; got > len(tiles) || len(tiles) > 2*cells+d.grid.ColumnCount() {
		t.Errorf("scrolling to the end decoded %d pictures; the grid made %d tiles, %d on screen at once", got, len(tiles), cells)
	}
	last := gridTile(t, b, d, paths[n-1])
	if last.Path() != paths[n-1] {
		t.Fatalf("the last tile shows %s", last.Path())
	}
	var shown bool
	uitest.Walk(last, func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Image != nil {
			shown = true
		}
	})
	if !shown {
		t.Error("the last picture's thumbnail is not shown after scrolling to the end")
	}
}
