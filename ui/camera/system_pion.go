//go:build (darwin && cgo) || (windows && cgo && dshow) || (linux && cgo && pioncamera)

package camera

import (
	"context"
	"fmt"
	"image"
	"image/draw"
	"sort"
	"strings"
	"sync"

	"github.com/pion/mediadevices/pkg/driver"
	_ "github.com/pion/mediadevices/pkg/driver/camera" // registers the system's cameras
	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"
)

// System lists the computer's cameras through github.com/pion/mediadevices:
// AVFoundation on macOS, DirectShow on Windows (built with -tags dshow and
// mingw-w64's g++; see windows_static.go), or Video4Linux with -tags
// pioncamera (the Linux app otherwise uses system_linux.go, which needs
// no cgo).
func System() Lister { return pionLister{} }

type pionLister struct{}

func cameras() []driver.Driver {
	ds := driver.GetManager().Query(driver.FilterAnd(driver.FilterVideoRecorder(), driver.FilterDeviceType(driver.Camera)))
	sort.Slice(ds, func(i, j int) bool { return ds[i].Info().Label < ds[j].Info().Label })
	return ds
}

func (pionLister) List() ([]Info, error) {
	var out []Info
	for _, d := range cameras() {
		name := d.Info().Name
		if name == "" {
			name = d.Info().Label
		}
		out = append(out, Info{ID: d.ID(), Name: name})
	}
	return out, nil
}

func (pionLister) Open(id string) (Camera, error) {
	ds := driver.GetManager().Query(driver.FilterID(id))
	if len(ds) == 0 {
		return nil, &Problem{Reason: None, Detail: "no camera " + id}
	}
	d := ds[0]
	if d.Status() != driver.StateClosed {
		return nil, &Problem{Reason: Busy, Detail: "the camera is already open in TransferLab"}
	}
	if err := d.Open(); err != nil {
		return nil, pionProblem(err)
	}
	rec, ok := d.(driver.VideoRecorder)
	props := d.Properties()
	if !ok || len(props) == 0 {
		d.Close()
		return nil, &Problem{Reason: Broken, Detail: "the camera offers no picture format"}
	}
	r, err := rec.VideoRecord(closestMedia(props))
	if err != nil {
		d.Close()
		return nil, pionProblem(err)
	}
	return &pionCamera{d: d, r: r}, nil
}

// closestMedia picks the format nearest 640×480 in area.
func closestMedia(props []prop.Media) prop.Media {
	best, bestD := props[0], -1
	for _, p := range props {
		d := p.Width*p.Height - 640*480
		if d < 0 {
			d = -d
		}
		if bestD < 0 || d < bestD {
			best, bestD = p, d
		}
	}
	return best
}

// pionProblem sorts pion's errors (plain strings) into reasons.
func pionProblem(err error) error {
	msg := strings.ToLower(err.Error())
	r := Broken
	switch {
	case strings.Contains(msg, "busy") || strings.Contains(msg, "in use"):
		r = Busy
	case strings.Contains(msg, "denied") || strings.Contains(msg, "not authorized") || strings.Contains(msg, "permission"):
		r = Denied
	}
	return &Problem{Reason: r, Detail: err.Error()}
}

type pionCamera struct {
	mu     sync.Mutex
	d      driver.Driver
	r      video.Reader
	closed bool
}

// Read returns the next frame, copied out of the driver's buffers (the
// Windows driver reuses one). ctx is checked between frames: the drivers
// wait at most a few seconds for one.
func (c *pionCamera) Read(ctx context.Context) (image.Image, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	img, _, err := c.r.Read() // not releasing: the driver allocates anew
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, pionProblem(err)
	}
	if img == nil {
		return nil, &Problem{Reason: Broken, Detail: "the driver returned no picture"}
	}
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out, nil
}

func (c *pionCamera) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	if err := c.d.Close(); err != nil {
		return fmt.Errorf("closing the camera: %w", err)
	}
	return nil
}
