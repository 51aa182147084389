// Package camera is the webcam behind a small interface, so the screens
// and their tests do not depend on hardware: the app lists the computer's
// cameras through System, tests through a Shelf of slideshows that play
// real pictures as frames.
package camera

import (
	"context"
	"image"

	"fyne.io/fyne/v2/lang"
)

// Camera is one opened camera. Read and Close may be called from any
// goroutine, but Read from one at a time.
type Camera interface {
	// Read waits for the next picture (frames the caller was too slow to
	// read are dropped by the driver). The picture is the caller's to keep.
	// It fails with ctx's error when ctx ends, and with io.EOF when a
	// source has no more pictures.
	Read(ctx context.Context) (image.Image, error)
	// Close releases the camera, so other programs can use it.
	Close() error
}

// Info names one camera the computer has.
type Info struct {
	ID   string // what Open takes, e.g. /dev/video0
	Name string // what the camera calls itself, for the user
}

// Lister finds the cameras and opens one.
type Lister interface {
	// List returns the cameras found, in the system's order; none is not
	// an error (the screens say so in a sentence: None).
	List() ([]Info, error)
	// Open starts camera id. Its errors are the sentences below where the
	// system says why (busy, refused), wrapped with the technical detail.
	Open(id string) (Camera, error)
}

// Reason is why a camera cannot be used, as a sentence a non-programmer
// can act on (translated when shown). Drivers wrap it in a *Problem that
// keeps the system's own words; test with errors.Is(err, camera.Busy).
type Reason int

// The reasons.
const (
	None        Reason = iota + 1 // no camera at all
	Busy                          // another program holds it
	Denied                        // the system refused permission
	Unsupported                   // this build has no driver for the system
	Broken                        // the camera answered, but not with pictures TransferLab can read
)

func (r Reason) Error() string {
	switch r {
	case None:
		return lang.L("No camera was found. Plug one in and try again.")
	case Busy:
		return lang.L("The camera is being used by another program. Close that program (a video call, for example) and try again.")
	case Denied:
		return lang.L("The computer did not allow TransferLab to use the camera. Allow it in the system's privacy settings (on Linux, ask for your account to be in the video group) and try again.")
	case Unsupported:
		return lang.L("This version of TransferLab cannot use cameras on this computer yet.")
	}
	return lang.L("The camera did not send pictures TransferLab can read. Try another camera, or unplug this one and plug it in again.")
}

// Problem is a Reason with the system's own words, which the sentence
// leaves for a "Details" line rather than explaining them.
type Problem struct {
	Reason Reason
	Detail string // e.g. "open /dev/video0: device or resource busy"
}

func (p *Problem) Error() string {
	if p.Detail == "" {
		return p.Reason.Error()
	}
	return p.Reason.Error() + "\n\n" + lang.L("Details:") + " " + p.Detail
}

func (p *Problem) Unwrap() error { return p.Reason }
