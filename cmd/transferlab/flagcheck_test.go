package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Every train flag is checked before any picture is read: --data names a
// folder that does not exist, so an error about the flag proves the scan
// never started. Each gets one line that says what is wrong.
func TestTrainFlagsCheckedBeforeThePictures(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	base := []string{"train", "--data", missing, "--model", "squeezenet1_1", "--out", t.TempDir()}
	for _, tc := range []struct {
		args    []string
		mention string
	}{
		{[]string{"--case", "1", "--image-size", "30000"}, "too large"},
		{[]string{"--case", "1", "--image-size", "1"}, "too small for squeezenet1_1"},
		{[]string{"--case", "1", "--image-size", "-5"}, "positive"},
		{[]string{"--case", "1", "--image-size", "0"}, "--image-size must be more than 0"},
		{[]string{"--case", "3", "--batch", "0"}, "--batch must be more than 0"},
		{[]string{"--case", "3", "--batch", "-4"}, "batch must be at least 1"},
		{[]string{"--case", "1", "--cut", "features.5"}, "case 1 does not cut"},
		{[]string{"--case", "2", "--cut", "nowhere"}, "no cut point"},
		{[]string{"--case", "1", "--lr", "NaN"}, "learning rate"},
		{[]string{"--case", "1", "--lr", "Inf"}, "learning rate"},
		{[]string{"--case", "1", "--lr", "-0.1"}, "learning rate"},
		{[]string{"--case", "1", "--lr", "0"}, "--lr must be more than 0"},
		{[]string{"--case", "1", "--epochs", "-2"}, "epochs must be at least 1"},
		{[]string{"--case", "1", "--val", "NaN"}, "validation share"},
		{[]string{"--case", "1", "--val", "1.5"}, "validation share"},
		{[]string{"--case", "1", "--test", "1"}, "test share"},
		{[]string{"--case", "1", "--test", "NaN"}, "test share"},
		{[]string{"--case", "5"}, "case must be 1, 2, 3 or 4"},
		{[]string{"--case", "1", "--model", "lenet"}, "unknown network"},
	} {
		_, _, err := runCLI(t, append(append([]string(nil), base...), tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.mention) || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "no-such-folder") {
			t.Errorf("%v: %v, want one line about %q", tc.args, err, tc.mention)
		}
	}
}
