package window

import (
	"path/filepath"
	"slices"
	"testing"

	"transferlab/internal/shareddata"
	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
	"transferlab/ui/uitest"
)

// A picture dropped on Try it is classified, not added to the project; a
// folder dropped there is added, on the Pictures screen.
func TestDropOnTryIt(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	u.selectTab(host.Try)
	cat := filepath.Join(catsDogs(t), "cat", "cat-07.jpg")
	uitest.Drop(u, cat)
	if !uitest.HasLabel(u.try.Content(), "Train a model first") || len(u.store.Project().Images()) != 0 {
		t.Errorf("before training: %q, project has %d pictures", uitest.Labels(u.try.Content()), len(u.store.Project().Images()))
	}

	u, _ = trained(t)
	u.selectTab(host.Try)
	uitest.Drop(u, cat)
	if !showsLabel(u.try.Content(), "cat-07.jpg: the model says cat (80.0% sure).") {
		t.Errorf("message = %q", uitest.Labels(u.try.Content()))
	}
	if got := len(u.store.Project().ImagesOf("cat")); got != 30 {
		t.Errorf("dropping on Try it added pictures to the project (%d cats)", got)
	}
	uitest.Drop(u, shareddata.Path(t, "images/imagenet-samples"))
	if u.screen() != host.Pictures || !slices.Equal(u.store.Project().Classes(), []string{"cat", "dog", "imagenet-samples"}) {
		t.Errorf("folder dropped on Try it: tab %d, classes %v", u.tabs.SelectedIndex(), u.store.Project().Classes())
	}
}
