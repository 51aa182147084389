//go:build linux && !(cgo && pioncamera)

package camera

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/blackjack/webcam"
	"golang.org/x/sys/unix"
)

// System lists the computer's cameras: on Linux, Video4Linux devices
// through github.com/blackjack/webcam (pure Go, no cgo).
func System() Lister { return v4l2Lister{} }

// The pixel formats read, in order of preference: YUYV is what every USB
// camera sends at 640×480 and needs no decoder; MJPEG is the fallback.
const (
	formatYUYV  = webcam.PixelFormat('Y' | 'U'<<8 | 'Y'<<16 | 'V'<<24)
	formatMJPEG = webcam.PixelFormat('M' | 'J'<<8 | 'P'<<16 | 'G'<<24)
)

// wantWidth, wantHeight is the frame size asked for: plenty for 224×224
// networks and cheap to show and save several times a second.
const wantWidth, wantHeight = 640, 480

type v4l2Lister struct{}

// List returns the capture devices under /dev/video*. Devices that are
// busy or refused are listed (Open says why); metadata nodes are not.
func (v4l2Lister) List() ([]Info, error) {
	paths, _ := filepath.Glob("/dev/video*")
	sort.Slice(paths, func(i, j int) bool { return videoIndex(paths[i]) < videoIndex(paths[j]) })
	var out []Info
	for _, p := range paths {
		name := sysfsName(p)
		cam, err := webcam.Open(p)
		if err != nil {
			if r := reasonOf(err); r == Busy || r == Denied {
				out = append(out, Info{ID: p, Name: name})
			}
			continue // not a capture device (a laptop's metadata node)
		}
		if n, err := cam.GetName(); err == nil && n != "" {
			name = n
		}
		cam.Close()
		out = append(out, Info{ID: p, Name: name})
	}
	return out, nil
}

// videoIndex orders /dev/video10 after /dev/video9.
func videoIndex(path string) int {
	var n int
	fmt.Sscanf(strings.TrimPrefix(path, "/dev/video"), "%d", &n)
	return n
}

// sysfsName is the name the kernel gives the device, or its path.
func sysfsName(dev string) string {
	b, err := os.ReadFile(filepath.Join("/sys/class/video4linux", filepath.Base(dev), "name"))
	if n := strings.TrimSpace(string(b)); err == nil && n != "" {
		return n
	}
	return dev
}

// Open starts streaming from device id (a /dev/video path).
func (v4l2Lister) Open(id string) (Camera, error) {
	cam, err := webcam.Open(id)
	if err != nil {
		return nil, problemOf(id, err)
	}
	c := &v4l2Camera{dev: id, cam: cam}
	if err := c.start(); err != nil {
		cam.Close()
		return nil, err
	}
	return c, nil
}

// v4l2Camera is one streaming device. mu keeps Close from unmapping the
// buffers while Read copies a frame out of them.
type v4l2Camera struct {
	dev           string
	mu            sync.Mutex
	cam           *webcam.Webcam
	format        webcam.PixelFormat
	width, height int
	dht           []byte // JPEG's standard Huffman tables, for MJPEG frames without
	closed        bool
}

func (c *v4l2Camera) start() error {
	formats := c.cam.GetSupportedFormats()
	var chosen webcam.PixelFormat
	for _, f := range []webcam.PixelFormat{formatYUYV, formatMJPEG} {
		if _, ok := formats[f]; ok {
			chosen = f
			break
		}
	}
	if chosen == 0 {
		return &Problem{Reason: Broken, Detail: fmt.Sprintf("%s: no YUYV or MJPEG format among %v", c.dev, formats)}
	}
	w, h := closestSize(c.cam.GetSupportedFrameSizes(chosen))
	f, gotW, gotH, err := c.cam.SetImageFormat(chosen, w, h)
	if err != nil {
		return problemOf(c.dev, err)
	}
	c.format, c.width, c.height = f, int(gotW), int(gotH)
	if f == formatMJPEG {
		c.dht = standardDHT()
	}
	if err := c.cam.SetBufferCount(4); err != nil {
		return problemOf(c.dev, err)
	}
	if err := c.cam.StartStreaming(); err != nil {
		return problemOf(c.dev, err)
	}
	return nil
}

// closestSize picks the supported size nearest 640×480 in area.
func closestSize(sizes []webcam.FrameSize) (uint32, uint32) {
	bestW, bestH, best := uint32(wantWidth), uint32(wantHeight), -1
	for _, s := range sizes {
		w := min(max(uint32(wantWidth), s.MinWidth), s.MaxWidth)
		h := min(max(uint32(wantHeight), s.MinHeight), s.MaxHeight)
		d := int(w)*int(h) - wantWidth*wantHeight
		if d < 0 {
			d = -d
		}
		if best < 0 || d < best {
			bestW, bestH, best = w, h, d
		}
	}
	return bestW, bestH
}

// Read waits for a frame, a tenth of a second at a time so ctx and Close
// (which waits for the lock) are heard soon.
// A damaged frame (USB cameras send one now and then) is skipped; only a
// second of them in a row stops the camera.
func (c *v4l2Camera) Read(ctx context.Context) (image.Image, error) {
	damaged := 0
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		img, err := c.tryRead()
		var p *Problem
		if errors.As(err, &p) && p.Reason == Broken && damaged < 30 {
			damaged++
			continue
		}
		if img != nil || err != nil {
			return img, err
		}
	}
}

// tryRead returns a frame, or nothing when none came within 100 ms.
func (c *v4l2Camera) tryRead() (image.Image, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, errors.New("the camera was closed")
	}
	err := c.cam.WaitForFrame(100)
	var timeout *webcam.Timeout
	if errors.As(err, &timeout) {
		return nil, nil
	}
	if err != nil {
		return nil, problemOf(c.dev, err)
	}
	frame, index, err := c.cam.GetFrame()
	if err != nil || len(frame) == 0 {
		return nil, nil // a frame that was not ready after all (EAGAIN)
	}
	defer c.cam.ReleaseFrame(index)
	return c.decode(frame)
}

// decode copies the driver's buffer into an image of our own.
func (c *v4l2Camera) decode(frame []byte) (image.Image, error) {
	if c.format == formatMJPEG {
		img, err := jpeg.Decode(bytes.NewReader(withHuffmanTables(frame, c.dht)))
		if err != nil {
			return nil, &Problem{Reason: Broken, Detail: fmt.Sprintf("%s: %v", c.dev, err)}
		}
		return img, nil
	}
	return yuyvImage(frame, c.width, c.height)
}

// Close stops streaming and releases the device.
func (c *v4l2Camera) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	return c.cam.Close()
}

// reasonOf sorts a system error into the reasons users can act on.
func reasonOf(err error) Reason {
	msg := strings.ToLower(err.Error())
	switch {
	case errors.Is(err, unix.EBUSY) || strings.Contains(msg, "busy"):
		return Busy
	case errors.Is(err, unix.EACCES) || errors.Is(err, unix.EPERM) || strings.Contains(msg, "permission denied"):
		return Denied
	case errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ENODEV) || errors.Is(err, unix.ENXIO):
		return None
	}
	return Broken
}

func problemOf(dev string, err error) error {
	return &Problem{Reason: reasonOf(err), Detail: fmt.Sprintf("%s: %v", dev, err)}
}
