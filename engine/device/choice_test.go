package device

import "testing"

func TestParse(t *testing.T) {
	for in, want := range map[string]Choice{"": Auto, "auto": Auto, "cpu": CPU, "gpu": GPU} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"tpu", "GPU", " cpu"} {
		if _, err := Parse(bad); err == nil || err.Error() != `device must be auto, cpu or gpu, not "`+bad+`"` {
			t.Errorf("Parse(%q): %v", bad, err)
		}
	}
}
