package imageprep

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
)

// ContentHash identifies a picture file by the SHA-256 of its bytes, so a
// renamed or copied picture is still the same one: the feature cache's key,
// and how the same picture in two classes is found.
func ContentHash(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
