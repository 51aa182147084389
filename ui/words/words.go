// Package words writes the quantities several screens show the way the app
// always says them, so a percentage or a picture count reads the same on
// the Pictures, Train, Results and Try it screens.
package words

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// Percent formats a 0..1 fraction as a percentage with one decimal
// ("93.3%"; in German "93,3 %"); NaN, a figure that could not be computed,
// is "-".
func Percent(f float64) string {
	if math.IsNaN(f) {
		return "-"
	}
	number := strings.Replace(fmt.Sprintf("%.1f", 100*f), ".", lang.X("number.decimal", "."), 1)
	return lang.L("{{.Number}}%", map[string]any{"Number": number})
}

// Pictures says how many pictures: "1 picture", "30 pictures".
func Pictures(n int) string {
	if n == 1 {
		return lang.L("1 picture")
	}
	return lang.L("{{.N}} pictures", map[string]any{"N": n})
}
