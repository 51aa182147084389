// Package resources holds TransferLab's icons and other UI assets,
// embedded in the binary so the app runs from a single file.
package resources

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:generate go run ./cmd/genicon -o icon.png -size 512

//go:embed icon.png
var iconPNG []byte

// IconSize is the edge length of the embedded icon in pixels.
const IconSize = 512

// Icon returns the application icon (PNG, IconSize×IconSize), for
// fyne.App.SetIcon and FyneApp.toml's Icon = "resources/icon.png".
func Icon() fyne.Resource {
	return fyne.NewStaticResource("transferlab-icon.png", iconPNG)
}
