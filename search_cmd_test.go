package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
)

// searchLib is a library of two wire articles, and a cache directory of
// the test's own for the indexes.
func searchLib(t *testing.T) (dir, cache string) {
	t.Helper()
	cache = t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv(config.LibraryEnv, "")
	dir = libDir(t, map[string]string{
		"geneva.txt": "Talks Resume in Geneva\nGENEVA, March 3 (AP) — Negotiators met again over Taiwan.\nA second paragraph.\n",
		"storm.txt":  "Storm Hits the Coast\nBy Ann Lee\nWICHITA, Kan., Feb. 1, 2024 (AP) — A winter storm knocked out power.\n",
	})
	t.Chdir(dir)
	return ".", cache
}

func TestSearch_TableExactly(t *testing.T) {
	dir, _ := searchLib(t)
	stdout, stderr, code := runCLI(t, "search", "taiwan", dir)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	want := "" +
		"HEADLINE                PLACE   DATE     SOURCE  MATCH                               PATH\n" +
		"Talks Resume in Geneva  GENEVA  March 3  AP      Negotiators met again over Taiwan.  geneva.txt\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	// An unknown field is a malformed query; -word leaves articles out.
	stdout, _, code = runCLI(t, "search", "byline:x OR lee", dir)
	if code != 1 || stdout != "" {
		t.Errorf("an unknown field: exit %d, %q", code, stdout)
	}
	stdout, _, code = runCLI(t, "search", "storm -taiwan", dir)
	if code != 0 || !strings.Contains(stdout, "Storm Hits the Coast") || strings.Contains(stdout, "Geneva") {
		t.Errorf("storm -taiwan: exit %d\n%s", code, stdout)
	}
}

func TestSearch_JSONLines(t *testing.T) {
	dir, _ := searchLib(t)
	stdout, stderr, code := runCLI(t, "search", "--json", "taiwan", dir)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines: %q", len(lines), stdout)
	}
	var h jsonHit
	if err := json.Unmarshal([]byte(lines[0]), &h); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("geneva.txt")
	abs, _ = filepath.EvalSymlinks(abs)
	if h.ID != abs || h.Path != "geneva.txt" || h.Place != "GENEVA" || h.Date != "March 3" || h.Source != "AP" ||
		h.Field != "body" || h.Part != 0 || h.Score <= 0 || len(h.Version) != 16 {
		t.Errorf("hit %+v", h)
	}
	if h.Headline.Text != "Talks Resume in Geneva" || len(h.Headline.Matches) != 0 {
		t.Errorf("headline %+v", h.Headline)
	}
	if h.Snippet.Text != "Negotiators met again over Taiwan." || len(h.Snippet.Matches) != 1 ||
		h.Snippet.Text[h.Snippet.Matches[0][0]:h.Snippet.Matches[0][1]] != "Taiwan" {
		t.Errorf("snippet %+v", h.Snippet)
	}
	if strings.Join(h.Matched, ",") != "body" {
		t.Errorf("matched %q", h.Matched)
	}
	for _, key := range []string{`"matches":[]`, `"matched":["body"]`} {
		if !strings.Contains(lines[0], key) {
			t.Errorf("no %s in %s", key, lines[0])
		}
	}
}

func TestSearch_ExitStatusAndMessages(t *testing.T) {
	dir, _ := searchLib(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unclosed quote", []string{"search", `"security talks`, dir}, 1, "unclosed quote: add a closing \"\n"},
		{"only words left out", []string{"search", "--", "-russia", dir}, 1, "only words to leave out: add a word to look for, as in taiwan -russia\n"},
		{"empty query", []string{"search", "", dir}, 1, "type something to search for\n"},
		{"nothing found", []string{"search", "zebra", dir}, 1, "no article matches zebra\n"},
		{"no query", []string{"search"}, 2, "search needs a QUERY: newsdesk search [--json] QUERY [PATH...]\n"},
		{"bad limit", []string{"search", "--limit", "0", "taiwan", dir}, 2, "--limit must be from 1 to 500\n"},
		{"unknown flag", []string{"search", "--bogus", "taiwan"}, 2, ""},
		{"no library", []string{"search", "taiwan", filepath.Join(dir, "missing")}, 1, "missing: no such file or directory\nno article could be loaded\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tt.args...)
			if code != tt.code || stdout != "" {
				t.Errorf("exit %d, stdout %q; want %d and nothing", code, stdout, tt.code)
			}
			if tt.stderr != "" && stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", stderr, tt.stderr)
			}
		})
	}
}

// TestSearch_IndexPerLibraryUpdated: each library has an index file of
// its own (the default one search.db), brought up to date by every
// search: a file added since is found, a removed one no longer is.
func TestSearch_IndexPerLibraryUpdated(t *testing.T) {
	dir, cache := searchLib(t)
	if _, _, code := runCLI(t, "search", "taiwan", dir); code != 0 {
		t.Fatal("first search failed")
	}
	if _, _, code := runCLI(t, "search", "russia"); code != 0 {
		t.Fatal("search of the bundled library failed")
	}
	files, _ := filepath.Glob(filepath.Join(cache, "newsdesk", "search*.db"))
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if len(names) != 2 || names[1] != "search.db" || !strings.HasPrefix(names[0], "search-") {
		t.Errorf("index files %q, want one of the library's own and search.db", names)
	}
	// The same library named another way: the same index.
	abs, _ := filepath.Abs(dir)
	again, _ := indexPath([]string{abs + string(filepath.Separator)}, nil)
	if filepath.Base(again) != names[0] {
		t.Errorf("the library named %s has index %s, want %s", abs, filepath.Base(again), names[0])
	}

	// The default library (here $NEWSDESK_LIBRARY's), named on the
	// command line, is the default library.
	if p, _ := indexPath([]string{dir}, []string{abs}); filepath.Base(p) != "search.db" {
		t.Errorf("the default library named as a PATH has index %s", p)
	}

	if err := os.WriteFile("harbour.txt", []byte("Harbour Reopens\nOSLO, Feb 2 (NTB) — Ships sail again.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove("geneva.txt"); err != nil {
		t.Fatal(err)
	}
	stdout, _, code := runCLI(t, "search", "ships", dir)
	if code != 0 || !strings.Contains(stdout, "Harbour Reopens") {
		t.Errorf("the new file: exit %d\n%s", code, stdout)
	}
	if _, stderr, code := runCLI(t, "search", "taiwan", dir); code != 1 || stderr != "no article matches taiwan\n" {
		t.Errorf("the removed file: exit %d, %q", code, stderr)
	}
}

// TestBuildReport: a build says nothing for its first second, then how
// far it is (on a terminal rewriting one line, elsewhere a line every few
// seconds), and what it did.
func TestBuildReport(t *testing.T) {
	now := time.Unix(0, 0)
	clock := func() time.Time { return now }
	for _, tty := range []bool{false, true} {
		var b strings.Builder
		r := newBuildReport(&b, tty, clock)
		r.report(0, 100000)
		now = now.Add(500 * time.Millisecond)
		r.report(2000, 100000)
		now = now.Add(time.Second)
		r.report(12000, 100000)
		now = now.Add(time.Second)
		r.report(14000, 100000)
		now = now.Add(10 * time.Second)
		r.report(100000, 100000)
		r.end()
		want := "indexing 12,000 of 100,000…\nindexed 100,000 articles in 13s\n"
		if tty {
			want = "\rindexing 12,000 of 100,000…\rindexing 14,000 of 100,000…\rindexed 100,000 articles in 13s            \n"
		}
		if b.String() != want {
			t.Errorf("tty %v: %q, want %q", tty, b.String(), want)
		}
		now = time.Unix(0, 0)
	}
	var quiet strings.Builder
	r := newBuildReport(&quiet, false, clock)
	r.report(0, 10)
	r.report(10, 10)
	r.end()
	if quiet.String() != "" {
		t.Errorf("a quick build said %q", quiet.String())
	}
}
