package camera

import (
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // the pictures a slideshow plays
	_ "image/png"
	"io"
	"os"
	"sync"
	"time"
)

// Slideshow is a camera without hardware: it plays pictures decoded from
// files as its frames, one per Read, so tests (and machines without a
// camera) feed real pictures through the same path as a webcam's.
type Slideshow struct {
	frames   []image.Image
	interval time.Duration // between frames; 0 = at once
	loop     bool          // start again after the last picture; else io.EOF

	mu     sync.Mutex
	next   int
	reads  int
	closed bool
}

// NewSlideshow decodes files (JPEG or PNG) at once, so a broken file fails
// here and not in the middle of a test.
func NewSlideshow(files []string, interval time.Duration, loop bool) (*Slideshow, error) {
	s := &Slideshow{interval: interval, loop: loop}
	for _, f := range files {
		img, err := decodeFile(f)
		if err != nil {
			return nil, err
		}
		s.frames = append(s.frames, img)
	}
	if len(s.frames) == 0 {
		return nil, fmt.Errorf("a slideshow needs at least one picture")
	}
	return s, nil
}

func decodeFile(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

// Read returns the next picture after the interval.
func (s *Slideshow) Read(ctx context.Context) (image.Image, error) {
	if s.interval > 0 {
		t := time.NewTimer(s.interval)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-t.C:
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return nil, fmt.Errorf("the camera was closed")
	case s.next == len(s.frames) && !s.loop:
		return nil, io.EOF
	case s.next == len(s.frames):
		s.next = 0
	}
	img := s.frames[s.next]
	s.next++
	s.reads++
	return img, nil
}

// Close stops the slideshow; later Reads fail.
func (s *Slideshow) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

// Closed reports whether Close was called: tests check the camera is
// released.
func (s *Slideshow) Closed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// Reads counts the pictures read so far.
func (s *Slideshow) Reads() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reads
}

// Frame returns picture i of the slideshow, as Read returns it.
func (s *Slideshow) Frame(i int) image.Image { return s.frames[i%len(s.frames)] }

// Shelf lists slideshows as the computer's cameras: the tests' Lister.
type Shelf struct {
	mu      sync.Mutex
	cameras []Info
	shows   map[string]func() (*Slideshow, error)
	opened  map[string][]*Slideshow
	fail    map[string]error
}

// NewShelf returns a shelf without cameras (List says none).
func NewShelf() *Shelf {
	return &Shelf{shows: map[string]func() (*Slideshow, error){}, opened: map[string][]*Slideshow{}, fail: map[string]error{}}
}

// Add puts a camera called name on the shelf, playing files; each Open
// starts a new slideshow of them. Its ID is name.
func (s *Shelf) Add(name string, files []string, interval time.Duration, loop bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cameras = append(s.cameras, Info{ID: name, Name: name})
	s.shows[name] = func() (*Slideshow, error) { return NewSlideshow(files, interval, loop) }
}

// Fail makes opening camera id fail with err, as a busy or refused camera
// does.
func (s *Shelf) Fail(id string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail[id] = err
}

// List returns the cameras added, in order.
func (s *Shelf) List() ([]Info, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Info(nil), s.cameras...), nil
}

// Open starts a slideshow of camera id.
func (s *Shelf) Open(id string) (Camera, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.fail[id]; err != nil {
		return nil, err
	}
	start, ok := s.shows[id]
	if !ok {
		return nil, &Problem{Reason: None, Detail: "no camera " + id}
	}
	show, err := start()
	if err != nil {
		return nil, err
	}
	s.opened[id] = append(s.opened[id], show)
	return show, nil
}

// Opened returns the slideshows camera id started, oldest first.
func (s *Shelf) Opened(id string) []*Slideshow {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Slideshow(nil), s.opened[id]...)
}
