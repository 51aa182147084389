package training

import (
	"fmt"
	"os"
	"testing"

	"transferlab/ui/language"
)

// TestMain runs the tests in English whatever the machine's language, so
// that they can look for the English words (Fyne's own dialog buttons too).
func TestMain(m *testing.M) {
	if err := language.Apply("en"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
