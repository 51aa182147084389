package gpu

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestShadersCompiled checks that every shader source has its committed
// SPIR-V and a layout entry, and that nothing compiled or listed lacks a
// source (rerun `go generate ./engine/gpu/` after editing a .comp file).
func TestShadersCompiled(t *testing.T) {
	sources := names(t, "shaders/*.comp", ".comp")
	compiled := names(t, "shaders/spv/*.spv", ".spv")
	if strings.Join(sources, " ") != strings.Join(compiled, " ") {
		t.Errorf("shaders/*.comp %v and shaders/spv/*.spv %v differ: run go generate ./engine/gpu/", sources, compiled)
	}
	var listed []string
	for name := range shaderLayouts {
		listed = append(listed, name)
	}
	sort.Strings(listed)
	if strings.Join(sources, " ") != strings.Join(listed, " ") {
		t.Errorf("shaders %v and shaderLayouts %v differ", sources, listed)
	}
	for _, name := range compiled {
		code, err := spirv.ReadFile("shaders/spv/" + name + ".spv")
		if err != nil || len(code) < 20 || code[0] != 0x03 || code[1] != 0x02 || code[2] != 0x23 || code[3] != 0x07 {
			t.Errorf("embedded %s.spv is not SPIR-V (err %v)", name, err)
		}
	}
}

func names(t *testing.T, pattern, ext string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Size() > 0 {
			out = append(out, strings.TrimSuffix(filepath.Base(f), ext))
		}
	}
	sort.Strings(out)
	return out
}
