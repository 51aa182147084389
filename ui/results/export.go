package results

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
)

// onnxExtension is the file type every ONNX tool opens.
const onnxExtension = ".onnx"

// exportButton offers the shown model to other programs as an ONNX file.
func (r *Screen) exportButton() *widget.Button {
	return widget.NewButtonWithIcon("Export for other programs (ONNX)…", theme.DocumentSaveIcon(), r.askExportPath)
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
	r.h.SetStatus("Exporting the model to %s…", filepath.Base(out))
	r.h.Run(func(ctx context.Context) {
		x, err := r.h.Engine.ExportONNX(ctx, classifierPath, out)
		fyne.Do(func() {
			if err != nil {
				r.h.SetStatus("The model was not exported.")
				r.h.ShowError(fmt.Errorf("the model could not be exported: %w", err))
				return
			}
			r.h.SetStatus("Exported the model to %s.", x.File)
			dialog.ShowInformation("Model exported", exportedText(x), r.h.Win)
		})
	})
}

// exportedText tells a non-programmer what the file is good for, and a
// programmer what to feed it.
func exportedText(x ui.Exported) string {
	return fmt.Sprintf("Saved %s (%.1f MB).\n\n"+
		"Programs that read ONNX models (ONNX Runtime in Python, JavaScript, C#, on phones…) "+
		"can now recognise your classes: %s.\n\n"+
		"The file also says how to prepare a picture: shorter side resized to %d pixels, "+
		"the middle %d × %d cut out, colours scaled to 0–1, then mean %v and spread %v per colour "+
		"taken out. The README has examples.",
		filepath.Base(x.File), float64(x.Bytes)/1e6, strings.Join(x.Classes, ", "),
		x.Resize, x.Crop, x.Crop, x.Mean, x.Std)
}
