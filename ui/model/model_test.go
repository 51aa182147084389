package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/fakeengine"
	"transferlab/ui/uitest"
)

func TestNetworkDetails(t *testing.T) {
	size, speed := networkDetails(ui.Network{Title: "ResNet-18", Params: 11_689_512, SizeMB: 44.7, Top1: 69.76, ImagesPerSecond: 6.9, WeightsAvailable: true})
	if size != "11.7 million parameters, 45 MB, ImageNet top-1 accuracy 69.8%" {
		t.Errorf("size line = %q", size)
	}
	if speed != "trains about 7 pictures/s here, weights ready" {
		t.Errorf("speed line = %q", speed)
	}
	_, speed = networkDetails(ui.Network{})
	if speed != "speed on this computer not measured yet, weights not on this computer" {
		t.Errorf("unknown speed line = %q", speed)
	}
}

func TestRecommendationAndCaseChoice(t *testing.T) {
	eng := fakeengine.New()
	b, m := newBench(t, eng)
	if !strings.Contains(m.recoLabel.Text, "at least two classes") || !m.useReco.Disabled() {
		t.Errorf("before any pictures: %q, use button enabled=%v", m.recoLabel.Text, !m.useReco.Disabled())
	}
	b.AddPictures(t, catsDogs(t))
	m.Refresh() // as the window does when it shows the screen
	if !strings.Contains(m.recoLabel.Text, "Recommended for your pictures: case 1, Few pictures, everyday subjects. Your smallest class has 30 pictures") ||
		!strings.Contains(m.recoLabel.Text, "72% familiar") {
		t.Errorf("recommendation = %q", m.recoLabel.Text)
	}
	// With no choice of their own, the user sees the recommended case.
	if m.cases.Selected != "Case 1: Few pictures, everyday subjects" || b.Store.Project().Settings().Case != cases.None {
		t.Errorf("selected %q with setting %d, want case 1 shown and setting 0 (follow the recommendation)", m.cases.Selected, b.Store.Project().Settings().Case)
	}
	if !strings.Contains(m.caseHelp.Text, "train only a new last step") {
		t.Errorf("case help = %q", m.caseHelp.Text)
	}

	m.cases.SetSelected("Case 4: Many pictures, unusual subjects")
	if b.Store.Project().Settings().Case != cases.FromScratch || !strings.Contains(m.caseHelp.Text, "from scratch") {
		t.Errorf("choosing case 4: setting %d, help %q", b.Store.Project().Settings().Case, m.caseHelp.Text)
	}
	if m.useReco.Disabled() {
		t.Error("'Use the recommendation' disabled while another case is chosen")
	}
	test.Tap(m.useReco)
	if b.Store.Project().Settings().Case != cases.FrozenBackbone || m.cases.Selected != "Case 1: Few pictures, everyday subjects" {
		t.Errorf("after using the recommendation: case %d, selected %q", b.Store.Project().Settings().Case, m.cases.Selected)
	}

	// Choosing another network asks again, for that network.
	m.list.Select(2)
	if b.Store.Project().Settings().Network != "vgg16" {
		t.Errorf("network setting = %q", b.Store.Project().Settings().Network)
	}
	if last := eng.Recommended[len(eng.Recommended)-1]; last != "vgg16" {
		t.Errorf("last recommendation was for %q, want vgg16", last)
	}
}

func TestAdvancedSettingsFoldedAndValidated(t *testing.T) {
	b, m := newBench(t, fakeengine.New())
	if m.advanced.Items[0].Open {
		t.Error("advanced settings are open by default")
	}
	f := m.form
	if f.epochs.Text != "auto" || f.lr.Text != "auto" || f.batch.Text != "auto" || f.size.Text != "auto" ||
		f.val.Text != "20" || f.device.Selected != "Automatic (GPU when there is one)" {
		t.Errorf("defaults shown: epochs %q lr %q batch %q size %q val %q device %q",
			f.epochs.Text, f.lr.Text, f.batch.Text, f.size.Text, f.val.Text, f.device.Selected)
	}
	if want := "GPUs found: Test GPU. Automatic uses GPU: Test GPU."; f.deviceInfo.Text != want {
		t.Errorf("device line = %q, want %q", f.deviceInfo.Text, want)
	}
	if s := b.Store.Project().Settings(); s.Network != "squeezenet1_1" || s.Epochs != 0 || s.LearningRate != 0 || s.BatchSize != 0 {
		t.Errorf("default settings = %+v, want squeezenet1_1 and an automatic schedule", s)
	}
	f.epochs.SetText("")
	test.Type(f.epochs, "25")
	f.val.SetText("30")
	f.device.SetSelected("CPU")
	test.Tap(f.augment) // was on
	s := b.Store.Project().Settings()
	if s.Epochs != 25 || s.ValShare != 0.3 || s.Device != "cpu" || s.Augment {
		t.Errorf("settings = %+v", s)
	}
	f.lr.SetText("fast")
	if !strings.Contains(f.problem.Text, `Learning rate must be a number such as 0.001, or auto, not "fast"`) {
		t.Errorf("problem = %q", f.problem.Text)
	}
	if b.Store.Project().Settings().LearningRate != 0 {
		t.Error("a bad learning rate replaced the setting")
	}
	f.lr.SetText("0.01")
	f.batch.SetText("-2")
	if !strings.Contains(f.problem.Text, "Batch size must be between 1 and 4096 (or automatic)") {
		t.Errorf("problem = %q", f.problem.Text)
	}
	if b.Store.Project().Settings().LearningRate != 0.01 || b.Store.Project().Settings().BatchSize != 0 {
		t.Errorf("want the valid learning rate kept and the bad batch size refused: %+v", b.Store.Project().Settings())
	}
	f.batch.SetText("8")
	f.size.SetText("96")
	if f.problem.Text != "" || b.Store.Project().Settings().BatchSize != 8 || b.Store.Project().Settings().ImageSize != 96 {
		t.Errorf("after fixing: problem %q, settings %+v", f.problem.Text, b.Store.Project().Settings())
	}
	f.size.SetText("20")
	if !strings.Contains(f.problem.Text, "Picture size must be between 64 and 1024 pixels") || b.Store.Project().Settings().ImageSize != 96 {
		t.Errorf("picture size 20: problem %q, settings %+v", f.problem.Text, b.Store.Project().Settings())
	}
	// Back to automatic: "auto", an empty field and 0 all mean it.
	f.size.SetText("auto")
	f.epochs.SetText("")
	f.batch.SetText("0")
	f.lr.SetText(" Auto ")
	if s := b.Store.Project().Settings(); f.problem.Text != "" || s.ImageSize != 0 || s.Epochs != 0 || s.BatchSize != 0 || s.LearningRate != 0 {
		t.Errorf("back to auto: problem %q, settings %+v", f.problem.Text, s)
	}
	m.Refresh()
	if f.epochs.Text != "auto" || f.batch.Text != "auto" || f.lr.Text != "auto" || f.size.Text != "auto" {
		t.Errorf("automatic settings shown as epochs %q batch %q lr %q size %q", f.epochs.Text, f.batch.Text, f.lr.Text, f.size.Text)
	}
}

func TestDownloadWeightsWithProgress(t *testing.T) {
	eng := fakeengine.New()
	b, m := newBench(t, eng)
	w := m.weights
	m.list.Select(0) // resnet18: not here
	if !strings.Contains(w.status.Text, "not on this computer yet (45 MB)") || w.download.Disabled() {
		t.Fatalf("status %q, download enabled %v", w.status.Text, !w.download.Disabled())
	}
	var seen []string
	eng.OnFetch = func(done, total int64) {
		seen = append(seen, w.progress.TextFormatter())
		if w.progress.Hidden || w.cancel.Hidden {
			t.Error("progress or cancel hidden during the download")
		}
	}
	test.Tap(w.download)
	want := []string{"11.2 of 44.7 MB", "22.3 of 44.7 MB", "33.5 of 44.7 MB", "44.7 of 44.7 MB"}
	if strings.Join(seen, "|") != strings.Join(want, "|") {
		t.Errorf("progress texts = %q, want %q", seen, want)
	}
	if !strings.Contains(w.status.Text, "ResNet-18 are on this computer") || !w.download.Disabled() || !w.progress.Hidden {
		t.Errorf("after download: %q", w.status.Text)
	}
	n, _ := b.Store.Network("resnet18")
	if !n.WeightsAvailable {
		t.Error("network list not refreshed after the download")
	}
}

func TestCancelDownload(t *testing.T) {
	eng := fakeengine.New()
	b, m := newBench(t, eng)
	w := m.weights
	m.list.Select(2) // vgg16
	eng.OnFetch = func(done, total int64) {
		if done == total/4 {
			test.Tap(w.cancel)
		}
	}
	test.Tap(w.download)
	if n, _ := b.Store.Network("vgg16"); n.WeightsAvailable {
		t.Error("cancelled download marked the weights available")
	}
	if !strings.Contains(b.Status, "Download of vgg16 cancelled") || w.download.Disabled() {
		t.Errorf("status %q, download enabled %v", b.Status, !w.download.Disabled())
	}
	if b.Win.Canvas().Overlays().Top() != nil {
		t.Error("cancelling showed an error dialog")
	}
}

func TestImportWeights(t *testing.T) {
	b, m := newBench(t, fakeengine.New())
	w := m.weights
	m.list.Select(0)
	empty := filepath.Join(t.TempDir(), "empty.pth")
	os.WriteFile(empty, nil, 0o644)
	w.importFile(empty)
	dlg := b.Overlay(t)
	if !uitest.HasLabel(dlg, "weights file "+empty+" is empty") {
		t.Errorf("error dialog says %v", uitest.Labels(dlg))
	}
	good := filepath.Join(t.TempDir(), "resnet18.pth")
	os.WriteFile(good, []byte("weights"), 0o644)
	w.importFile(good)
	if n, _ := b.Store.Network("resnet18"); !n.WeightsAvailable || !strings.Contains(w.status.Text, "are on this computer") {
		t.Errorf("after import: %q", w.status.Text)
	}
}

func TestCaseFourNeedsNoWeights(t *testing.T) {
	_, m := newBench(t, fakeengine.New())
	m.list.Select(0)
	m.cases.SetSelected("Case 4: Many pictures, unusual subjects")
	if !strings.Contains(m.weights.status.Text, "does not need the pretrained weights") {
		t.Errorf("status = %q", m.weights.status.Text)
	}
}

func TestDescribeDevicesSaysWhyNotTheGPU(t *testing.T) {
	got := describeDevices(ui.Devices{Auto: "CPU (2 cores)", Why: "no usable Vulkan driver: libvulkan.so.1 not found"})
	want := "No GPU found. Automatic uses CPU (2 cores): no usable Vulkan driver: libvulkan.so.1 not found."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
