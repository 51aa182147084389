package backend

import (
	"os/exec"
	"strings"
	"testing"
)

// Training, feature extraction, prediction and every UI package reach a
// device only through this interface: none of them may depend, even
// indirectly, on the Vulkan runtime or the GPU ops (the command line and the
// app choose a backend through engine/session).
func TestOnlyTheBackendsImportTheGPU(t *testing.T) {
	forbidden := []string{"transferlab/engine/gpu", "transferlab/engine/vulkan"}
	// -tags ci as test.sh builds the UI (Fyne's software driver); Deps is
	// transitive and leaves out test files.
	out, err := exec.Command("go", "list", "-tags", "ci", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`,
		"transferlab/engine/train", "transferlab/engine/features", "transferlab/engine/predict",
		"transferlab/ui/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", exitMessage(err))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 4 {
		t.Fatalf("go list listed %d packages:\n%s", len(lines), out)
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		for _, dep := range fields[1:] {
			for _, f := range forbidden {
				if dep == f {
					t.Errorf("%s depends on %s; it should ask engine/backend", fields[0], f)
				}
			}
		}
	}
}

// exitMessage adds what the go tool printed to an exit error.
func exitMessage(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return err.Error() + ": " + string(ee.Stderr)
	}
	return err.Error()
}

// The engine, the command line and the app's engine adapter (with the run
// conversion both front ends share) build without Fyne: the command line
// is one small binary for scripts and servers with no display, and only
// package app and the ui packages may bring the window in.
func TestOnlyTheWindowImportsFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`,
		"transferlab/engine/...", "transferlab/cmd/transferlab", "transferlab/app/uiengine", "transferlab/app/runrecord").Output()
	if err != nil {
		t.Fatalf("go list: %v", exitMessage(err))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 10 {
		t.Fatalf("go list listed %d packages:\n%s", len(lines), out)
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		for _, dep := range fields[1:] {
			if strings.HasPrefix(dep, "fyne.io/") {
				t.Errorf("%s depends on %s; the window's packages (app, ui/...) are the only ones that may", fields[0], dep)
				break
			}
		}
	}
}
