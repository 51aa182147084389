// Package language puts TransferLab's words into the language the user
// chose: English, Spanish, German or French, the operating system's by
// default. The translations are JSON files (translations/xx.json, the
// go-i18n format Fyne's lang package reads: {"English text": "translation"}),
// embedded in the program; every screen asks for its words with lang.L.
//
// Fyne's lang package picks its language once, from the operating system's
// locale, whenever translations are added, and has no call to choose
// another. So Apply registers the chosen language's words under the tag
// Fyne resolves the system's locale to (see targets): Fyne then "finds" the
// system's language and serves our words. English words are registered too
// (every key as itself, then en.json), before the chosen language's, so
// that switching back to English overwrites an earlier choice completely.
// The files also hold the words of Fyne's own dialogs (Cancel, Open, Save,
// Yes...): Fyne's translations serve the system's language, ours the one
// chosen.
//
// The key is the English text, so en.json holds only what reads otherwise
// in English (Fyne's "file.name" is "Name"); es, de and fr hold every key.
// To add a text, write lang.L("English words") in ui/ and its translations
// in es.json, de.json and fr.json: TestLanguageEveryStringTranslated lists
// the texts a file lacks. Counts: a sentence per case ("1 picture", "{{.N}}
// pictures") rather than lang.N, whose plural rules would be those of the
// tag the words are registered under, not of the language shown.
package language

import (
	"embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Pref is the preference that remembers the choice: "" follows the system,
// else one of Codes.
const Pref = "language"

// probeKey is a message only Apply registers, whose value is the language
// applied: reading it back through Fyne tells whether Fyne serves our words.
const probeKey = "transferlab.language"

//go:embed translations/*.json
var files embed.FS

// Codes are the languages TransferLab speaks, English first (the one used
// when the system's is none of them).
func Codes() []string { return []string{"en", "es", "de", "fr"} }

// Name is a language's name in itself ("Deutsch"), as menus list them so
// that anyone finds their own whatever the language shown now.
func Name(code string) string {
	switch code {
	case "en":
		return "English"
	case "es":
		return "Español"
	case "de":
		return "Deutsch"
	case "fr":
		return "Français"
	}
	return code
}

// Preferred is the language the user chose, "" when they chose the
// system's (or never chose, or the preference holds a language we lost).
func Preferred(prefs fyne.Preferences) string {
	code := prefs.String(Pref)
	if !slices.Contains(Codes(), code) {
		return ""
	}
	return code
}

// Remember keeps code ("" = the system's language) for the next start.
func Remember(prefs fyne.Preferences, code string) {
	prefs.SetString(Pref, code)
}

// Install applies the remembered language; the app calls it at start,
// before building the window.
func Install(prefs fyne.Preferences) error {
	return Apply(Preferred(prefs))
}

// Resolve is the language shown for a choice: code itself, or for ""
// the system's language when TransferLab speaks it, else English.
func Resolve(code string) string {
	if code != "" {
		return code
	}
	system := lang.SystemLocale().LanguageString()
	if slices.Contains(Codes(), system) {
		return system
	}
	return "en"
}

// Apply makes lang.L answer in the language chosen by code ("" = the
// system's). Screens built afterwards use it; tests call Apply("en") to be
// in English whatever the machine's locale.
func Apply(code string) error {
	shown := Resolve(code)
	data, err := layered(shown)
	if err != nil {
		return err
	}
	for _, tag := range targets() {
		if err := lang.AddTranslationsForLocale(data, tag); err != nil {
			continue // e.g. a tag go-i18n has no plural rules for
		}
		if Current() == shown {
			return nil
		}
	}
	return fmt.Errorf("the %s words could not be installed", Name(shown))
}

// Current is the language lang.L answers in now ("" before Apply).
func Current() string {
	return lang.LocalizeKey(probeKey, "")
}

// targets are the tags Fyne may resolve the system's locale to, most likely
// first: the system language's own (a language Fyne matches exactly once it
// has words for it), then English, Fyne's fallback when the system's locale
// is unset or unparsable ("C", "POSIX", as on servers and in CI).
func targets() []fyne.Locale {
	system := fyne.Locale(lang.SystemLocale().LanguageString())
	if system == "en" || system == "" {
		return []fyne.Locale{"en"}
	}
	return []fyne.Locale{system, "en"}
}

// layered is the JSON Apply registers for language code: every key of
// every file as itself (English), en.json over it, code's file over that,
// and the probe.
func layered(code string) ([]byte, error) {
	all := map[string]json.RawMessage{}
	for _, c := range Codes() {
		m, err := Messages(c)
		if err != nil {
			return nil, err
		}
		for key := range m {
			self, _ := json.Marshal(key)
			all[key] = self
		}
	}
	for _, c := range []string{"en", code} {
		m, err := Messages(c)
		if err != nil {
			return nil, err
		}
		maps.Copy(all, m)
	}
	probe, _ := json.Marshal(code)
	all[probeKey] = probe
	return json.Marshal(all)
}

// Messages are the entries of code's translation file: a key (the English
// text) and its translation, a JSON string or, for lang.N's plural forms,
// an object {"one": ..., "other": ...}.
func Messages(code string) (map[string]json.RawMessage, error) {
	data, err := files.ReadFile("translations/" + code + ".json")
	if err != nil {
		return nil, fmt.Errorf("no words for %q: %w", code, err)
	}
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("the %s words are damaged: %w", Name(code), err)
	}
	return m, nil
}

// Translate is key in language code without switching to it (the key
// itself when the file has no such entry), e.g. to say in the language
// just chosen that it shows at the next start.
func Translate(code, key string) string {
	m, err := Messages(Resolve(code))
	if err != nil {
		return key
	}
	var s string
	if json.Unmarshal(m[key], &s) != nil || s == "" {
		return key
	}
	return s
}

// Keys are the keys of code's file, sorted.
func Keys(code string) []string {
	m, _ := Messages(code)
	keys := slices.Collect(maps.Keys(m))
	sort.Strings(keys)
	return keys
}
