package ui

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Preference keys for the look, kept between sessions.
const (
	prefTheme = "look.theme" // "system", "light" or "dark"
	prefScale = "look.scale" // text and spacing scale, 1 = normal
)

// Text scale limits; projectors in big rooms want 2x.
const (
	minScale  = 0.8
	maxScale  = 2.5
	scaleStep = 0.1
)

// lookTheme wraps the default theme with a fixed light/dark variant and a
// scale for every size (text, padding, icons), so "bigger text" enlarges
// the whole interface evenly, as a projector needs.
type lookTheme struct {
	base    fyne.Theme
	variant string // "system", "light", "dark"
	scale   float32
}

// Color returns the base colour in the forced variant.
func (t lookTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case "light":
		v = theme.VariantLight
	case "dark":
		v = theme.VariantDark
	}
	return t.base.Color(n, v)
}

// Font returns the base font.
func (t lookTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

// Icon returns the base icon.
func (t lookTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size returns the base size times the scale.
func (t lookTheme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) * t.scale }

// look owns the theme choice and text size, with controls for the status bar.
type look struct {
	app     fyne.App
	variant string
	scale   float32
	label   *widget.Label
	choice  *widget.Select
}

func newLook(a fyne.App) *look {
	l := &look{
		app:     a,
		variant: a.Preferences().StringWithFallback(prefTheme, "system"),
		scale:   float32(a.Preferences().FloatWithFallback(prefScale, 1)),
	}
	if l.variant != "light" && l.variant != "dark" {
		l.variant = "system"
	}
	l.scale = clampScale(l.scale)
	l.label = widget.NewLabel("")
	l.choice = widget.NewSelect([]string{"System", "Light", "Dark"}, func(s string) {
		l.setVariant(strings.ToLower(s))
	})
	l.apply()
	return l
}

func clampScale(s float32) float32 {
	s = float32(math.Round(float64(s)*10) / 10)
	return max(minScale, min(maxScale, s))
}

// controls returns the theme menu and the text-size buttons.
func (l *look) controls() fyne.CanvasObject {
	return container.NewHBox(widget.NewLabel("Theme"), l.choice,
		widget.NewButton("A-", func() { l.setScale(l.scale - scaleStep) }),
		l.label,
		widget.NewButton("A+", func() { l.setScale(l.scale + scaleStep) }))
}

// setVariant switches to "system", "light" or "dark".
func (l *look) setVariant(v string) {
	if v == "" || v == l.variant {
		return
	}
	l.variant = v
	l.apply()
}

// setScale sets the text size, within limits.
func (l *look) setScale(s float32) {
	l.scale = clampScale(s)
	l.apply()
}

// apply installs the theme and remembers the choice.
func (l *look) apply() {
	l.app.Settings().SetTheme(lookTheme{base: theme.DefaultTheme(), variant: l.variant, scale: l.scale})
	l.app.Preferences().SetString(prefTheme, l.variant)
	l.app.Preferences().SetFloat(prefScale, float64(l.scale))
	l.label.SetText(fmt.Sprintf("Text %d%%", int(math.Round(float64(l.scale)*100))))
	l.choice.SetSelected(strings.ToUpper(l.variant[:1]) + l.variant[1:])
}

// toggleDark switches between light and dark (from system, to the
// opposite of what the system shows now).
func (l *look) toggleDark() {
	dark := l.variant == "dark" || (l.variant == "system" && l.app.Settings().ThemeVariant() == theme.VariantDark)
	if dark {
		l.setVariant("light")
	} else {
		l.setVariant("dark")
	}
}
