//go:build !linux && !((darwin && cgo) || (windows && cgo && dshow))

package camera

// System is the computer's cameras. This build has no driver for the
// system: List finds none and Open says so.
func System() Lister { return unsupported{} }

type unsupported struct{}

func (unsupported) List() ([]Info, error) { return nil, nil }

func (unsupported) Open(id string) (Camera, error) {
	return nil, &Problem{Reason: Unsupported}
}
