package weights

import (
	"errors"
	"fmt"
	"io"
)

// LoadPth reads a PyTorch .pth file, zip or legacy layout, holding a
// state_dict (or a checkpoint dict with one under "state_dict", "model" or
// "model_state_dict"). Views are made contiguous; integer, float16,
// bfloat16 and float64 tensors become float32. A "module." prefix on every
// key (nn.DataParallel) is removed.
func LoadPth(path string) (StateDict, error) {
	return loadPth(path, path)
}

// loadPth reads path but names display in errors (Import reads a private
// copy of the user's file).
func loadPth(path, display string) (sd StateDict, err error) {
	format, size, err := sniffFormat(path, display)
	if err != nil {
		return nil, err
	}
	if format == formatCheckpoint {
		return nil, fmt.Errorf("weights: %s: %w: a TransferLab checkpoint, not a .pth; open it with weights.Load", display, ErrNotWeights)
	}
	defer func() {
		// gopickle is not hardened against hostile input; a panic in it
		// means the file is not what it claims.
		if r := recover(); r != nil {
			sd, err = nil, fmt.Errorf("weights: %s: %w: %v", display, ErrCorrupt, r)
		}
	}()
	var obj interface{}
	if format == formatZip {
		obj, err = unpickleZip(path, size)
	} else {
		obj, err = unpickleLegacy(path, size)
	}
	if err != nil {
		return nil, fmt.Errorf("weights: %s: %w", display, classify(err))
	}
	entries, err := stateDictEntries(obj)
	if err != nil {
		return nil, fmt.Errorf("weights: %s: %w", display, err)
	}
	sd, err = convertEntries(entries)
	if err != nil {
		return nil, fmt.Errorf("weights: %s: %w", display, err)
	}
	return sd, nil
}

// classify turns low-level failures into the kinds users can act on; errors
// already carrying a kind pass through.
func classify(err error) error {
	for _, kind := range []error{ErrNotWeights, ErrTruncated, ErrCorrupt, ErrUnsupported} {
		if errors.Is(err, kind) {
			return err
		}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: the file ends early (an interrupted copy or download?)", ErrTruncated)
	}
	return fmt.Errorf("%w: %v", ErrCorrupt, err)
}
