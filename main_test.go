package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/creack/pty"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/tmuxtest"
	"github.com/newsdesk/newsdesk/ui/render"
)

const seedPath = "seeds/000_6b8f1c3f41772375.txt"

const goodWire = "Talks Resume in Geneva\nGENEVA, March 3 (AP) — Negotiators met again.\nA second paragraph.\n"

// runCLI runs the CLI in-process with args and returns what it wrote to
// stdout and stderr and its exit status. Output goes to files, as when
// piped, so nothing is cut to a terminal width.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	dir := t.TempDir()
	outF, err := os.Create(filepath.Join(dir, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	errF, err := os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	origOut, origErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outF, errF
	defer func() { os.Stdout, os.Stderr = origOut, origErr }()
	code = run(context.Background(), args)
	outF.Close()
	errF.Close()
	o, _ := os.ReadFile(outF.Name())
	e, _ := os.ReadFile(errF.Name())
	return string(o), string(e), code
}

// libDir makes a directory of article files (name -> content).
func libDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestList_JSONSeedGolden pins issue 2's Done-when output:
// `newsdesk list --json seeds/000_6b8f1c3f41772375.txt`.
func TestList_JSONSeedGolden(t *testing.T) {
	stdout, stderr, code := runCLI(t, "list", "--json", seedPath)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	golden.RequireEqual(t, stdout)

	// The values issue 2 names, checked on their own so that -update
	// cannot bless a wrong golden file.
	var got article.JSONArticle
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	want := struct {
		headline, place, date, source string
		names, roles, locations       []string
	}{
		"Russia Reaffirms Backing for China's Taiwan Stance in High-Level Security Talks", "MOSCOW", "Feb 1", "Reuters",
		[]string{"Dr. Anya Petrova", "James Miller", "Professor Li Wei", "Mark Kovacs"},
		[]string{"Senior Fellow at the Eurasian Strategy Institute", "Editor-at-Large, 'The Global Security Review'",
			"Institute of International Relations", "Former Diplomat & Commentator"},
		[]string{"Moscow", "London", "Shanghai", "Washington D.C."},
	}
	if got.Headline != want.headline || got.Place != want.place || got.Date != want.date || got.Source != want.source {
		t.Errorf("headline/place/date/source = %q/%q/%q/%q", got.Headline, got.Place, got.Date, got.Source)
	}
	if len(got.Paragraphs) != 7 || !strings.HasPrefix(got.Paragraphs[0], "In a high-level meeting") {
		t.Errorf("%d paragraphs, first %.30q", len(got.Paragraphs), got.Paragraphs)
	}
	var names, roles, locations []string
	for _, r := range got.Reactions {
		names, roles, locations = append(names, r.Name), append(roles, r.Role), append(locations, r.Location)
	}
	if !slices.Equal(names, want.names) || !slices.Equal(roles, want.roles) || !slices.Equal(locations, want.locations) {
		t.Errorf("reactions: names %q roles %q locations %q", names, roles, locations)
	}
	if len(got.Warnings) != 0 {
		t.Errorf("warnings %q, want none", got.Warnings)
	}
}

func TestList_ExitStatusAndFailures(t *testing.T) {
	good := libDir(t, map[string]string{"good.txt": goodWire, "bin.txt": "x\x00y", "empty.md": ""})
	bad := libDir(t, map[string]string{"bin.txt": "x\x00y"})
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    []string // substrings of stdout
		wantErr    []string // lines of stderr, in order
		wantOutLen int      // stdout lines
	}{
		{
			name: "good mixed with bad", args: []string{"list", "--json", good}, wantCode: 0,
			wantOut:    []string{`"path":"` + filepath.Join(good, "good.txt") + `"`, `"format":"wire"`},
			wantErr:    []string{filepath.Join(good, "bin.txt") + ": binary file", filepath.Join(good, "empty.md") + ": empty file"},
			wantOutLen: 1,
		},
		{
			name: "table", args: []string{"list", good}, wantCode: 0,
			wantOut:    []string{"HEADLINE", "PLACE", "DATE", "SOURCE", "REACTIONS"},
			wantErr:    []string{filepath.Join(good, "bin.txt") + ": binary file", filepath.Join(good, "empty.md") + ": empty file"},
			wantOutLen: 2,
		},
		{
			name: "no article at all", args: []string{"list", bad, filepath.Join(bad, "missing.txt")}, wantCode: 1,
			wantErr: []string{filepath.Join(bad, "bin.txt") + ": binary file", filepath.Join(bad, "missing.txt") + ": no such file or directory"},
		},
		{name: "unknown flag", args: []string{"list", "--bogus"}, wantCode: 2},
		{name: "unknown command", args: []string{"lsit"}, wantCode: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			if n := strings.Count(stdout, "\n"); n != tt.wantOutLen {
				t.Errorf("stdout has %d lines, want %d:\n%s", n, tt.wantOutLen, stdout)
			}
			if len(tt.wantErr) > 0 {
				lines := strings.Split(stderr, "\n")
				if len(lines) < len(tt.wantErr) || strings.Join(lines[:len(tt.wantErr)], "\n") != strings.Join(tt.wantErr, "\n") {
					t.Errorf("stderr:\n%s\nwant it to start with:\n%s", stderr, strings.Join(tt.wantErr, "\n"))
				}
			}
		})
	}
}

func TestLibrary_Resolution(t *testing.T) {
	one := libDir(t, map[string]string{"one.txt": goodWire})
	two := libDir(t, map[string]string{"two.txt": goodWire})
	tests := []struct {
		name string
		env  string
		args []string
		want []string // paths listed, in order
	}{
		{"bundled seeds by default", "", nil, []string{seedPath}},
		{"NEWSDESK_LIBRARY in order", two + string(os.PathListSeparator) + one, nil,
			[]string{filepath.Join(two, "two.txt"), filepath.Join(one, "one.txt")}},
		{"empty entries ignored", string(os.PathListSeparator) + one + string(os.PathListSeparator), nil,
			[]string{filepath.Join(one, "one.txt")}},
		{"arguments win over NEWSDESK_LIBRARY", one, []string{two}, []string{filepath.Join(two, "two.txt")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(config.LibraryEnv, tt.env)
			for _, cmd := range []string{"list", "check"} {
				args := []string{cmd}
				if cmd == "list" {
					args = append(args, "--json")
				}
				stdout, stderr, code := runCLI(t, append(args, tt.args...)...)
				if code != 0 {
					t.Errorf("%s: exit %d, stderr %q", cmd, code, stderr)
				}
				if cmd == "check" {
					if want := plural(len(tt.want), "file"); !strings.HasPrefix(stdout, want+", ") {
						t.Errorf("check: %q, want it to count %s", stdout, want)
					}
					continue
				}
				var got []string
				for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
					_, rest, _ := strings.Cut(line, `"path":"`)
					p, _, _ := strings.Cut(rest, `"`)
					got = append(got, p)
				}
				if strings.Join(got, " ") != strings.Join(tt.want, " ") {
					t.Errorf("list: paths %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestCheck_ReportsEveryProblem(t *testing.T) {
	dir := libDir(t, map[string]string{"a.txt": goodWire, "b.txt": "\x00", "c.json": "  \n"})
	stdout, stderr, code := runCLI(t, "check", dir, filepath.Join(dir, "nope.md"))
	want := filepath.Join(dir, "b.txt") + ": error: binary file\n" +
		filepath.Join(dir, "c.json") + ": error: empty file\n" +
		filepath.Join(dir, "nope.md") + ": error: no such file or directory\n" +
		"4 files, 1 article, 3 errors, 0 warnings\n"
	if stdout != want || code != 1 {
		t.Errorf("exit %d, stdout:\n%s\nwant exit 1 and:\n%s", code, stdout, want)
	}
	// The count line says it all: no error box repeating it on stderr.
	if stderr != "" {
		t.Errorf("check with errors wrote to stderr: %q", stderr)
	}

	stdout, _, code = runCLI(t, "check", filepath.Join(dir, "a.txt"))
	if code != 0 || stdout != "1 file, 1 article, 0 errors, 0 warnings\n" {
		t.Errorf("clean file: exit %d, stdout %q", code, stdout)
	}
	warn := libDir(t, map[string]string{"w.txt": "Head\x1b[31mline\nBody \x07text\n"})
	stdout, _, code = runCLI(t, "check", warn)
	want = filepath.Join(warn, "w.txt") + ": warning: control sequences removed\n1 file, 1 article, 0 errors, 1 warning\n"
	if code != 0 || stdout != want {
		t.Errorf("warnings only: exit %d, stdout %q, want exit 0 and %q", code, stdout, want)
	}
}

func TestCheckProblems_AddsArticleWarnings(t *testing.T) {
	r := article.Result{
		Path: "lib/a.json",
		Problems: []article.Problem{
			{Path: "lib/a.json", Line: 3, Col: 5, Severity: article.SeverityError, Message: "element 2: headline: want a string"},
			{Path: "lib/a.json", Line: 9, Severity: article.SeverityWarning, Message: "control sequences removed"},
		},
		Articles: []article.Article{
			{Path: "lib/a.json", Elem: 1, ID: "/srv/lib/a.json#1", Warnings: []string{"control sequences removed", "article has no body"}},
		},
	}
	var got []string
	for _, p := range checkProblems(r) {
		got = append(got, p.String())
	}
	want := []string{
		"lib/a.json:3:5: error: element 2: headline: want a string",
		"lib/a.json:9: warning: control sequences removed",
		"lib/a.json#1: warning: article has no body",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestShow_Outputs(t *testing.T) {
	dir := libDir(t, map[string]string{"a.txt": goodWire, "bin.txt": "\x00",
		"arr.json": `[{"headline":"One"}, {"headline":2}, {"headline":"Three"}]`})
	file := filepath.Join(dir, "a.txt")
	array := filepath.Join(dir, "arr.json")
	arts, _ := article.Collect(article.Load(context.Background(), []string{file}, article.Options{}))
	if len(arts) != 1 {
		t.Fatalf("fixture did not load: %v", arts)
	}
	line, _ := arts[0].MarshalJSONLine()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    string
		wantErrHas string
	}{
		{"json", []string{"show", "--json", file}, 0, string(line), ""},
		{"markdown", []string{"show", "--markdown", file}, 0, arts[0].Markdown(), ""},
		{"plain Markdown when not a terminal", []string{"show", file}, 0, arts[0].Markdown(), ""},
		{"bad file", []string{"show", filepath.Join(dir, "bin.txt")}, 1, "", filepath.Join(dir, "bin.txt") + ": binary file"},
		{"missing file", []string{"show", filepath.Join(dir, "x.txt")}, 1, "", "no such file or directory"},
		{"no file", []string{"show"}, 2, "", ""},
		{"two files", []string{"show", file, file}, 2, "", ""},
		{"exclusive flags", []string{"show", "--json", "--markdown", file}, 2, "", "exclusive"},
		{"#N beyond the file", []string{"show", file + "#2"}, 1, "", "has no article 2 (1 article loaded)"},
		{"#N is the place in the array", []string{"show", "--markdown", array + "#3"}, 0, "# Three\n", "article 2: "},
		{"#N of an element that failed", []string{"show", array + "#2"}, 1, "", "has no article 2 (2 articles loaded)"},
		{"the first of an array", []string{"show", "--markdown", array}, 0, "# One\n", "holds 2 articles: showing the first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			if stdout != tt.wantOut {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, tt.wantOut)
			}
			if !strings.Contains(stderr, tt.wantErrHas) {
				t.Errorf("stderr %q lacks %q", stderr, tt.wantErrHas)
			}
		})
	}
}

func TestSplitNth(t *testing.T) {
	dir := libDir(t, map[string]string{"odd#2": goodWire})
	tests := []struct {
		in   string
		name string
		n    int
	}{
		{"a.json", "a.json", 0},
		{"a.json#3", "a.json", 3},
		{"a.json#0", "a.json#0", 0},
		{"a.json#x", "a.json#x", 0},
		{"a#b.json", "a#b.json", 0},
		{filepath.Join(dir, "odd#2"), filepath.Join(dir, "odd#2"), 0}, // an existing file wins
	}
	for _, tt := range tests {
		if name, n := splitNth(tt.in); name != tt.name || n != tt.n {
			t.Errorf("splitNth(%q) = %q, %d; want %q, %d", tt.in, name, n, tt.name, tt.n)
		}
	}
}

// TestCLI_EscapeBytesNeverReachOutput checks that terminal escapes in a
// file name or in a file's text never reach stdout or stderr raw, in any
// command.
func TestCLI_EscapeBytesNeverReachOutput(t *testing.T) {
	dir := libDir(t, map[string]string{
		"evil\x1b]0;pwned\x07.txt": goodWire,
		"content.txt":              "Head\x1b]0;title\x07line\nBody \x1b[2J\u009b31m text\n",
		"bad\x1b[2J\u009b.txt":     "\x00",
	})
	for _, args := range [][]string{
		{"list", dir}, {"list", "--json", dir}, {"check", dir},
		{"show", filepath.Join(dir, "bad\x1b[2J\u009b.txt")},
		{"show", "--json", filepath.Join(dir, "evil\x1b]0;pwned\x07.txt")},
		{"show", filepath.Join(dir, "evil\x1b]0;pwned\x07.txt#5")},
	} {
		stdout, stderr, _ := runCLI(t, args...)
		for _, out := range []string{stdout, stderr} {
			if strings.ContainsAny(out, "\x1b\x07\u009b") {
				t.Errorf("%q: output holds a control character: %q", args, out)
			}
		}
		if stdout+stderr == "" {
			t.Errorf("%q: no output at all", args)
		}
	}
}

func TestRoot_PathsAndMistypedCommands(t *testing.T) {
	dir := libDir(t, map[string]string{"lsit": goodWire})
	tests := []struct {
		args     []string
		wantCode int // 0: taken as paths for the reader
	}{
		{[]string{"seeds"}, 0},
		{[]string{"no-such-dir"}, 0}, // the reader reports it as a problem
		{[]string{"lsit"}, 2},
		{[]string{"chek", "seeds"}, 2},
		{[]string{filepath.Join(dir, "lsit")}, 0},
	}
	root := newRootCmd()
	for _, tt := range tests {
		err := mistypedCommand(root, tt.args)
		code := 0
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		}
		if code != tt.wantCode {
			t.Errorf("%q: exit %d (%v), want %d", tt.args, code, err, tt.wantCode)
		}
	}
}

// TestStyleFlag_CheckedForEveryCommand: an unknown --style is a usage
// error (exit 2) naming the style as written and listing the valid ones,
// for every command and before or after the command's name; style names
// are case-insensitive.
func TestStyleFlag_CheckedForEveryCommand(t *testing.T) {
	for _, args := range [][]string{
		{"--style", "Bogus"}, {"--style", "Bogus", "list", seedPath}, {"list", "--style", "Bogus", seedPath},
		{"show", "--style=Bogus", seedPath}, {"--style", "Bogus", "show", seedPath},
		{"check", "--style", "Bogus", seedPath}, {"serve", "--public", "--style", "Bogus"},
	} {
		_, stderr, code := runCLI(t, args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2 (usage)", args, code)
		}
		if !strings.Contains(stderr, `"Bogus"`) {
			t.Errorf("%q: the message does not name the style as written:\n%s", args, stderr)
		}
		for _, name := range render.StyleNames() {
			if !strings.Contains(stderr, name) {
				t.Errorf("%q: the message does not list %q:\n%s", args, name, stderr)
			}
		}
	}
	for _, args := range [][]string{
		{"--style", "DARK", "list", seedPath}, {"list", "--style", "Tokyo-Night", seedPath},
		{"--style=Light", "show", seedPath}, {"show", "--style", "NoTTY", seedPath},
	} {
		if _, stderr, code := runCLI(t, args...); code != 0 {
			t.Errorf("%q: exit %d:\n%s", args, code, stderr)
		}
	}
}

// TestShowStyle: show resolves its style like the reader, and NO_COLOR
// keeps the style (its colours dropped) instead of switching to notty.
func TestShowStyle(t *testing.T) {
	tests := []struct {
		style, noColor string
		want           render.Style
	}{
		{"dark", "", "dark"},
		{"dracula", "", "dracula"},
		{"dark", "1", "dark+nocolor"},
		{"notty", "1", "notty"},
		{"light", "1", "light+nocolor"},
	}
	for _, tt := range tests {
		t.Setenv("NO_COLOR", tt.noColor)
		if tt.noColor == "" {
			os.Unsetenv("NO_COLOR")
		}
		if got := showStyle(tt.style); got != tt.want {
			t.Errorf("showStyle(%q) with NO_COLOR=%q = %q, want %q", tt.style, tt.noColor, got, tt.want)
		}
	}
}

// TestErrors_TextAsWritten checks each error message, exactly: paths,
// flags and names keep the case they were written in, and piped stderr
// gets the bare message.
func TestErrors_TextAsWritten(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for name, content := range map[string]string{
		"Lib/Json/20_Array.json": `[{"headline":"One"}]`,
		"Lib/a.txt":              goodWire,
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir("Empty", 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no such element", []string{"show", "Lib/Json/20_Array.json#3"}, 1, "Lib/Json/20_Array.json has no article 3 (1 article loaded)\n"},
		{"no article to show", []string{"show", "Empty"}, 1, "Empty: no article to show\n"},
		{"exclusive show flags", []string{"show", "--json", "--markdown", "Lib/a.txt"}, 2, "--json and --markdown are exclusive\n"},
		{"exclusive list flags", []string{"list", "--json", "--path", "Lib"}, 2, "--json and --path are exclusive (every JSON line has its \"path\")\n"},
		{"unknown sort order", []string{"list", "--sort", "Newest", "Lib"}, 2,
			"invalid argument \"Newest\" for \"--sort\" flag: want one of date, headline, reactions, path\n"},
		{"unknown flag", []string{"list", "--Json"}, 2, "unknown flag: --Json\n"},
		{"mistyped command", []string{"lsit"}, 2, "unknown command \"lsit\" (did you mean \"list\"?)\n"},
		{"the reader off a terminal", []string{"Lib"}, 1,
			"the reader needs a terminal, and stdout is not one: newsdesk list and newsdesk show print articles anywhere\n"},
		{"an empty library", []string{"list", "Empty"}, 1, article.EmptyLibraryMessage([]string{"Empty"}) + "\n"},
		{"a library of bad files", []string{"list", "Lib/b.txt"}, 1, "Lib/b.txt: no such file or directory\nno article could be loaded\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, tt.args...)
			if code != tt.wantCode || stderr != tt.wantErr {
				t.Errorf("exit %d, stderr:\n%q\nwant exit %d and:\n%q", code, stderr, tt.wantCode, tt.wantErr)
			}
		})
	}
}

// TestErrors_StyledKeepTheirCase checks fang's error box on a terminal:
// styled, but the path as written, not title-cased.
func TestErrors_StyledKeepTheirCase(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("lib/json", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("lib/json/a_b.json", []byte(`[{"headline":"One"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ args []string }{
		{[]string{"show", "lib/json/a_b.json#3"}},
		{[]string{"list", "--sort", "newest"}},
	} {
		root := newRootCmd()
		root.SetArgs(tt.args)
		var stderr strings.Builder
		root.SetErr(&stderr)
		root.SetOut(&strings.Builder{})
		if err := execute(context.Background(), root, true); err == nil {
			t.Fatalf("%q: no error", tt.args)
		}
		got := ansi.Strip(stderr.String())
		want := map[string]string{
			"show": "lib/json/a_b.json has no article 3 (1 article loaded)",
			"list": `invalid argument "newest" for "--sort" flag: want one of date, headline, reactions, path`,
		}[tt.args[0]]
		if !strings.Contains(got, "ERROR") || !strings.Contains(got, want) {
			t.Errorf("%q: styled error:\n%s\nwant the ERROR box with %q", tt.args, got, want)
		}
	}
}

// sortLib is a library whose articles differ in every sort order: file
// names, dates, headlines and reaction counts.
func sortLib(t *testing.T) string {
	t.Helper()
	art := func(headline, place, date string, reactions int) string {
		rs := make([]string, reactions)
		for i := range rs {
			rs[i] = `{"name":"Person ` + string(rune('A'+i)) + `","quote":"Quote."}`
		}
		return `{"headline":"` + headline + `","place":"` + place + `","date":"` + date + `","source":"AP","reactions":[` + strings.Join(rs, ",") + `]}`
	}
	return libDir(t, map[string]string{
		"1.json": art("bravo story", "GENEVA", "2024-03-01", 1),
		"2.json": art("Alpha story", "LONDON", "2024-05-01", 2),
		"3.json": art("charlie story", "PARIS", "2023-12-31", 2),
		"4.json": `[{"headline":"delta story","date":"2024-04-01","source":"AFP"},` +
			`{"headline":"Echo story","source":"AFP"}]`,
	})
}

func TestList_SortAndPath(t *testing.T) {
	lib := sortLib(t)
	t.Chdir(lib)
	stdout, stderr, code := runCLI(t, "list", "--path", ".")
	want := "" +
		"HEADLINE       PLACE   DATE        SOURCE  REACTIONS  PATH\n" +
		"Alpha story    LONDON  2024-05-01  AP              2  2.json\n" +
		"delta story            2024-04-01  AFP             0  4.json#1\n" +
		"bravo story    GENEVA  2024-03-01  AP              1  1.json\n" +
		"charlie story  PARIS   2023-12-31  AP              2  3.json\n" +
		"Echo story                         AFP             0  4.json#2\n"
	if code != 0 || stdout != want {
		t.Errorf("list --path: exit %d (stderr %q), stdout:\n%s\nwant (newest first, undated last):\n%s", code, stderr, stdout, want)
	}

	paths := func(out string) string {
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			f := strings.Fields(line)
			got = append(got, f[len(f)-1])
		}
		return strings.Join(got, " ")
	}
	for _, tt := range []struct{ order, want string }{
		{"date", "2.json 4.json#1 1.json 3.json 4.json#2"},
		{"headline", "2.json 1.json 3.json 4.json#1 4.json#2"},
		{"reactions", "2.json 3.json 1.json 4.json#1 4.json#2"},
		{"path", "1.json 2.json 3.json 4.json#1 4.json#2"},
		{"HEADLINE", "2.json 1.json 3.json 4.json#1 4.json#2"},
	} {
		stdout, stderr, code := runCLI(t, "list", "--path", "--sort", tt.order, ".")
		if got := paths(stdout); code != 0 || got != tt.want {
			t.Errorf("--sort %s: exit %d (stderr %q), paths %s, want %s", tt.order, code, stderr, got, tt.want)
		}
	}

	// Every path the table shows is one show takes.
	for _, name := range strings.Fields(paths(stdout)) {
		if _, stderr, code := runCLI(t, "show", "--json", name); code != 0 || stderr != "" {
			t.Errorf("show %s: exit %d, stderr %q", name, code, stderr)
		}
	}
}

func TestList_JSONOrder(t *testing.T) {
	lib := sortLib(t)
	headlines := func(out string) string {
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var a article.JSONArticle
			if err := json.Unmarshal([]byte(line), &a); err != nil {
				t.Fatalf("%v: %q", err, line)
			}
			got = append(got, strings.Fields(a.Headline)[0])
		}
		return strings.Join(got, " ")
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "--json", lib}, "bravo Alpha charlie delta Echo"}, // load order
		{[]string{"list", "--json", "--sort", "date", lib}, "Alpha delta bravo charlie Echo"},
		{[]string{"list", "--json", "--sort", "reactions", lib}, "Alpha charlie bravo delta Echo"},
	} {
		stdout, stderr, code := runCLI(t, tt.args...)
		if got := headlines(stdout); code != 0 || got != tt.want {
			t.Errorf("%q: exit %d (stderr %q), order %s, want %s", tt.args[1:], code, stderr, got, tt.want)
		}
	}
	// Sorted or not, the lines are the same bytes.
	plain, _, _ := runCLI(t, "list", "--json", lib)
	sorted, _, _ := runCLI(t, "list", "--json", "--sort", "path", lib)
	if plain != sorted {
		t.Errorf("--sort path changed the lines:\n%s\nwant:\n%s", sorted, plain)
	}
}

func TestEmptyLibrary_SaysWhereItLooked(t *testing.T) {
	empty := libDir(t, map[string]string{"notes.rtf": "x", ".hidden.txt": goodWire})
	t.Setenv(config.LibraryEnv, empty)
	msg := article.EmptyLibraryMessage([]string{empty}) + "\n"
	stdout, stderr, code := runCLI(t, "list")
	if code != 1 || stdout != "" || stderr != msg {
		t.Errorf("list: exit %d, stdout %q, stderr:\n%q\nwant exit 1 and:\n%q", code, stdout, stderr, msg)
	}
	stdout, stderr, code = runCLI(t, "check")
	if code != 0 || stdout != "0 files, 0 articles, 0 errors, 0 warnings\n" || stderr != msg {
		t.Errorf("check: exit %d, stdout %q, stderr:\n%q\nwant exit 0 and:\n%q", code, stdout, stderr, msg)
	}
}

func TestVersionString(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	const rev = "82fbee695fcdef3e35b28adda86c0e4469470bc6"
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"go install …@v1.2.3", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{"a checkout without VCS stamping", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{"a clean checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", rev, "vcs.modified", "false")},
			"(devel) rev 82fbee6"},
		{"a modified checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs", "git", "vcs.revision", rev, "vcs.modified", "true")},
			"(devel) rev 82fbee6, modified"},
		{"a pseudo-version names the revision already", &debug.BuildInfo{
			Main:     debug.Module{Version: "v0.0.0-20261202022617-82fbee695fcd+dirty"},
			Settings: settings("vcs.revision", rev, "vcs.modified", "true")}, "v0.0.0-20261202022617-82fbee695fcd+dirty"},
		{"a tag built in its checkout", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: settings("vcs.revision", rev)},
			"v1.2.3 rev 82fbee6"},
		{"no version recorded", &debug.BuildInfo{}, "(devel)"},
		{"no build information", nil, "(unknown version: built without module information)"},
	}
	for _, tt := range tests {
		if got := versionString(tt.info); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}

	stdout, _, code := runCLI(t, "--version")
	info, _ := debug.ReadBuildInfo()
	if want := "newsdesk " + versionString(info) + "\n"; code != 0 || stdout != want {
		t.Errorf("--version: exit %d, %q, want %q", code, stdout, want)
	}
}

func TestReaderInput_NeedsATerminal(t *testing.T) {
	ptm, pts, err := pty.Open()
	if err != nil {
		t.Skip("no pseudo-terminal here:", err)
	}
	defer ptm.Close()
	defer pts.Close()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	noTTY := func() (*os.File, error) { return nil, errors.New("open /dev/tty: no such device or address") }
	ctty := func() (*os.File, error) { return ptm, nil }
	tests := []struct {
		name          string
		stdin, stdout *os.File
		open          func() (*os.File, error)
		want          *os.File
		wantErr       error
	}{
		{"a terminal", pts, pts, noTTY, pts, nil},
		{"stdout piped", pts, file, ctty, nil, errNoTerminalOut},
		{"stdin piped, the controlling terminal read", pr, pts, ctty, ptm, nil},
		{"stdin piped and no controlling terminal", pr, pts, noTTY, nil, errNoTerminalIn},
	}
	for _, tt := range tests {
		got, err := readerInput(tt.stdin, tt.stdout, tt.open)
		if got != tt.want || err != tt.wantErr {
			t.Errorf("%s: %v, %v; want %v, %v", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestList_SortedJSONSpool checks the temporary file behind list --json
// --sort: gone when list ends, and a clear error when none can be made.
func TestList_SortedJSONSpool(t *testing.T) {
	lib := sortLib(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	if _, stderr, code := runCLI(t, "list", "--json", "--sort", "date", lib); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("list left %v in the temporary directory", left)
	}

	t.Setenv("TMPDIR", filepath.Join(tmp, "missing"))
	stdout, stderr, code := runCLI(t, "list", "--json", "--sort", "date", lib)
	want := "list --json --sort needs a temporary file: open " + filepath.Join(tmp, "missing") + "/newsdesk-list-"
	if code != 1 || stdout != "" || !strings.HasPrefix(stderr, want) || !strings.HasSuffix(stderr, ".jsonl: no such file or directory\n") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q…", code, stdout, stderr, want)
	}
}

func TestBrowser_RunsTheFirstCommandWithTheURL(t *testing.T) {
	if browser("") != nil || browser("  ") != nil {
		t.Fatal("an unset $BROWSER opens links")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "opened")
	script := filepath.Join(dir, "open.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s' \"$1\" > '"+out+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, env := range []string{script, script + " %s", script + ":/no/such/browser"} {
		_ = os.Remove(out)
		if err := browser(env)("https://example.com/a?b=1&c=2"); err != nil {
			t.Fatalf("%q: %v", env, err)
		}
		var got []byte
		if !tmuxtest.Until(func() bool { got, _ = os.ReadFile(out); return len(got) > 0 }) {
			t.Fatalf("%q: the browser was not run", env)
		}
		if string(got) != "https://example.com/a?b=1&c=2" {
			t.Errorf("%q: opened %q", env, got)
		}
	}
}

// --poll takes a positive duration (or 0, to watch), for the reader and
// serve alike; anything else is a usage error.
func TestPoll_NotADurationIsAUsageError(t *testing.T) {
	lib := libDir(t, map[string]string{"a.txt": "Headline\n\nBody.\n"})
	for _, args := range [][]string{
		{"--poll", "-1s", lib},
		{"--poll", "often", lib},
		{"serve", "--public", "--listen", "127.0.0.1:0", "--poll", "-30s", lib},
	} {
		_, stderr, code := runCLI(t, args...)
		if code != 2 || !strings.Contains(stderr, "--poll") {
			t.Errorf("newsdesk %s: status %d, stderr %q", strings.Join(args, " "), code, stderr)
		}
	}
}
