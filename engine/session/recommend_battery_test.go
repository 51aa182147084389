package session

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"transferlab/engine/train"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// The advice's battery: on each set, the option the advice picks from its
// measurement (case 1, or case 2 at one of SqueezeNet's cuts) does within
// one percentage point as well as the best of those options trained in
// full with train.Run, on the full-size pictures the app uses (224×224
// crops). A full run's validation accuracy is its set's own train/val split
// (ants/bees), or the mean over five splits holding back 20% of each class
// with seeds 1 to 5, the same for every option: one split of 60 cats and
// dogs checks 12 pictures, where a single picture moves the accuracy by 8
// points. The sets: the shared ants/bees and 60 cats/dogs, the demo's
// shapes, and handwritten digits (testdata/digits.csv, 8×8 scans drawn at
// 64×64), which look nothing like ImageNet. It logs the table for the note.
func TestAdviceMatchesFullRuns(t *testing.T) {
	s := open(t)
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	sd, err := s.Pretrained("squeezenet1_1", pth)
	if err != nil {
		t.Fatal(err)
	}
	sets := []struct {
		name, dir string
		splits    int
	}{
		{"ants/bees", shareddata.Path(t, "datasets/hymenoptera"), 1},
		{"cats/dogs 60", shareddata.Path(t, "datasets/catsdogs-60"), 5},
		{"demo shapes", demoShapes(t, s), 5},
		{"handwritten digits", handwrittenDigits(t), 5},
	}
	t.Log("| set | advice | measured (cross-validated on the sample) | full runs (validation accuracy) | advise s |")
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) { checkAdvice(t, s, sd, pth, set.name, set.dir, set.splits) })
	}
}

// checkAdvice asks for advice on dir, trains every option it measured in
// full on each of splits splits, and compares.
func checkAdvice(t *testing.T, s *Session, sd weights.StateDict, pth, name, dir string, splits int) {
	ctx := context.Background()
	col, err := s.Collect(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	adv, err := s.Recommend(ctx, "squeezenet1_1", pth, col.Classes, nil)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if len(adv.Measured) != 3 {
		t.Fatalf("measured %d options, want case 1 and SqueezeNet's 2 cuts: %+v", len(adv.Measured), adv.Measured)
	}
	var measured, full []string
	best, advised := 0.0, -1.0
	for _, o := range adv.Measured {
		acc := fullRuns(t, s, sd, dir, o, splits)
		best = max(best, acc)
		if o.Case == adv.Case && o.Cut == adv.Cut {
			advised = acc
		}
		measured = append(measured, fmt.Sprintf("%s %.1f±%.1f", optionName(o), 100*o.Accuracy, 100*o.Spread))
		full = append(full, fmt.Sprintf("%s %.1f", optionName(o), 100*acc))
	}
	t.Logf("| %s | %s | %s | %s | %.1f |", name, optionName(MeasuredOption{Case: adv.Case, Cut: adv.Cut}),
		strings.Join(measured, ", "), strings.Join(full, ", "), took.Seconds())
	if advised < 0 {
		t.Fatalf("the advice (case %d %s) is not among the measured options %+v", adv.Case, adv.Cut, adv.Measured)
	}
	if advised < best-0.01 {
		t.Errorf("the advised option scored %.1f%% in a full run, more than a point below the best, %.1f%%", 100*advised, 100*best)
	}
}

// fullRuns is option o's mean validation accuracy over train.Run on
// splits seeded splits of dir (seeds 1 to splits, for the split and the run).
func fullRuns(t *testing.T, s *Session, sd weights.StateDict, dir string, o MeasuredOption, splits int) float64 {
	var sum float64
	for seed := int64(1); seed <= int64(splits); seed++ {
		data, err := s.Scan(context.Background(), dir, 0.2, seed, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, _, err := train.Run(context.Background(), train.Job{
			Config: train.Config{Network: "squeezenet1_1", Case: o.Case, Cut: o.Cut, Seed: seed},
			Data:   data, Pretrained: sd, FeatureCache: s.featureCache(),
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		sum += res.Accuracy
	}
	return sum / float64(splits)
}

// optionName is "case 1" or "case 2 @cut".
func optionName(o MeasuredOption) string {
	if o.Cut == "" {
		return fmt.Sprintf("case %d", o.Case)
	}
	return fmt.Sprintf("case %d @%s", o.Case, o.Cut)
}

// demoShapes draws the app's demo pictures into a temporary folder.
func demoShapes(t *testing.T, s *Session) string {
	dir := t.TempDir()
	if err := s.MakeDemo(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// handwrittenDigits draws testdata/digits.csv (made by make_digits.py) into
// a temporary folder of class folders "0" to "9": each 8×8 scan becomes a
// 64×64 grey picture, dark ink on white, every scan pixel an 8×8 block.
func handwrittenDigits(t *testing.T) string {
	raw, err := os.ReadFile(filepath.Join("testdata", "digits.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for n, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		fields := strings.Split(line, ",")
		if len(fields) != 65 {
			t.Fatalf("digits.csv line %d has %d fields, want 65", n+1, len(fields))
		}
		img := image.NewGray(image.Rect(0, 0, 64, 64))
		for p, f := range fields[1:] {
			level, err := strconv.Atoi(f)
			if err != nil || level < 0 || level > 16 {
				t.Fatalf("digits.csv line %d: grey level %q", n+1, f)
			}
			block := image.Rect(8*(p%8), 8*(p/8), 8*(p%8)+8, 8*(p/8)+8)
			draw.Draw(img, block, &image.Uniform{color.Gray{Y: uint8(255 - level*255/16)}}, image.Point{}, draw.Src)
		}
		class := filepath.Join(dir, fields[0])
		if err := os.MkdirAll(class, 0o755); err != nil {
			t.Fatal(err)
		}
		writePNG(t, filepath.Join(class, fmt.Sprintf("%03d.png", n)), img)
	}
	return dir
}

func writePNG(t *testing.T, path string, img image.Image) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
