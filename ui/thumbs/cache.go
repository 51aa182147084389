// Package thumbs shows pictures small: a cache that decodes thumbnails off
// the UI goroutine, and the selectable, draggable tile of the labelling
// grid. It knows nothing of projects or screens.
package thumbs

import (
	"fmt"
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"github.com/disintegration/imaging"
	_ "golang.org/x/image/bmp"  // register BMP
	_ "golang.org/x/image/webp" // register WebP
)

// maxThumbnails bounds the cache: 2000 thumbnails of 112 px are ~100 MB.
const maxThumbnails = 2000

type thumb struct {
	img image.Image
	err error
}

// Cache decodes pictures into small images off the UI goroutine and
// caches them, so scrolling a grid back and forth decodes each file once.
type Cache struct {
	launch func(job func())
	size   int
	limit  int // cached thumbnails kept; the oldest go first

	mu      sync.Mutex
	cache   map[string]thumb
	order   []string // insertion order, for eviction
	waiting map[string][]func(image.Image, error)
}

// NewCache decodes size×size thumbnails in jobs started by launch (a
// goroutine in the app, inline in tests).
func NewCache(launch func(job func()), size int) *Cache {
	return &Cache{launch: launch, size: size, limit: maxThumbnails,
		cache: map[string]thumb{}, waiting: map[string][]func(image.Image, error){}}
}

// Get calls done with the thumbnail of path on the UI goroutine: at once
// when cached, otherwise after a decoding job. Call it from the UI goroutine.
func (t *Cache) Get(path string, done func(image.Image, error)) {
	t.mu.Lock()
	if th, ok := t.cache[path]; ok {
		t.mu.Unlock()
		done(th.img, th.err)
		return
	}
	first := len(t.waiting[path]) == 0
	t.waiting[path] = append(t.waiting[path], done)
	t.mu.Unlock()
	if first {
		t.launch(func() { t.decode(path) })
	}
}

func (t *Cache) decode(path string) {
	img, err := loadThumbnail(path, t.size)
	t.mu.Lock()
	t.cache[path] = thumb{img, err}
	t.order = append(t.order, path)
	if len(t.order) > t.limit {
		delete(t.cache, t.order[0])
		t.order = t.order[1:]
	}
	waiters := t.waiting[path]
	delete(t.waiting, path)
	t.mu.Unlock()
	fyne.Do(func() {
		for _, w := range waiters {
			w(img, err)
		}
	})
}

// loadThumbnail decodes path (respecting EXIF orientation) and shrinks it
// to fit size×size.
func loadThumbnail(path string, size int) (image.Image, error) {
	img, err := imaging.Open(path, imaging.AutoOrientation(true))
	if err != nil {
		return nil, fmt.Errorf("cannot show %s: %w", path, err)
	}
	return imaging.Fit(img, size, size, imaging.Linear), nil
}

// Len is how many thumbnails are cached.
func (t *Cache) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.cache)
}
