package imageprep

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
)

// ContentHash identifies a picture file by the SHA-256 of its bytes, so a
// renamed or copied picture is still the same one: the feature cache's key,
// and how the same picture in two classes is found.
func ContentHash(file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	return ContentHashOf(data), nil
}

// ContentHashOf is ContentHash of a file's bytes already in memory, so a
// scan that reads each picture once can key the cache without a re-read.
func ContentHashOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}
