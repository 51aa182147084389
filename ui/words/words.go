// Package words writes the quantities several screens show the way the app
// always says them, so a percentage or a picture count reads the same on
// the Pictures, Train, Results and Try it screens.
package words

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2/lang"
)

// Percent formats a 0..1 fraction as a percentage with one decimal
// ("93.3%"); NaN, a figure that could not be computed, is "-".
func Percent(f float64) string {
	if math.IsNaN(f) {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*f)
}

// Pictures says how many pictures: "1 picture", "30 pictures".
func Pictures(n int) string {
	if n == 1 {
		return lang.L("1 picture")
	}
	return lang.L("{{.N}} pictures", map[string]any{"N": n})
}
