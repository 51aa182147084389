package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// networkRow is one line of `transferlab models`.
type networkRow struct {
	Name       string  `json:"name"`
	Title      string  `json:"title"`
	Parameters int     `json:"parameters"`
	MB         float64 `json:"megabytes"`
	Top1       float64 `json:"imagenet_top1"`
	GFLOPs     float64 `json:"gflops"`
	Weights    string  `json:"weights"` // cached file path, or "" when not downloaded
	URL        string  `json:"url"`
}

func (c *cli) models(args []string) error {
	if len(args) > 0 && args[0] == "fetch" {
		return c.modelsFetch(args[1:])
	}
	if len(args) > 0 && args[0] == "import" {
		return c.modelsImport(args[1:])
	}
	fs := newFlags("models")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return fmt.Errorf("models: %w", err)
	}
	if len(rest) > 0 {
		return fmt.Errorf("models: unknown subcommand %q (want fetch or import)", rest[0])
	}
	rows, err := networkRows()
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.stdout, rows)
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tPARAMS\tSIZE\tIMAGENET TOP-1\tGFLOPS\tWEIGHTS")
	for _, r := range rows {
		status := "not downloaded"
		if r.Weights != "" {
			status = r.Weights
		}
		fmt.Fprintf(tw, "%s\t%.1fM\t%.0f MB\t%.1f%%\t%.2f\t%s\n", r.Name, float64(r.Parameters)/1e6, r.MB, r.Top1, r.GFLOPs, status)
	}
	return tw.Flush()
}

func networkRows() ([]networkRow, error) {
	var rows []networkRow
	for _, name := range models.Names() {
		net, err := models.New(name)
		if err != nil {
			return nil, err
		}
		info, _ := models.Describe(name)
		src, _ := weights.Official(name)
		cached, _ := weights.Cached(name)
		rows = append(rows, networkRow{
			Name: name, Title: info.Title, Parameters: net.ParamCount(),
			MB: float64(net.ParamCount()) * 4 / 1e6, Top1: info.Top1, GFLOPs: info.GFLOPs,
			Weights: cached, URL: src.URL,
		})
	}
	return rows, nil
}

// mirrorEnv names a folder URL holding the official weight files under
// their usual names: a school's own server, so thirty laptops do not each
// download from the internet.
const mirrorEnv = "TRANSFERLAB_MIRROR"

func (c *cli) modelsFetch(args []string) error {
	fs := newFlags("models fetch")
	mirror := fs.String("mirror", os.Getenv(mirrorEnv), "download from this folder URL instead of download.pytorch.org (default $"+mirrorEnv+")")
	names, err := parse(fs, args)
	if err != nil {
		return fmt.Errorf("models fetch: %w", err)
	}
	if len(names) != 1 {
		return fmt.Errorf("models fetch: want one network name")
	}
	src, ok := weights.Official(names[0])
	if !ok {
		_, err := models.New(names[0])
		return fmt.Errorf("models fetch: %w", err)
	}
	bar := newProgressBar(c.stderr, "downloading "+src.File)
	f := weights.Fetcher{BaseURL: strings.TrimSuffix(*mirror, "/")}
	path, err := f.Fetch(c.ctx, src, "", func(done, total int64) { bar.update(done>>20, total>>20, "MB") })
	if err != nil {
		return fmt.Errorf("models fetch: %w", err)
	}
	bar.done()
	fmt.Fprintln(c.stdout, path)
	return nil
}

func (c *cli) modelsImport(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("models import: want a network name and a file")
	}
	net, err := models.New(args[0])
	if err != nil {
		return fmt.Errorf("models import: %w", err)
	}
	imp, err := weights.Import(net.Name, args[1], "", net.CheckWeights)
	if err != nil {
		return fmt.Errorf("models import: %w", err)
	}
	if !imp.Official {
		fmt.Fprintf(c.stderr, "note: %s is not the official torchvision file (SHA-256 %s…), but its names and shapes fit %s\n", args[1], imp.SHA256[:12], net.Name)
	}
	fmt.Fprintln(c.stdout, imp.Path)
	return nil
}
