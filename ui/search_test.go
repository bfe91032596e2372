package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/search"
)

// openIndex is an index of lib's current snapshot, in a directory of the
// test's own.
func openIndex(t testing.TB, lib *library.Library) *search.Index {
	t.Helper()
	x, err := search.Open(filepath.Join(t.TempDir(), search.FileName), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	if err := x.Sync(context.Background(), lib, lib.Snapshot(), nil); err != nil {
		t.Fatal(err)
	}
	return x
}

// longArticle has the word "kestrel" only in its 30th paragraph, far
// below the first screen.
func longArticle() article.Article {
	a := article.Article{ID: "lib/long.txt", Path: "lib/long.txt", Format: article.FormatWire, Headline: "A Long Report on Coastal Birds",
		Place: "OSLO", Date: "2026-02-02", Source: "NTB"}
	for i := range 40 {
		p := fmt.Sprintf("Paragraph %d says little about anything in particular, at some length.", i+1)
		if i == 29 {
			p = "Here at last the rare kestrel was seen nesting on the cliffs."
		}
		a.Paragraphs = append(a.Paragraphs, p)
	}
	return a
}

// searchTest is a reader on arts with an index of them, at w×h.
func searchTest(t testing.TB, w, h int, arts ...article.Article) *Model {
	t.Helper()
	lib := library.NewStatic(arts, nil)
	m := New(Config{Library: lib, Style: "dark", Index: openIndex(t, lib)})
	t.Cleanup(m.Close)
	m = run(t, m, m.Init())
	return drive(t, m, tea.WindowSizeMsg{Width: w, Height: h})
}

// searchOf is the search screen on top of m's stack.
func searchOf(t testing.TB, m *Model) *searchScreen {
	t.Helper()
	s, ok := m.top().(*searchScreen)
	if !ok {
		t.Fatalf("top screen is %T, not the search", m.top())
	}
	return s
}

// typeText types text key by key, running what each key starts.
func typeText(t testing.TB, m *Model, text string) *Model {
	t.Helper()
	for _, r := range text {
		if r == ' ' {
			m = drive(t, m, press("space"))
			continue
		}
		m = drive(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

func TestSearch_TypingShowsRankedResultsWithHighlights(t *testing.T) {
	m := searchTest(t, 100, 30, seedArticle(), richArticle(), longArticle())
	m = drive(t, m, press("S"))
	if sc := screenOf(m); !contains(sc, "Search:") || !contains(sc, "Type something to search for") {
		t.Fatalf("the empty search does not say what to type:\n%s", sc)
	}
	m = typeText(t, m, "taiwan stance")
	s := searchOf(t, m)
	if len(s.results) != 1 || s.results[0].sum.ID != seedArticle().ID {
		t.Fatalf("results %v, want the seed", s.results)
	}
	sc := screenOf(m)
	for _, want := range []string{"Search: taiwan stance", "│ • Russia Reaffirms Backing for China's Taiwan Stance", "MOSCOW · Feb 1 · Reuters · 4 reactions", "1 result"} {
		if !contains(sc, want) {
			t.Errorf("no %q on screen:\n%s", want, sc)
		}
	}
	raw := m.View().Content
	for _, w := range []string{"Taiwan", "Stance"} {
		if !strings.Contains(raw, m.c.st.Match.Render(w)) {
			t.Errorf("%q is not highlighted in:\n%q", w, raw)
		}
	}
	// Words anywhere: a commentator's name ranks her article.
	m = drive(t, m, keys(repeat("backspace", 13)...)...)
	m = typeText(t, m, "kestrel")
	if s := searchOf(t, m); len(s.results) != 1 || s.results[0].sum.ID != "lib/long.txt" {
		t.Errorf("kestrel found %v", s.results)
	}
}

func repeat(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}

func TestSearch_EveryKeyTypesIntoTheQuery(t *testing.T) {
	m := searchTest(t, 80, 24, seedArticle())
	m = drive(t, m, press("S"))
	m = drive(t, m, keys("q", "?", "j", "k", "r", "/", "n")...)
	s := searchOf(t, m)
	if got := s.input.Value(); got != "q?jkr/n" {
		t.Errorf("query %q, want every key typed", got)
	}
	if !contains(screenOf(m), "Search: q?jkr/n") {
		t.Errorf("the query is not shown:\n%s", screenOf(m))
	}
	// A paste types too, cut at the query's bound.
	m = drive(t, m, tea.PasteMsg{Content: strings.Repeat("x", 10000)})
	if n := len(s.input.Value()); n != search.MaxQueryLen+1 {
		t.Errorf("a 10,000-character paste made a %d-character query", n)
	}
	if sc := screenOf(m); !contains(sc, "The search is too long: at most 500 characters") {
		t.Errorf("a too long query is not explained:\n%s", sc)
	}
}

func TestSearch_ArrowsMoveTheSelectionAndEnterOpensAtTheMatch(t *testing.T) {
	arts := []article.Article{seedArticle(), longArticle()}
	other := longArticle()
	other.ID, other.Path, other.Headline = "lib/other.txt", "lib/other.txt", "Another Kestrel Story"
	other.Paragraphs = []string{"A kestrel, again."}
	arts = append(arts, other)
	m := searchTest(t, 80, 24, arts...)
	m = drive(t, m, press("S"))
	m = typeText(t, m, "kestrel")
	s := searchOf(t, m)
	if len(s.results) != 2 || s.results[0].sum.ID != "lib/other.txt" {
		t.Fatalf("results %v: want the headline match first", s.results)
	}
	m = drive(t, m, press("down"))
	if s.pg.index() != 1 || !contains(screenOf(m), "│ • A Long Report on Coastal Birds") {
		t.Fatalf("↓ did not select the second result:\n%s", screenOf(m))
	}
	m = drive(t, m, press("down"))
	if s.pg.index() != 1 {
		t.Errorf("↓ past the last result moved to %d", s.pg.index())
	}
	m = drive(t, m, press("up"), press("down"))

	m = drive(t, m, press("enter"))
	r := readerOf(t, m)
	if r.sum.ID != "lib/long.txt" || r.vp.YOffset() == 0 {
		t.Fatalf("reader on %s at row %d, want the long article scrolled down", r.sum.ID, r.vp.YOffset())
	}
	if first := r.shown()[0]; !contains(first, "kestrel") {
		t.Errorf("the first row shown is %q, want the match", ansi.Strip(first))
	}
	if !contains(screenOf(m), "rare kestrel was seen") {
		t.Errorf("the match is not on screen:\n%s", screenOf(m))
	}

	// p steps to the previous result, opened at its match too.
	m = drive(t, m, press("p"))
	if r.sum.ID != "lib/other.txt" || s.pg.index() != 0 {
		t.Errorf("p opened %s (selection %d), want the first result", r.sum.ID, s.pg.index())
	}

	// esc goes back to the search as it was, esc again to the list.
	m = drive(t, m, press("esc"))
	if s := searchOf(t, m); s.input.Value() != "kestrel" || len(s.results) != 2 {
		t.Errorf("back from the reader: query %q, %d results", s.input.Value(), len(s.results))
	}
	m = drive(t, m, press("esc"))
	if m.top() != Screen(m.list) {
		t.Errorf("esc left %T on top, want the list", m.top())
	}
}

func TestSearch_MalformedQueriesAreExplained(t *testing.T) {
	tests := []struct{ query, want string }{
		{`"security talks`, `Unclosed quote: add a closing "`},
		{`-russia`, `Only words to leave out: add a word to look for, as in taiwan -russia`},
		{`foo:bar`, `Unknown field "foo:": use name:, place: or source:`},
		{`taiwan -`, `- needs a word after it, as in -russia`},
		{`!!!`, `"!!!" has no letters or digits to search for`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			m := searchTest(t, 80, 24, seedArticle())
			m = drive(t, m, press("S"))
			m = typeText(t, m, tt.query)
			s := searchOf(t, m)
			if s.searching.pending() {
				t.Error("a malformed query was sent to the index")
			}
			if sc := screenOf(m); !contains(sc, tt.want) || contains(sc, "Russia Reaffirms") {
				t.Errorf("screen does not say %q in place of results:\n%s", tt.want, sc)
			}
		})
	}
}

func TestSearch_StaleResultsDroppedAndSupersededSearchCancelled(t *testing.T) {
	m := searchTest(t, 80, 24, seedArticle(), longArticle())
	m = drive(t, m, press("S"))
	m = typeText(t, m, "kestre")
	s := searchOf(t, m)
	// The search of "kestree", held back while the user corrects it.
	_, first := m.Update(press("e"))
	oldID := s.searching.id
	m = drive(t, m, press("backspace"), press("l"))
	if msgs := collect(first); len(msgs) != 0 {
		t.Errorf("the superseded search answered %v: it was not cancelled", msgs)
	}
	if len(s.results) != 1 || s.query != "kestrel" {
		t.Fatalf("after kestrel: %d results for %q", len(s.results), s.query)
	}
	// A result for the superseded query arrives late: dropped.
	m = drive(t, m, searchedMsg{id: oldID, query: "kestree", err: errors.New("stale")})
	if s.query != "kestrel" || s.problem != "" || len(s.results) != 1 {
		t.Errorf("a stale result was shown: query %q, problem %q", s.query, s.problem)
	}
}

func TestSearch_UnavailableSaysWhy(t *testing.T) {
	m := New(Config{Library: library.NewStatic([]article.Article{seedArticle()}, nil), Style: "dark",
		IndexProblem: errors.New("permission denied")})
	t.Cleanup(m.Close)
	m = run(t, m, m.Init())
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 24})
	if sc := screenOf(m); !contains(sc, "Search is not available: permission denied") {
		t.Errorf("the problem is not said at start:\n%s", sc)
	}
	m = drive(t, m, press("j"))
	if contains(screenOf(m), "Search is not available") {
		t.Error("the problem is said more than once")
	}
	m = drive(t, m, press("S"))
	if m.top() != Screen(m.list) || !contains(screenOf(m), "Search is not available: permission denied") {
		t.Errorf("S without an index: %T on top\n%s", m.top(), screenOf(m))
	}
}

func TestSearch_IndexingShownAndAFailureTurnsSearchOff(t *testing.T) {
	lib := library.NewStatic([]article.Article{seedArticle()}, nil)
	p := &search.Progress{}
	m := New(Config{Library: lib, Style: "dark", Index: openIndex(t, lib), Indexing: p})
	t.Cleanup(m.Close)
	m = run(t, m, m.Init())
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 24})
	p.Report(12000, 100000)
	m = drive(t, m, indexingMsg{p.State()})
	if sc := screenOf(m); !contains(sc, "1 article · indexing 12,000 of 100,000…") {
		t.Errorf("the list's status does not show the build:\n%s", sc)
	}
	m = drive(t, m, press("S"))
	m = typeText(t, m, "taiwan")
	if sc := screenOf(m); !contains(sc, "1 result · indexing 12,000 of 100,000…") {
		t.Errorf("the search's status does not show the build:\n%s", sc)
	}
	p.Report(100000, 100000)
	m = drive(t, m, indexingMsg{p.State()})
	if contains(screenOf(m), "indexing") {
		t.Errorf("the build is shown after it ended:\n%s", screenOf(m))
	}

	p.Fail(errors.New("disk I/O error"))
	m = drive(t, m, indexingMsg{p.State()})
	if sc := screenOf(m); !contains(sc, "Search is not available: disk I/O error") {
		t.Errorf("the failure is not said:\n%s", sc)
	}
	m = drive(t, m, press("esc"), press("S"))
	if m.top() != Screen(m.list) {
		t.Errorf("S after the index failed opened %T", m.top())
	}
}

// TestSearch_AFileAddedToTheLibraryIsFound: a running reader with an open
// search finds a file added to the library once the library has reloaded
// and the index has followed it.
func TestSearch_AFileAddedToTheLibraryIsFound(t *testing.T) {
	dir := t.TempDir()
	write := func(name, headline, body string) {
		text := headline + "\n\nOSLO, Feb 2 (NTB) — " + body + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Kestrels Return", "Birds were seen.")
	lib := library.New(library.Options{Paths: []string{dir}})
	<-lib.Start(t.Context())
	x, err := search.Open(filepath.Join(t.TempDir(), search.FileName), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	p := &search.Progress{}
	ctx, cancel := context.WithCancel(t.Context())
	followed := make(chan error, 1)
	go func() { followed <- x.Follow(ctx, lib, p.Report) }()
	t.Cleanup(func() {
		cancel()
		<-followed
	})
	indexed := func(total int) search.ProgressState {
		t.Helper()
		wctx, stop := context.WithTimeout(t.Context(), 20*time.Second)
		defer stop()
		for st := p.State(); ; {
			if st.Done == total && st.Total == total {
				return st
			}
			var err error
			if st, err = p.Wait(wctx, st.Gen); err != nil {
				t.Fatalf("the index did not reach %d articles: %+v", total, st)
			}
		}
	}
	indexed(1)

	m := New(Config{Library: lib, Style: "dark", Index: x, Indexing: p})
	t.Cleanup(m.Close)
	m = run(t, m, m.Init())
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = drive(t, m, press("S"))
	m = typeText(t, m, "harbour")
	if sc := screenOf(m); !contains(sc, "No article matches harbour.") {
		t.Fatalf("before the file:\n%s", sc)
	}

	gen := lib.Snapshot().Gen()
	write("b.txt", "Harbour Reopens", "Ships sail again.")
	<-lib.Reload(t.Context())
	snap, err := lib.Wait(t.Context(), gen)
	if err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, snapshotMsg{snap}) // as the root's wait delivers it
	m = drive(t, m, indexingMsg{indexed(2)})
	s := searchOf(t, m)
	if len(s.results) != 1 || !contains(screenOf(m), "Harbour Reopens") {
		t.Errorf("the new file is not found:\n%s", screenOf(m))
	}
}

// TestSearch_HighlightIsSafeAndRowsNeverCutAWideCharacter: what a snippet
// draws has no control of the file's, and its rows keep every wide
// character whole at any width.
func TestSearch_HighlightIsSafeAndRowsNeverCutAWideCharacter(t *testing.T) {
	evil := search.Snippet{Text: "a\x1b]0;pwned\x07b\x9bc\u202ed", Matches: []search.Range{{Start: 1, End: 5}, {Start: 3, End: 2}, {Start: 9, End: 400}}}
	out := styleSnippet(evil, lipgloss.NewStyle(), lipgloss.NewStyle().Bold(true))
	if s := ansi.Strip(out); strings.ContainsAny(s, "\x1b\x07\u009b\u202e") {
		t.Errorf("controls reached the terminal: %q", s)
	}

	text := strings.Repeat("中国外交部发言人周一表示，", 12)
	sn := search.Snippet{Text: text, Matches: []search.Range{{Start: len("中国"), End: len("中国外交部")}}}
	for w := 1; w <= 31; w++ {
		rows := snippetRows(sn, w, 2)
		if len(rows) == 0 || len(rows) > 2 {
			t.Fatalf("width %d: %d rows", w, len(rows))
		}
		for i, r := range rows {
			if cw := ansi.StringWidth(r.Text); cw > w || !utf8.ValidString(r.Text) {
				t.Errorf("width %d row %d: %d cells, %q", w, i, cw, r.Text)
			}
			for _, mr := range r.Matches {
				if mr.Start < 0 || mr.End > len(r.Text) || !utf8.RuneStart(r.Text[mr.Start]) || (mr.End < len(r.Text) && !utf8.RuneStart(r.Text[mr.End])) {
					t.Errorf("width %d: match %v off the characters of %q", w, mr, r.Text)
				}
			}
		}
		if w >= 4 && !strings.HasSuffix(rows[len(rows)-1].Text, "…") {
			t.Errorf("width %d: the cut is not marked: %q", w, rows[len(rows)-1].Text)
		}
	}
	rows := snippetRows(search.Snippet{Text: "short words here"}, 10, 2)
	if len(rows) != 2 || rows[0].Text != "short" || rows[1].Text != "words here" {
		t.Errorf("wrapped at words: %+v", rows)
	}
}

// TestGolden_Search pins the search screen: results with snippets at
// three sizes, CJK text, and a malformed query.
func TestGolden_Search(t *testing.T) {
	walks := []struct {
		name  string
		size  [2]int
		query string
	}{
		{"taiwan_80x24", [2]int{80, 24}, "taiwan stance"},
		{"taiwan_120x40", [2]int{120, 40}, "taiwan stance"},
		{"taiwan_40x12", [2]int{40, 12}, "taiwan stance"},
		{"cjk_80x24", [2]int{80, 24}, "外交部"},
		{"malformed_80x24", [2]int{80, 24}, `"security`},
		{"nothing_80x24", [2]int{80, 24}, "zebra"},
	}
	for _, w := range walks {
		t.Run(w.name, func(t *testing.T) {
			m := searchTest(t, w.size[0], w.size[1], seedArticle(), richArticle(), longArticle())
			m = drive(t, m, press("S"))
			m = typeText(t, m, w.query)
			golden.RequireEqual(t, []byte(screenOf(m)))
		})
	}
}

// TestSearch_TheMatchIsInTheSnippetRows: wrapping at words leaves cells
// unused, and a match near the end of the cut snippet must still be in
// its two rows, not after them.
func TestSearch_TheMatchIsInTheSnippetRows(t *testing.T) {
	for _, w := range []int{80, 60, 44} {
		m := searchTest(t, w, 24, seedArticle())
		m = drive(t, m, press("S"))
		m = typeText(t, m, `"multipolar world"`)
		if raw := m.View().Content; !strings.Contains(raw, m.c.st.Match.Render("multipolar world")) &&
			!(strings.Contains(raw, m.c.st.Match.Render("multipolar")) && strings.Contains(raw, m.c.st.Match.Render("world"))) {
			t.Errorf("at %d columns the phrase is not in the snippet:\n%s", w, screenOf(m))
		}
	}
}
