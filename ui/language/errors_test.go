package language_test

import (
	"fmt"
	"testing"

	"transferlab/ui/language"
	"transferlab/ui/project"
)

func TestLanguageErrorTextTranslatesTheProjectsMessages(t *testing.T) {
	t.Cleanup(func() { _ = language.Apply("en") })
	err := fmt.Errorf("adding a class: %w", project.ValidateClassName("a/b"))
	if got, want := language.ErrorText(err), `adding a class: class name "a/b" contains a slash`; got != want {
		t.Errorf("in English: %q, want %q", got, want)
	}
	if err := language.Apply("de"); err != nil {
		t.Fatal(err)
	}
	if got, want := language.ErrorText(err), "adding a class: der Klassenname „a/b“ enthält einen Schrägstrich"; got != want {
		t.Errorf("in German: %q, want %q", got, want)
	}
	plain := fmt.Errorf("disk full")
	if got := language.ErrorText(plain); got != "disk full" {
		t.Errorf("an error nobody marked for translation reads %q", got)
	}
}
