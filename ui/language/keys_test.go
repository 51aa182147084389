package language

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"unicode"

	"fyne.io/fyne/v2/lang"

	"transferlab/engine/cases"
	"transferlab/ui/glossary"
)

// key is one text the UI asks lang for, and where.
type key struct {
	text  string
	where string
}

// uiKeys finds the literal first argument of every lang.L / lang.N call in
// ui/**/*.go (tests left out), constant concatenations included, and of
// ui/project's newProblem calls.
func uiKeys(t *testing.T) []key {
	t.Helper()
	var keys []key
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		langFile := importsLang(f) || filepath.Base(filepath.Dir(path)) == "project"
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 || !(langFile && isLangCall(call) || isStatusCall(call)) {
				return true
			}
			if text, ok := constantString(call.Args[0]); ok && hasWords(text) {
				keys = append(keys, key{text, fset.Position(call.Pos()).String()})
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func importsLang(f *ast.File) bool {
	for _, imp := range f.Imports {
		if imp.Path.Value == `"fyne.io/fyne/v2/lang"` && (imp.Name == nil || imp.Name.Name == "lang") {
			return true
		}
	}
	return false
}

// isLangCall is lang.L(...), lang.N(...), lang.X(...) (whose key is no
// English text: en.json must hold it), or their long names, or
// ui/project's newProblem(...), whose English text the window translates
// (ErrorText).
func isLangCall(call *ast.CallExpr) bool {
	if id, ok := call.Fun.(*ast.Ident); ok {
		return id.Name == "newProblem"
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "lang" && slices.Contains([]string{"L", "N", "X", "Localize", "LocalizePlural", "LocalizeKey"}, sel.Sel.Name)
}

// hasWords tells a text to translate from a bare format such as "%s".
func hasWords(text string) bool {
	return strings.ContainsFunc(verbPattern.ReplaceAllString(text, ""), unicode.IsLetter)
}

// isStatusCall is host.SetStatus(format, ...), which translates its format.
func isStatusCall(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "SetStatus"
}

// constantString is the value of a string literal or a + of them.
func constantString(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		a, ok1 := constantString(x.X)
		b, ok2 := constantString(x.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return constantString(x.X)
	}
	return "", false
}

// dynamicKeys are the texts the UI translates from a variable: the cases'
// words (shown by the Model, Train and Results screens as
// lang.L(c.Title()) and so on) and the words of Fyne's own dialogs and
// menus that our windows show (their files cover only the system's
// language, Apply replaces it).
func dynamicKeys() []key {
	var keys []key
	for _, c := range cases.All() {
		for _, text := range []string{c.Title(), c.Explain(), c.Plain()} {
			keys = append(keys, key{text, "engine/cases"})
		}
	}
	for _, text := range []string{"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename",
		"Error", "Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo", "Save",
		"Select all", "Show Hidden Files", "Undo", "Yes", "(Parent)"} {
		keys = append(keys, key{text, "fyne"})
	}
	for _, text := range glossary.Keys() {
		keys = append(keys, key{text, "ui/glossary"})
	}
	// Said with Translate, in the language just chosen (ui/window/language.go).
	keys = append(keys, key{"The new language shows the next time you open TransferLab.", "ui/window"})
	return keys
}

var fieldPattern = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

var verbPattern = regexp.MustCompile(`%[-+#0-9.]*[sdvqfg]`)

// verbs are a SetStatus format's printf verbs, in order: a translation
// must keep them (and their order) for its arguments.
func verbs(s string) []string { return verbPattern.FindAllString(s, -1) }

// fields are the template fields a text uses, sorted and without repeats.
func fields(s string) []string {
	var out []string
	for _, m := range fieldPattern.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// forms are a translation's texts: the string, or each plural form.
func forms(raw json.RawMessage) ([]string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}, s != ""
	}
	var plural map[string]string
	if json.Unmarshal(raw, &plural) != nil || plural["other"] == "" {
		return nil, false
	}
	var out []string
	for _, f := range plural {
		out = append(out, f)
	}
	return out, true
}

func TestLanguageEveryStringTranslated(t *testing.T) {
	keys := append(uiKeys(t), dynamicKeys()...)
	if len(keys) < 100 {
		t.Fatalf("found only %d texts in ui/: the scan is broken", len(keys))
	}
	for _, code := range []string{"es", "de", "fr"} {
		m, err := Messages(code)
		if err != nil {
			t.Fatal(err)
		}
		var missing []string
		for _, k := range keys {
			raw, ok := m[k.text]
			if !ok {
				missing = append(missing, strconv.Quote(k.text)+" ("+k.where+")")
				continue
			}
			texts, ok := forms(raw)
			if !ok {
				t.Errorf("%s.json: %q has an empty or malformed translation", code, k.text)
			}
			for _, tr := range texts {
				if !slices.Equal(verbs(tr), verbs(k.text)) {
					t.Errorf("%s.json: %q has the verbs %v, its translation %q %v", code, k.text, verbs(k.text), tr, verbs(tr))
				}
				if !slices.Equal(fields(tr), fields(k.text)) {
					t.Errorf("%s.json: %q uses %v, its translation %q uses %v", code, k.text, fields(k.text), tr, fields(tr))
				}
			}
		}
		sort.Strings(missing)
		missing = slices.Compact(missing)
		if len(missing) > 0 {
			t.Errorf("%s.json lacks %d texts:\n%s", code, len(missing), strings.Join(missing, "\n"))
		}
	}
}

// TestLanguageFilesAgree checks the four files against each other: the
// same keys in Spanish, German and French (none left behind when a text
// changes), and English entries only where the words are not the key.
func TestLanguageFilesAgree(t *testing.T) {
	es := Keys("es")
	for _, code := range []string{"de", "fr"} {
		if got := Keys(code); !slices.Equal(got, es) {
			t.Errorf("%s.json has %d keys, es.json %d; they differ in %v", code, len(got), len(es), symmetricDifference(got, es))
		}
	}
	for _, k := range Keys("en") {
		if !slices.Contains(es, k) {
			t.Errorf("en.json has %q, which the other languages lack", k)
		}
	}
}

func symmetricDifference(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, "+"+x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, "-"+x)
		}
	}
	return out
}

// TestLanguageSwitches applies each language and reads every text back
// through Fyne's lang.L, filled in: what the screens will show.
func TestLanguageSwitches(t *testing.T) {
	t.Cleanup(func() { _ = Apply("en") })
	for _, code := range Codes() {
		if err := Apply(code); err != nil {
			t.Fatalf("Apply(%q): %v", code, err)
		}
		if Current() != code {
			t.Fatalf("after Apply(%q) the language is %q", code, Current())
		}
		m, _ := Messages("es")
		shown, _ := Messages(code)
		for k := range m {
			data := map[string]any{}
			for _, f := range fields(k) {
				data[f] = "<" + f + ">"
			}
			want := k
			if raw, ok := shown[k]; ok {
				var s string
				if json.Unmarshal(raw, &s) != nil {
					continue // a plural form: lang.N's business
				}
				want = s
			}
			var b strings.Builder
			if err := template.Must(template.New("").Parse(want)).Execute(&b, data); err != nil {
				t.Fatalf("%s: %q: %v", code, want, err)
			}
			if got := lang.L(k, data); got != b.String() {
				t.Errorf("%s: lang.L(%q) = %q, want %q", code, k, got, b.String())
			}
		}
	}
	if err := Apply("en"); err != nil || lang.L("Cancel") != "Cancel" || lang.L("Delete") != "Delete" {
		t.Errorf("back in English: Cancel is %q, Delete %q (%v)", lang.L("Cancel"), lang.L("Delete"), err)
	}
}
