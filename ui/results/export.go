package results

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
)

// onnxExtension is the file type every ONNX tool opens.
const onnxExtension = ".onnx"

// exportButton offers the shown model to other programs as an ONNX file.
func (r *Screen) exportButton() *widget.Button {
	return widget.NewButtonWithIcon(lang.L("Export for other programs (ONNX)…"), theme.DocumentSaveIcon(), r.askExportPath)
}

// askExportPath asks where to write the ONNX file, suggesting the model's
// own folder and a name that says which network and case it is.
func (r *Screen) askExportPath() {
	run := r.s.Run()
	if run == nil {
		return
	}
	clf := run.Result.ClassifierPath
	r.h.AskSavePath(fmt.Sprintf("%s-case%d%s", run.Network, run.Case, onnxExtension), onnxExtension, filepath.Dir(clf),
		func(path string) { r.Export(clf, path) })
}

// Export writes the classifier at classifierPath to out off the UI
// goroutine (a VGG16 is half a gigabyte) and then says what was written
// and what another program needs to know.
func (r *Screen) Export(classifierPath, out string) {
	r.h.SetStatus("%s", lang.L("Exporting the model to {{.File}}…", map[string]any{"File": filepath.Base(out)}))
	r.h.Run(func(ctx context.Context) {
		x, err := r.h.Engine.ExportONNX(ctx, classifierPath, out)
		fyne.Do(func() {
			if err != nil {
				r.h.SetStatus("%s", lang.L("The model was not exported."))
				r.h.ShowError(fmt.Errorf("%s: %w", lang.L("The model could not be exported"), err))
				return
			}
			r.h.SetStatus("%s", lang.L("Exported the model to {{.File}}.", map[string]any{"File": x.File}))
			dialog.ShowInformation(lang.L("Model exported"), exportedText(x), r.h.Win)
		})
	})
}

// exportedText tells a non-programmer what the file is good for, and a
// programmer what to feed it.
func exportedText(x ui.Exported) string {
	return lang.L("Saved {{.File}} ({{.MB}} MB).", map[string]any{"File": filepath.Base(x.File), "MB": fmt.Sprintf("%.1f", float64(x.Bytes)/1e6)}) +
		"\n\n" + lang.L("Programs that read ONNX models (ONNX Runtime in Python, JavaScript, C#, on phones…) "+
		"can now recognise your classes: {{.Classes}}.", map[string]any{"Classes": strings.Join(x.Classes, ", ")}) +
		"\n\n" + lang.L("The file also says how to prepare a picture: shorter side resized to {{.Resize}} pixels, "+
		"the middle {{.Crop}} × {{.Crop}} cut out, colours scaled to 0–1, then mean {{.Mean}} and spread {{.Std}} per colour "+
		"taken out. The README has examples.", map[string]any{"Resize": x.Resize, "Crop": x.Crop,
		"Mean": fmt.Sprint(x.Mean), "Std": fmt.Sprint(x.Std)})
}
