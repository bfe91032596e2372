package article

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// registerFormat adds f to the registry for the duration of the test.
func registerFormat(t *testing.T, f formatSpec) {
	t.Helper()
	old := formats
	formats = append(slices.Clip(formats), f)
	t.Cleanup(func() { formats = old })
}

// linesFormat is a fourth format, made up for the test: each line of a
// .lines file is one article, "HEADLINE | BODY".
var linesFormat = formatSpec{Name: "lines", Title: "line feeds", Exts: []string{".lines"}, Parse: func(text string) ([]Article, []Problem) {
	var arts []Article
	var probs []Problem
	for i, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		head, body, ok := strings.Cut(l, "|")
		if !ok {
			probs = append(probs, Problem{Line: i + 1, Severity: SeverityError, Message: "no |"})
			continue
		}
		arts = append(arts, Article{Elem: i + 1, Headline: head, Paragraphs: []string{body}})
	}
	return arts, probs
}}

// TestRegistry_AFourthFormatNeedsNoOtherChange registers a format in the
// test alone and finds it everywhere a format matters: FormatOf, the
// directory walk, Load and ReadFile, the "#N" of IDs and names, and
// everything Parse does for every format (path, version, sanitising).
func TestRegistry_AFourthFormatNeedsNoOtherChange(t *testing.T) {
	registerFormat(t, linesFormat)
	if got := FormatOf("x/Feed.LINES"); got != "lines" {
		t.Errorf("FormatOf = %q, want lines", got)
	}
	if got, want := formats.articleExts(), []string{".txt", ".md", ".markdown", ".json", ".lines"}; !reflect.DeepEqual(got, want) {
		t.Errorf("walked extensions %q, want %q", got, want)
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"feed.lines": "One | First \x1b[31mbody\nbroken\nThree | Third &#x1b; body\n",
		"skip.other": "Not | read",
		"a.txt":      goodWire,
	})
	arts, probs := Collect(Load(context.Background(), []string{dir}, Options{}))
	resolved, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	feed := filepath.Join(dir, "feed.lines")
	if len(arts) != 3 || len(probs) != 1 || probs[0].String() != feed+":2: error: no |" {
		t.Fatalf("got %d articles, problems %v", len(arts), probs)
	}
	one, three := arts[1], arts[2]
	if one.Format != "lines" || one.ID != ID(filepath.Join(resolved, "feed.lines")+"#1") || three.Name() != feed+"#3" {
		t.Errorf("format %q, ID %q, name %q", one.Format, one.ID, three.Name())
	}
	if one.Paragraphs[0] != "First body" || three.Paragraphs[0] != "Third \uFFFD body" || one.Headline != "One" ||
		!slices.Contains(three.Warnings, warnControls) || one.Version == 0 || one.Version != three.Version {
		t.Errorf("not cleaned as every format is: %+v %+v", one, three)
	}
	again, _ := ReadFile(feed, Options{})
	if len(again) != 2 || !reflect.DeepEqual(again[1], three) {
		t.Errorf("ReadFile: %+v", again)
	}
}

// TestRegistry_Builtins pins the three formats' extensions and the
// fallback for a file named explicitly.
func TestRegistry_Builtins(t *testing.T) {
	for path, want := range map[string]Format{
		"a.txt": FormatWire, "a.TXT": FormatWire, "a.md": FormatMarkdown, "a.Markdown": FormatMarkdown,
		"a.json": FormatJSON, "a": FormatWire, "a.log": FormatWire, "dir.md/a": FormatWire,
	} {
		if got := FormatOf(path); got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", path, got, want)
		}
	}
	if got, want := formats.articleExts(), []string{".txt", ".md", ".markdown", ".json"}; !reflect.DeepEqual(got, want) {
		t.Errorf("walked extensions %q, want %q", got, want)
	}
}
