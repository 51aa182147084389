package weights

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// Fingerprint returns the SHA-256 of a file in lowercase hex. Caches key
// derived data (such as backbone features) by it, so changed weights never
// reuse stale results.
func Fingerprint(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", openError(path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("weights: %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
