// Package look is the window's appearance: a light, dark or system theme
// and one scale for text, spacing and icons, remembered between sessions,
// with the status-bar controls that change them.
package look

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Preference keys for the look, kept between sessions.
const (
	PrefTheme = "look.theme" // "system", "light" or "dark"
	PrefScale = "look.scale" // text and spacing scale, 1 = normal
)

// Text scale limits; projectors in big rooms want 2x.
const (
	MinScale  = 0.8
	MaxScale  = 2.5
	ScaleStep = 0.1
)

// Look owns the theme choice and text size, with controls for the status bar.
type Look struct {
	app     fyne.App
	variant string
	scale   float32
	label   *widget.Label
	choice  *widget.Select
	// Changed, when set, is called after the theme or text size changed.
	Changed func()
}

// New reads the remembered look of a and installs it.
func New(a fyne.App) *Look {
	l := &Look{
		app:     a,
		variant: a.Preferences().StringWithFallback(PrefTheme, "system"),
		scale:   float32(a.Preferences().FloatWithFallback(PrefScale, 1)),
	}
	if l.variant != "light" && l.variant != "dark" {
		l.variant = "system"
	}
	l.scale = clampScale(l.scale)
	l.label = widget.NewLabel("")
	l.choice = widget.NewSelect([]string{lang.L("System"), lang.L("Light"), lang.L("Dark")}, func(string) {
		if i := l.choice.SelectedIndex(); i >= 0 {
			l.SetVariant(variants()[i])
		}
	})
	l.apply()
	return l
}

// variants are the theme choices in the order the menu lists them.
func variants() []string { return []string{"system", "light", "dark"} }

func clampScale(s float32) float32 {
	s = float32(math.Round(float64(s)*10) / 10)
	return max(MinScale, min(MaxScale, s))
}

// Controls returns the theme menu and the text-size buttons.
func (l *Look) Controls() fyne.CanvasObject {
	// A- and A+ sit together at the window's right edge in cells whose
	// size does not follow the text: pressing either again, without
	// moving the pointer, hits the same button at any text size.
	sizes := container.New(fixedCells{fyne.NewSize(72, 56)},
		widget.NewButton("A-", func() { l.SetScale(l.scale - ScaleStep) }),
		widget.NewButton("A+", func() { l.SetScale(l.scale + ScaleStep) }))
	return container.NewHBox(widget.NewLabel(lang.L("Theme")), l.choice, l.label, sizes)
}

// SetVariant switches to "system", "light" or "dark".
func (l *Look) SetVariant(v string) {
	if v == "" || v == l.variant {
		return
	}
	l.variant = v
	l.apply()
}

// SetScale sets the text size, within limits.
func (l *Look) SetScale(s float32) {
	l.scale = clampScale(s)
	l.apply()
}

// apply installs the theme and remembers the choice.
func (l *Look) apply() {
	l.app.Settings().SetTheme(Theme{Base: theme.DefaultTheme(), Variant: l.variant, Scale: l.scale})
	l.app.Preferences().SetString(PrefTheme, l.variant)
	l.app.Preferences().SetFloat(PrefScale, float64(l.scale))
	l.label.SetText(lang.L("Text {{.Percent}}%", map[string]any{"Percent": int(math.Round(float64(l.scale) * 100))}))
	l.choice.SetSelectedIndex(slices.Index(variants(), l.variant))
	if l.Changed != nil {
		l.Changed()
	}
}

// ToggleDark switches between light and dark (from system, to the
// opposite of what the system shows now).
func (l *Look) ToggleDark() {
	dark := l.variant == "dark" || (l.variant == "system" && l.app.Settings().ThemeVariant() == theme.VariantDark)
	if dark {
		l.SetVariant("light")
	} else {
		l.SetVariant("dark")
	}
}

// Scale is the text size, 1 = normal.
func (l *Look) Scale() float32 { return l.scale }

// Variant is "system", "light" or "dark".
func (l *Look) Variant() string { return l.variant }

// fixedCells lays objects side by side, each in a cell of the same size
// whatever the text size.
type fixedCells struct{ cell fyne.Size }

// Layout puts object i in the i-th cell from the left.
func (f fixedCells) Layout(objects []fyne.CanvasObject, _ fyne.Size) {
	for i, o := range objects {
		o.Move(fyne.NewPos(float32(i)*f.cell.Width, 0))
		o.Resize(f.cell)
	}
}

// MinSize is the cells' row.
func (f fixedCells) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(len(objects))*f.cell.Width, f.cell.Height)
}
