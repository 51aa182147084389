package window

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"transferlab/ui/host"
)

// checkModel makes sure a reopened project's model file is still there and
// readable, off the UI goroutine. When it is not, the status bar and the
// Results and Try it screens name the file; everything else in the project
// works as before, and the run's figures still show.
func (u *App) checkModel() {
	run := u.store.Run()
	if run == nil {
		return
	}
	path := run.Result.ClassifierPath
	u.host.Run(func(ctx context.Context) {
		err := checkClassifier(ctx, u.host.Engine.CheckClassifier, path)
		if err == nil || errors.Is(err, context.Canceled) {
			return
		}
		fyne.Do(func() {
			if u.store.SetModelProblem(run, host.Plain(err)) {
				u.host.SetStatus("%s", host.Plain(err))
			}
		})
	})
}

// checkClassifier tells a missing file, which the user can find again,
// from one the engine cannot read.
func checkClassifier(ctx context.Context, check func(context.Context, string) error, path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return errors.New(lang.L("The model file {{.Path}} is missing (moved or deleted?). Its results are still shown; "+
			"put the file back and reopen the project, or train again, to use Try it.", map[string]any{"Path": path}))
	}
	if err := check(ctx, path); err != nil {
		return fmt.Errorf("%s: %w", lang.L("The model file {{.Path}} cannot be used: {{.Why}}. Its results are still shown; train again to use Try it.",
			map[string]any{"Path": path, "Why": host.Plain(err)}), err)
	}
	return nil
}
