package look

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme wraps the default theme with a fixed light/dark variant and a
// scale for every size (text, padding, icons), so "bigger text" enlarges
// the whole interface evenly, as a projector needs.
type Theme struct {
	Base    fyne.Theme
	Variant string // "system", "light", "dark"
	Scale   float32
}

// Color returns the base colour in the forced variant.
func (t Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.Variant {
	case "light":
		v = theme.VariantLight
	case "dark":
		v = theme.VariantDark
	}
	return t.Base.Color(n, v)
}

// Font returns the base font.
func (t Theme) Font(s fyne.TextStyle) fyne.Resource { return t.Base.Font(s) }

// Icon returns the base icon.
func (t Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.Base.Icon(n) }

// Size returns the base size times the scale.
func (t Theme) Size(n fyne.ThemeSizeName) float32 { return t.Base.Size(n) * t.Scale }
