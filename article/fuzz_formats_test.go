package article

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// markdownFuzzSeeds reach each branch of the Markdown parser: front matter
// fields, errors and aliases, headings, fences, lists, blockquote
// reactions; the checked-in corpus in testdata/fuzz holds more.
var markdownFuzzSeeds = []string{
	"# H\n",
	"---\ntitle: T\nbyline: By A\nauthor: B\ndate: 2024-02-01\ntags: [a, ~, 1]\nreactions:\n  - &r {name: N, role: R, location: L, quote: Q}\n  - *r\n  - {name: X}\n---\nBody.\n",
	"---\ntitle: [a]\ntags: 5\nreactions: \"x\"\n---\n",
	"---\ntitle: a\n  bad: x\n---\n",
	"---\ntags: [a\n---\n",
	"---\nt: x\n",
	"\r\n---\r\n---\r\n# H\r\nText\r\n===\r\n",
	"Kicker\n\n# H #\n\n- a\n\n- b\n\n  c\n\n1) d\n\n    code\n\n    more\n\n```go\nx\n\n```\n~~~~\n# no\n",
	"# H\n\nBody.\n\n## Reactions\n\n> \"Q\"\n> — A, B (C)\n\n> Q2\n\n- D, E\n\n> Q3\n— F, G\n\nH, I (J): \"K\"\n\n\"L\" -- M, N\n\nNote.\n",
	"# H\n\n**Reactions:**\n\n>\n\n—\n",
	"---\ntitle: \"\\e]0;x\\a\\e[31mT\"\n---\n\x1b[2J# \x1b]0;t\x07H\n",
	"---\nx: &a [*a]\ntags: *a\n---\n# H\n",
	"---\ntitle: \"&#x1b;]0;T&#7;\"\ntags: [\"&#27\"]\n---\n# &#X9D;H\n\n`&#155;` &#x10000001b;\n\n## Reactions\n\n> &#x202e;\n> — &#8;A, B\n",
}

// jsonFuzzSeeds reach each branch of the JSON parser: objects, arrays,
// every field type and error, escapes and syntax errors.
var jsonFuzzSeeds = []string{
	`{"headline":"H"}`,
	`{"headline":"H","byline":"By A","place":"P","date":"D","source":"S","body":"a\nb\n\nc","tags":["t",null],"reactions":[null,{"name":"N","role":"R","location":"L","quote":"Q"},{"name":"X"}],"x":{"y":[1]}}`,
	`[{"headline":"A","body":["p","",null]},5,{"headline":"C","tags":5},{"body":"x"},{"headline":1,"body":{},"reactions":[1,{"quote":[]}]}]`,
	"[]", "5", "null", `"s"`, "{\"a\": }", "{\"a\":\n 1", "[1,2,]", "{}\n{}",
	`{"headline":"\u001b]0;x\u0007\u001b[31mH\ud83d\ude00\ud800","body":"\u0000\\\/"}`,
	"[\n  {\"headline\": \"Größe\"}, {\"headline\": \"\\\"q\\\"\"}\n]",
	`{"headline":"&#x1b;]0;T&#7;","body":"\u0026#27;[2J","tags":["&#155"],"reactions":[{"name":"&#X9d;","quote":"&#0000027"}]}`,
}

// addFiles adds every file of dir as a fuzz seed.
func addFiles(f *testing.F, dir string) {
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed files in %s: %v", dir, err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// checkParsed checks what Parse returned for data, whatever it holds:
// every field safe to print, a headline on every article, every problem
// an error with a message and a line within the file (JSON problems
// always have a line and column), and a Markdown file giving either one
// article or errors.
func checkParsed(t *testing.T, data []byte, f Format, arts []Article, probs []Problem) {
	t.Helper()
	for _, a := range arts {
		for _, s := range articleFields(a) {
			checkSafe(t, s)
		}
		if a.Headline == "" {
			t.Fatalf("article without headline: %+v", a)
		}
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	for _, p := range probs {
		checkSafe(t, p.Path)
		if p.Severity != SeverityError || p.Message == "" || p.Line < 0 || p.Line > lines || p.Col < 0 {
			t.Fatalf("bad problem %+v (file of %d lines)", p, lines)
		}
		if f == FormatJSON && p.Message != "binary file" && p.Message != "empty file" && (p.Line == 0 || p.Col == 0) {
			t.Fatalf("JSON problem without a position: %+v", p)
		}
	}
	if f == FormatMarkdown && (len(arts) == 1) == (len(probs) > 0) {
		t.Fatalf("%d articles and problems %v; want one article or errors", len(arts), probs)
	}
}

func FuzzParseMarkdown(f *testing.F) {
	for _, s := range markdownFuzzSeeds {
		f.Add([]byte(s))
	}
	addFiles(f, "testdata/markdown")
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, probs := Parse("f.md", data, FormatMarkdown)
		checkParsed(t, data, FormatMarkdown, arts, probs)
	})
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range jsonFuzzSeeds {
		f.Add([]byte(s))
	}
	addFiles(f, "testdata/json")
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, probs := Parse("f.json", data, FormatJSON)
		checkParsed(t, data, FormatJSON, arts, probs)
	})
}
