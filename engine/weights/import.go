package weights

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Imported describes a weights file Import placed in the cache.
type Imported struct {
	Path     string // the cached copy, under the official file name
	SHA256   string // of the file, hex
	Official bool   // byte-identical to torchvision's published file
	Tensors  int    // number of tensors in its state_dict
}

// Import copies a local .pth (from a USB stick, say) into dir under the
// official file name of network, so Cached finds it. dir "" means
// WeightsDir(). The file must load (zip or legacy .pth) and pass validate,
// which the caller makes from the network's names and shapes (see Check);
// nil skips that check. A file that passes but is not the published one
// (fine-tuned weights of the same architecture) is accepted with
// Official false. The copy is atomic: on any error the cache is unchanged.
func Import(network, file, dir string, validate func(StateDict) error) (Imported, error) {
	src, ok := Official(network)
	if !ok {
		return Imported{}, fmt.Errorf("weights: import %s: unknown network %q (known: %s)", file, network, strings.Join(Networks(), ", "))
	}
	return importAs(src, file, dir, validate)
}

func importAs(src Source, file, dir string, validate func(StateDict) error) (Imported, error) {
	dir, err := ensureDir(dir)
	if err != nil {
		return Imported{}, fmt.Errorf("weights: import %s: %w", file, err)
	}
	a, sum, err := copyToTemp(file, filepath.Join(dir, src.File))
	if err != nil {
		return Imported{}, err
	}
	// Load and validate the private copy, so the user's (possibly slow,
	// possibly removable) drive is read once and what is checked is
	// exactly what gets cached.
	sd, err := loadPth(a.Name(), file)
	if err == nil && validate != nil {
		if verr := validate(sd); verr != nil {
			msg := fmt.Sprintf("weights: %s is not usable as %s: %s", file, src.Network, strings.TrimPrefix(verr.Error(), "weights: "))
			err = &wrappedError{msg, verr}
		}
	}
	if err != nil {
		a.abort()
		return Imported{}, err
	}
	st, err := a.Stat()
	if err != nil {
		a.abort()
		return Imported{}, fmt.Errorf("weights: import %s: %w", file, err)
	}
	if err := a.commit(); err != nil {
		return Imported{}, fmt.Errorf("weights: import %s: %w", file, err)
	}
	return Imported{Path: a.final, SHA256: sum, Official: src.Matches(sum, st.Size()), Tensors: len(sd)}, nil
}

// copyToTemp copies file next to final under a temporary name, hashing it.
func copyToTemp(file, final string) (*atomicFile, string, error) {
	in, err := os.Open(file)
	if err != nil {
		return nil, "", openError(file, err)
	}
	defer in.Close()
	if st, err := in.Stat(); err == nil && st.IsDir() {
		return nil, "", fmt.Errorf("weights: %s: %w: it is a folder", file, ErrNotWeights)
	}
	a, err := newAtomicFile(final)
	if err != nil {
		return nil, "", fmt.Errorf("weights: import %s: %w", file, err)
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(a, h), in); err != nil {
		a.abort()
		return nil, "", fmt.Errorf("weights: import %s: copying: %w", file, err)
	}
	return a, hex.EncodeToString(h.Sum(nil)), nil
}

// wrappedError rewords an error (dropping a repeated "weights: ") while
// keeping it reachable for errors.As, e.g. to a *CheckError.
type wrappedError struct {
	msg string
	err error
}

func (w *wrappedError) Error() string { return w.msg }
func (w *wrappedError) Unwrap() error { return w.err }
