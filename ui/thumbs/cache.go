// Package thumbs shows pictures small: a cache that decodes thumbnails off
// the UI goroutine, and the selectable, draggable tile of the labelling
// grid. It knows nothing of projects or screens.
package thumbs

import (
	"container/list"
	"fmt"
	"image"
	"runtime"
	"sync"

	"fyne.io/fyne/v2"
	"github.com/disintegration/imaging"
	_ "golang.org/x/image/bmp"  // register BMP
	_ "golang.org/x/image/webp" // register WebP
)

// maxBytes bounds the cached pixels: 48 MB is about 1,300 thumbnails of
// 112×84 px, several screens full even on a large monitor, whatever the
// number of pictures in the project.
const maxBytes = 48 << 20

// thumb is one decoded thumbnail (or why there is none).
type thumb struct {
	path string
	img  image.Image
	err  error
}

// bytes is roughly what th holds in memory.
func (th thumb) bytes() int {
	if th.img == nil {
		return 64
	}
	b := th.img.Bounds()
	return b.Dx()*b.Dy()*4 + 64
}

// waiter is one Request waiting for a thumbnail. wanted, when set, says
// (from any goroutine) whether it still wants it.
type waiter struct {
	wanted func() bool
	done   func(image.Image, error)
}

func (w waiter) stillWanted() bool { return w.wanted == nil || w.wanted() }

// Cache decodes pictures into small images off the UI goroutine and keeps
// the most recently used ones, so scrolling a grid back and forth decodes
// each file once. At most a few decoding jobs run at a time, newest
// request first: in a grid those are the cells now on screen. A request
// nobody wants any more (its tile has scrolled away) is dropped undecoded.
type Cache struct {
	launch  func(job func())
	size    int
	limit   int // cached bytes kept; the least recently used go first
	workers int // decoding jobs running at most at once

	mu      sync.Mutex
	cache   map[string]*list.Element // of lru, whose values are thumbs
	lru     *list.List               // most recently used first
	bytes   int                      // held by the cached thumbnails
	waiting map[string][]waiter      // asked for, not decoded yet
	queue   []string                 // the waiting paths, newest request last
	running int                      // decoding jobs started and not finished
	decoded int                      // files decoded since the cache was made
}

// NewCache decodes size×size thumbnails in jobs started by launch (a
// goroutine in the app, inline in tests).
func NewCache(launch func(job func()), size int) *Cache {
	return &Cache{launch: launch, size: size, limit: maxBytes,
		workers: max(1, min(4, runtime.NumCPU()-1)),
		cache:   map[string]*list.Element{}, lru: list.New(), waiting: map[string][]waiter{}}
}

// Get calls done with the thumbnail of path on the UI goroutine: at once
// when cached, otherwise after a decoding job. Call it from the UI goroutine.
func (t *Cache) Get(path string, done func(image.Image, error)) {
	t.Request(path, nil, done)
}

// Request is Get for a caller that may stop wanting the thumbnail (a grid
// cell recycled for another picture): wanted is asked, from a decoding
// job's goroutine, just before the file is decoded, and when no caller
// wants it any more, it is not decoded and done is never called. A nil
// wanted always wants it.
func (t *Cache) Request(path string, wanted func() bool, done func(image.Image, error)) {
	t.mu.Lock()
	if e, ok := t.cache[path]; ok {
		t.lru.MoveToFront(e)
		th := e.Value.(thumb)
		t.mu.Unlock()
		done(th.img, th.err)
		return
	}
	if len(t.waiting[path]) == 0 {
		t.queue = append(t.queue, path)
	}
	t.waiting[path] = append(t.waiting[path], waiter{wanted, done})
	start := t.running < t.workers
	if start {
		t.running++
	}
	t.mu.Unlock()
	if start {
		t.launch(t.work)
	}
}

// work decodes waiting thumbnails, newest request first, until none is left.
func (t *Cache) work() {
	for {
		path, ok := t.next()
		if !ok {
			return
		}
		img, err := loadThumbnail(path, t.size)
		waiters := t.keep(thumb{path, img, err})
		fyne.Do(func() {
			for _, w := range waiters {
				w.done(img, err)
			}
		})
	}
}

// next takes the newest waiting path someone still wants, dropping those
// nobody does; when there is none, the job ends.
func (t *Cache) next() (string, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for len(t.queue) > 0 {
		path := t.queue[len(t.queue)-1]
		t.queue = t.queue[:len(t.queue)-1]
		var still []waiter
		for _, w := range t.waiting[path] {
			if w.stillWanted() {
				still = append(still, w)
			}
		}
		if len(still) > 0 {
			t.waiting[path] = still
			return path, true
		}
		delete(t.waiting, path)
	}
	t.running--
	return "", false
}

// keep caches th, evicting the least recently used beyond the limit, and
// returns who waits for it.
func (t *Cache) keep(th thumb) []waiter {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.decoded++
	t.cache[th.path] = t.lru.PushFront(th)
	t.bytes += th.bytes()
	for t.bytes > t.limit && t.lru.Len() > 1 {
		old := t.lru.Remove(t.lru.Back()).(thumb)
		delete(t.cache, old.path)
		t.bytes -= old.bytes()
	}
	waiters := t.waiting[th.path]
	delete(t.waiting, th.path)
	return waiters
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

// Bytes is roughly how much memory the cached thumbnails hold.
func (t *Cache) Bytes() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.bytes
}

// Decoded is how many files the cache has decoded since it was made.
func (t *Cache) Decoded() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.decoded
}
