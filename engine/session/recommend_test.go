package session

import (
	"strings"
	"testing"
)

func TestSpreadPicksEvenly(t *testing.T) {
	xs := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	if got := spread(xs, 5); strings.Join(got, "") != "acegi" {
		t.Errorf("spread(10, 5) = %v", got)
	}
	if got := spread(xs[:3], 5); len(got) != 3 {
		t.Errorf("spread(3, 5) = %v, want all 3", got)
	}
	if got := spread(xs, 1); len(got) != 4 {
		t.Errorf("spread(10, 1) = %v, want at least 4", got)
	}
}
