package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"transferlab/engine/session"
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
	rest, err := c.parse(fs, args)
	if err != nil {
		return fmt.Errorf("models: %w", err)
	}
	if len(rest) > 0 {
		return fmt.Errorf("models: unknown subcommand %q (want fetch or import)", rest[0])
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	nets, err := s.Networks()
	if err != nil {
		return err
	}
	rows := networkRows(nets)
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

// networkRows are the lines of `transferlab models`; the size is that of
// the weights in memory (4 bytes a parameter).
func networkRows(nets []session.Network) []networkRow {
	var rows []networkRow
	for _, n := range nets {
		rows = append(rows, networkRow{
			Name: n.Name, Title: n.Title, Parameters: n.Params,
			MB: float64(n.Params) * 4 / 1e6, Top1: n.Top1, GFLOPs: n.GFLOPs,
			Weights: n.WeightsFile, URL: n.URL,
		})
	}
	return rows
}

// mirrorEnv names a folder URL holding the official weight files under
// their usual names: a school's own server, so thirty laptops do not each
// download from the internet.
const mirrorEnv = "TRANSFERLAB_MIRROR"

func (c *cli) modelsFetch(args []string) error {
	fs := newFlags("models fetch")
	mirror := fs.String("mirror", os.Getenv(mirrorEnv), "download from this folder URL instead of download.pytorch.org (default $"+mirrorEnv+")")
	names, err := c.parse(fs, args)
	if err != nil {
		return fmt.Errorf("models fetch: %w", err)
	}
	if len(names) != 1 {
		return fmt.Errorf("models fetch: want one network name")
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	bar := newProgressBar(c.con, "downloading "+names[0])
	path, err := s.Fetch(c.ctx, names[0], strings.TrimSuffix(*mirror, "/"), func(done, total int64) { bar.update(done>>20, total>>20, "MB") })
	if err != nil {
		return fmt.Errorf("models fetch: %w", err)
	}
	bar.finish()
	fmt.Fprintln(c.stdout, path)
	return nil
}

func (c *cli) modelsImport(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("models import: want a network name and a file")
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	imp, err := s.Import(args[0], args[1])
	if err != nil {
		return fmt.Errorf("models import: %w", err)
	}
	if !imp.Official {
		fmt.Fprintf(c.stderr, "note: %s is not the official torchvision file (SHA-256 %s…), but its names and shapes fit %s\n", args[1], imp.SHA256[:12], args[0])
	}
	fmt.Fprintln(c.stdout, imp.Path)
	return nil
}
