package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"transferlab/app/runrecord"
	"transferlab/engine/dataset"
	"transferlab/engine/device"
	"transferlab/engine/session"
	"transferlab/engine/train"
	"transferlab/ui/project"
)

// projectFile is the project a train run is recorded in (--project): the
// app's own file, so the app shows the run in its Runs list, Results,
// charts and Try it when it opens the project.
type projectFile struct {
	path string // absolute
}

// projectPath is --project made absolute; a name that lacks the project
// files' extension and names no file gets it, as the app's Save does (the
// app's Open lists only those files).
func projectPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) && !strings.HasSuffix(abs, project.Extension) {
		abs += project.Extension
	}
	return abs, nil
}

// openProjectFile checks --project before any training: an existing file
// must be a TransferLab project (anything else is refused and left as it
// is); a new one needs an existing folder. isNew says which.
func openProjectFile(path string) (f *projectFile, isNew bool, err error) {
	abs, err := projectPath(path)
	if err != nil {
		return nil, false, err
	}
	f = &projectFile{path: abs}
	if _, isNew, err = f.load(); err != nil {
		return nil, false, err
	}
	if info, err := os.Stat(filepath.Dir(abs)); err != nil || !info.IsDir() {
		return nil, false, fmt.Errorf("cannot make the project %s: its folder %s does not exist", abs, filepath.Dir(abs))
	}
	return f, isNew, nil
}

// projectFor checks --project before the pictures are read, and the
// settings a new project would keep (the app's limits are narrower than
// the engine's, e.g. its smallest picture size). It makes *data absolute
// (the project keeps the pictures' paths) and *out, unless given, the
// project's next run folder.
func projectFor(path string, cfg train.Config, where device.Choice, data, out *string, outGiven bool) (*projectFile, error) {
	proj, isNew, err := openProjectFile(path)
	if err != nil {
		return nil, err
	}
	if isNew {
		if err := runrecord.Settings(cfg, where).Validate(); err != nil {
			return nil, fmt.Errorf("the project cannot keep this run's settings: %w", err)
		}
	}
	if *data, err = filepath.Abs(*data); err != nil {
		return nil, err
	}
	if !outGiven {
		*out, err = proj.runFolder()
	}
	return proj, err
}

// isSet reports whether the flag name was given on the command line.
func isSet(flags *flag.FlagSet, name string) bool {
	set := false
	flags.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// load reads the project, or says it is new (nil, true) when the file
// does not exist yet.
func (f *projectFile) load() (p *project.Project, isNew bool, err error) {
	p, err = project.Load(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("%s cannot be used as a project: %v", f.path, projectProblem(err))
	}
	return p, false, nil
}

// projectProblem is what is wrong with a project file, without the
// "open project PATH:" that the caller's sentence already says.
func projectProblem(err error) error {
	if inner := errors.Unwrap(err); inner != nil {
		return inner
	}
	return err
}

// runFolder is where the next run's classifier goes when --out is not
// given: the app's layout, a new run-N folder in "<project> models" beside
// the project file (as the app's Train screen does), so no run overwrites
// the file an earlier run refers to.
func (f *projectFile) runFolder() (string, error) {
	p, _, err := f.load()
	if err != nil {
		return "", err
	}
	n := 1
	if p != nil {
		n = len(p.Runs()) + 1
	}
	models := strings.TrimSuffix(f.path, project.Extension) + " models"
	for ; ; n++ {
		dir := filepath.Join(models, fmt.Sprintf("run-%d", n))
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return dir, nil
		}
	}
}

// record adds a finished run to the project and saves it (atomically, as
// project.Save does), reading the file again first: the app may have
// saved it while the run trained. A new project gets the run's pictures,
// classes and settings, as if the user had dropped the data folder into
// the app and trained there. It returns the run's number in the project.
func (f *projectFile) record(job session.Job, data string, t *session.Trained) (int, error) {
	p, isNew, err := f.load()
	if err != nil {
		return 0, err
	}
	classifier, err := filepath.Abs(t.Path)
	if err != nil {
		return 0, err
	}
	run := runrecord.Run(job.Config, job.Device, t.Result, classifier, time.Now())
	if isNew {
		if p, err = newProject(data, job.Data, run.Settings); err != nil {
			return 0, err
		}
	}
	p.AddRun(run)
	if err := p.Save(f.path); err != nil {
		return 0, err
	}
	return len(p.Runs()), nil
}

// newProject holds the pictures of ds, labelled with their classes, read
// from the folder data, with settings s.
func newProject(data string, ds *dataset.Dataset, s project.Settings) (*project.Project, error) {
	p := project.New()
	if err := p.SetSettings(s); err != nil {
		return nil, fmt.Errorf("the project cannot keep this run's settings: %w", err)
	}
	abs, err := filepath.Abs(data)
	if err != nil {
		return nil, err
	}
	p.AddSources(abs)
	files := make([][]string, len(ds.Classes))
	for _, it := range append(append([]dataset.Item(nil), ds.Train...), ds.Val...) {
		path, err := filepath.Abs(it.Path)
		if err != nil {
			return nil, err
		}
		files[it.Class] = append(files[it.Class], path)
	}
	for i, class := range ds.Classes {
		if _, err := p.AddImages(class, files[i]); err != nil {
			return nil, err
		}
	}
	return p, nil
}
