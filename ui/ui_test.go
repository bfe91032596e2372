package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/ui/reactions"
	"github.com/newsdesk/newsdesk/ui/render"
)

// newWith is a reader on arts and probs at 80×24, every command run.
func newWith(t testing.TB, arts []article.Article, probs []article.Problem, cfg Config) *Model {
	t.Helper()
	cfg.Library = library.NewStatic(arts, probs)
	m := New(cfg)
	t.Cleanup(m.Close)
	m = run(t, m, m.Init())
	return drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
}

// onTop reports whether the screen on top of m is a T.
func onTop[T Screen](m *Model) bool {
	_, ok := m.top().(T)
	return ok
}

// shown is the number of articles the list shows.
func shown(m *Model) int { return len(m.list.view) }

// selectedAt is the ID of the i-th article the list shows.
func selectedAt(m *Model, i int) string {
	return string(m.list.snap.At(int(m.list.view[i])).ID)
}

func TestQuit_FromEveryScreen(t *testing.T) {
	for _, setup := range [][]string{nil, {"enter"}, {"r"}, {"!"}, {"?"}} {
		m := newWith(t, []article.Article{seedArticle()}, []article.Problem{{Path: "bad.txt", Message: "empty file"}}, Config{})
		m = drive(t, m, keys(setup...)...)
		for _, k := range []string{"q", "ctrl+c"} {
			if _, cmd := m.Update(press(k)); !isQuit(cmd) {
				t.Errorf("after %v, %s did not quit", setup, k)
			}
		}
	}
}

func TestQuit_NotWhileTypingFilter(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, keys("/")...)
	if _, cmd := m.Update(press("q")); isQuit(cmd) {
		t.Fatal("q quit while typing in the filter")
	}
	if _, cmd := m.Update(press("ctrl+c")); !isQuit(cmd) {
		t.Fatal("ctrl+c did not quit while filtering")
	}
}

func TestFilter_TypingNarrowsAndEscClears(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, keys("/", "K", "o", "v", "a", "c", "s")...) // a commentator's name
	if n := shown(m); n != 1 {
		t.Fatalf("%d articles shown for \"Kovacs\"; want 1", n)
	}
	if s := screenOf(m); !contains(s, "1 shown") || !contains(s, "2 articles") {
		t.Errorf("status lacks counts:\n%s", s)
	}
	m = drive(t, m, keys("enter")...) // accept the filter
	if s := screenOf(m); !contains(s, "Russia Reaffirms") || contains(s, "Lunar") {
		t.Errorf("filtered list wrong:\n%s", s)
	}
	m = drive(t, m, keys("esc")...)
	if n := shown(m); n != 2 || m.list.flt.input.Value() != "" {
		t.Errorf("esc left %d shown (filter %q)", n, m.list.flt.input.Value())
	}
	if selectedAt(m, m.list.pg.index()) != string(seedArticle().ID) {
		t.Error("clearing the filter moved the cursor off the article found")
	}
}

func TestFilter_MatchesPlaceSourceAndTags(t *testing.T) {
	for _, term := range []string{"Xinhua", "quasar", "王小明"} {
		m := newTest(t, 80, 24, seedArticle(), richArticle())
		m = drive(t, m, keys(append([]string{"/"}, strings.Split(term, "")...)...)...)
		if n := shown(m); n != 1 {
			t.Errorf("filter %q shows %d; want 1", term, n)
		}
	}
}

func TestFilter_StaleResultDropped(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, press("/"))
	_, cmd := m.Update(press("T")) // matches both; result held back
	var stale []tea.Msg
	for _, msg := range collect(cmd) {
		if fm, ok := msg.(filteredMsg); ok {
			stale = append(stale, fm)
		}
	}
	if len(stale) != 1 {
		t.Fatalf("typing started %d matches", len(stale))
	}
	m = drive(t, m, keys("a", "i", "w", "a", "n")...) // the seed only
	if n := shown(m); n != 1 {
		t.Fatalf("\"Taiwan\" shows %d", n)
	}
	m = drive(t, m, stale...)
	if n := shown(m); n != 1 || m.list.flt.term != "Taiwan" {
		t.Errorf("a stale result for \"T\" replaced the one for \"Taiwan\": %d shown, term %q", n, m.list.flt.term)
	}
}

func TestFilter_SupersededMatchIsCancelled(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, press("/"))
	_, first := m.Update(press("T"))
	m.Update(press("a")) // supersedes the match for "T" before it ran
	for _, msg := range collect(first) {
		if _, ok := msg.(filteredMsg); ok {
			t.Fatal("the superseded match ran to the end instead of stopping")
		}
	}
}

func TestSort_CyclesDateHeadlineReactions(t *testing.T) {
	a, b := seedArticle(), richArticle()
	b.Reactions = b.Reactions[:2]
	m := newTest(t, 80, 24, a, b)
	first := func() string { return selectedAt(m, 0) }
	if first() != string(b.ID) { // 2026-03-04 is newer than "Feb 1" of this year or last
		t.Logf("date order starts with %s", first())
	}
	m = drive(t, m, keys("s")...)
	if !contains(screenOf(m), "sorted by headline") || first() != string(a.ID) { // "Russia" < "🚀"
		t.Errorf("after s: %s first\n%s", first(), screenOf(m))
	}
	m = drive(t, m, keys("s")...)
	if !contains(screenOf(m), "sorted by reactions") || first() != string(a.ID) {
		t.Errorf("after s s: %s first", first())
	}
	m = drive(t, m, keys("s")...)
	if !contains(screenOf(m), "sorted by date") {
		t.Errorf("sort did not cycle back to date")
	}
}

func TestReader_OpenScrollAndBack(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle())
	m = drive(t, m, keys("enter")...)
	s := screenOf(m)
	if !onTop[*readerScreen](m) || !contains(s, "MOSCOW · Feb 1 · Reuters") || !contains(s, "0%") {
		t.Fatalf("reader not shown:\n%s", s)
	}
	if got := m.View().WindowTitle; got != seedArticle().Headline {
		t.Errorf("window title %q", got)
	}
	r := readerOf(t, m)
	steps := []struct {
		key  string
		want func(off, prev, max int) bool
	}{
		{"j", func(o, p, _ int) bool { return o == p+1 }},
		{"down", func(o, p, _ int) bool { return o == p+1 }},
		{"k", func(o, p, _ int) bool { return o == p-1 }},
		{"up", func(o, p, _ int) bool { return o == p-1 }},
		{"space", func(o, p, _ int) bool { return o > p+5 }},
		{"b", func(o, p, _ int) bool { return o < p-5 }},
		{"pgdown", func(o, p, _ int) bool { return o > p+5 }},
		{"pgup", func(o, p, _ int) bool { return o < p-5 }},
		{"d", func(o, p, _ int) bool { return o > p+2 }},
		{"u", func(o, p, _ int) bool { return o < p-2 }},
		{"G", func(o, _, mx int) bool { return o == mx && o > 0 }},
		{"g", func(o, _, _ int) bool { return o == 0 }},
		{"end", func(o, _, mx int) bool { return o == mx }},
		{"home", func(o, _, _ int) bool { return o == 0 }},
	}
	for _, st := range steps {
		prev := r.vp.YOffset()
		m = drive(t, m, press(st.key))
		mx := max(r.vp.TotalLineCount()-r.vp.Height(), 0)
		if !st.want(r.vp.YOffset(), prev, mx) {
			t.Errorf("%s: offset %d -> %d (max %d)", st.key, prev, r.vp.YOffset(), mx)
		}
	}
	m = drive(t, m, keys("G")...)
	if !contains(screenOf(m), "100%") {
		t.Errorf("footer lacks 100%% at the bottom:\n%s", screenOf(m))
	}
	m = drive(t, m, keys("esc")...)
	if !onTop[*listScreen](m) || m.View().WindowTitle != "newsdesk" {
		t.Errorf("esc did not go back to the list")
	}
}

func TestReader_NextPreviousInListOrder(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	order := []string{selectedAt(m, 0), selectedAt(m, 1)}
	m = drive(t, m, keys("enter")...)
	r := readerOf(t, m)
	if string(r.sum.ID) != order[0] {
		t.Fatalf("opened %s", r.sum.ID)
	}
	m = drive(t, m, keys("n")...)
	if string(r.sum.ID) != order[1] || m.list.pg.index() != 1 || !r.ok || !contains(screenOf(m), r.sum.Headline[:20]) {
		t.Errorf("n opened %s (list at %d)", r.sum.ID, m.list.pg.index())
	}
	m = drive(t, m, keys("n")...) // already the last: stays
	if string(r.sum.ID) != order[1] {
		t.Errorf("n past the end opened %s", r.sum.ID)
	}
	m = drive(t, m, keys("p")...)
	if string(r.sum.ID) != order[0] || m.list.pg.index() != 0 {
		t.Errorf("p opened %s", r.sum.ID)
	}
}

func TestReader_UnreadableFileSaysWhy(t *testing.T) {
	lib := library.New(library.Options{Paths: []string{t.TempDir() + "/gone.txt"}})
	m := New(Config{Library: lib, Style: "dark"})
	t.Cleanup(m.Close)
	// A summary of a file that is not there: Open fails.
	s := &library.Summary{ID: "gone", Path: "gone.txt", Headline: "Gone"}
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	r := newReaderScreen(m.c, m.list)
	m.c.push(r)
	run(t, m, r.show(s))
	if got := screenOf(m); !contains(got, "Could not read this article: gone.txt") {
		t.Errorf("reader of a missing file:\n%s", got)
	}
}

func TestRender_StaleResultDropped(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	_, cmd := m.Update(press("enter")) // the article is read…
	_, cmd = m.Update(opened(t, cmd))  // …and its render starts
	if cmd == nil {
		t.Fatal("opening an uncached article started no render")
	}
	stale := cmd().(renderedMsg)
	// The user resizes before the render comes back.
	m = drive(t, m, tea.WindowSizeMsg{Width: 60, Height: 24})
	m.Update(stale)
	r := readerOf(t, m)
	for _, l := range strings.Split(r.text, "\n") {
		if ansi.StringWidth(l) > 60 {
			t.Fatalf("stale 80-column render shown at 60 columns: %q", ansi.Strip(l))
		}
	}
	if r.key.Width != 60 || !r.ok {
		t.Errorf("reader at width %d ok=%v", r.key.Width, r.ok)
	}
	// A result for another article is dropped too.
	m.Update(renderedMsg{key: renderKey{ID: "other", Width: 60, Style: render.Style(m.c.gstyle)}, content: "WRONG ARTICLE"})
	if contains(screenOf(m), "WRONG ARTICLE") {
		t.Error("a render of another article was shown")
	}
}

func TestRender_CacheHitIsInstant(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, keys("enter", "n", "p")...) // both rendered once
	_, cmd := m.Update(press("n"))
	if !readerOf(t, m).ok {
		t.Error("cached article not shown at once")
	}
	if rendersAfter(t, m, cmd) {
		t.Fatal("returning to a rendered article rendered it again")
	}
	// A resize back to a width seen before is a cache hit too.
	m = drive(t, m, tea.WindowSizeMsg{Width: 60, Height: 24}, tea.WindowSizeMsg{Width: 80, Height: 24})
	if _, cmd := m.Update(tea.WindowSizeMsg{Width: 60, Height: 24}); hasRender(collect(cmd)) {
		t.Error("resize to a cached width rendered again")
	}
}

// collect runs cmd and returns the messages it and its batches give at
// once, leaving out the root's waits for the library and the index (they
// return only when something is published).
func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil || isWait(cmd) {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, collect(c)...)
		}
		return out
	case nil:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

func hasRender(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(renderedMsg); ok {
			return true
		}
	}
	return false
}

func TestProblems_ScreenListsPathAndReason(t *testing.T) {
	probs := []article.Problem{
		{Path: "lib/empty.txt", Severity: article.SeverityError, Message: "empty file"},
		{Path: "lib/\x1b[31mevil.txt", Line: 3, Severity: article.SeverityError, Message: "bad\x07 line"},
	}
	m := newWith(t, []article.Article{seedArticle()}, probs, Config{})
	if s := screenOf(m); !contains(s, "2 problems · press ! to see them") {
		t.Fatalf("status lacks problems:\n%s", s)
	}
	m = drive(t, m, keys("!")...)
	v := m.View().Content
	if !contains(ansi.Strip(v), "lib/empty.txt: error: empty file") || !contains(ansi.Strip(v), "lib/?[31mevil.txt:3: error: bad? line") {
		t.Errorf("problems screen:\n%s", ansi.Strip(v))
	}
	if strings.Contains(v, "\x1b[31mevil") || strings.Contains(v, "\x07") {
		t.Error("control characters from a path reached the terminal")
	}
	m = drive(t, m, keys("esc")...)
	if !onTop[*listScreen](m) {
		t.Error("esc did not leave the problems screen")
	}
}

func TestProblems_KeyDoesNothingWithoutProblems(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle())
	m = drive(t, m, keys("!")...)
	if !onTop[*listScreen](m) {
		t.Error("! opened an empty problems screen")
	}
}

func TestHelp_ToggleShowsEveryBinding(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle())
	m = drive(t, m, keys("?")...)
	s := screenOf(m)
	for _, b := range []string{"sort", "problems", "filter", "read", "reactions", "quit"} {
		if !contains(s, b) {
			t.Errorf("full help lacks %q:\n%s", b, s)
		}
	}
	m = drive(t, m, keys("?")...)
	if onTop[*helpScreen](m) {
		t.Error("? did not close the help")
	}
	m = drive(t, m, keys("?", "esc")...)
	if onTop[*helpScreen](m) {
		t.Error("esc did not close the help")
	}
}

func TestReactions_OpenFromListAndReaderAndBack(t *testing.T) {
	for _, fromReader := range []bool{false, true} {
		m := newTest(t, 120, 40, seedArticle())
		if fromReader {
			m = drive(t, m, keys("enter")...)
		}
		below := m.top()
		m = drive(t, m, keys("r")...)
		if !onTop[*panelScreen](m) {
			t.Fatalf("r did not open the panel")
		}
		if s := screenOf(m); !contains(s, "Reaction 1 of 4 · Dr. Anya Petrova") {
			t.Errorf("panel status missing:\n%s", s)
		}
		m = drive(t, m, keys("l")...)
		if s := screenOf(m); !contains(s, "Reaction 2 of 4 · James Miller") {
			t.Errorf("l did not reach the panel:\n%s", s)
		}
		m = drive(t, m, reactions.BackMsg{})
		if m.top() != below {
			t.Errorf("back went to %T; want %T", m.top(), below)
		}
	}
}

func TestMouse_WheelAndClick(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.list.pg.index() != 1 {
		t.Errorf("wheel down: index %d", m.list.pg.index())
	}
	m = drive(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if m.list.pg.index() != 0 {
		t.Errorf("wheel up: index %d", m.list.pg.index())
	}
	// The second article's headline is on row listTop+3.
	m = drive(t, m, tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: listTop + 3})
	if m.list.pg.index() != 1 {
		t.Errorf("click on the second row: index %d", m.list.pg.index())
	}
	m = drive(t, m, tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: listTop + 4})
	if !onTop[*readerScreen](m) {
		t.Fatalf("click on the selected row did not open it")
	}
	m = drive(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if readerOf(t, m).vp.YOffset() == 0 {
		t.Error("wheel did not scroll the reader")
	}
}

func TestSizes_NoPanicAndNothingOverflows(t *testing.T) {
	sizes := [][2]int{{0, 0}, {1, 1}, {3, 2}, {10, 3}, {40, 12}, {80, 24}, {139, 30}, {140, 30}, {200, 50}}
	walks := [][]string{nil, {"enter"}, {"enter", "G"}, {"r"}, {"r", "l", "enter"}, {"!"}, {"?"}, {"/", "a"}}
	for _, sz := range sizes {
		for _, walk := range walks {
			m := newWith(t, []article.Article{seedArticle(), richArticle()}, []article.Problem{{Path: "x", Message: "y"}}, Config{})
			m = drive(t, m, keys(walk...)...)
			m = drive(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			out := screenOf(m)
			lines := strings.Split(out, "\n")
			if out != "" && len(lines) > sz[1] {
				t.Errorf("%dx%d %v: %d lines", sz[0], sz[1], walk, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > sz[0] {
					t.Errorf("%dx%d %v: line %q is %d wide", sz[0], sz[1], walk, l, w)
				}
			}
		}
	}
}

func TestStyles_NoColorHasNoColour(t *testing.T) {
	for _, cfg := range []Config{{NoColor: true}, {Style: "notty"}} {
		m := newWith(t, []article.Article{seedArticle()}, nil, cfg)
		for _, walk := range [][]string{nil, {"enter"}} {
			m = drive(t, m, keys(walk...)...)
			v := m.View().Content
			if strings.Contains(v, "38;") || strings.Contains(v, "48;") || strings.Contains(v, "[3") {
				t.Errorf("%+v %v: colour in output: %q", cfg.Style, walk, v[:min(len(v), 300)])
			}
		}
	}
}

func TestStyles_BackgroundAnswerRestyles(t *testing.T) {
	m := newWith(t, []article.Article{seedArticle()}, nil, Config{})
	m = drive(t, m, keys("enter")...)
	dark := m.c.gstyle
	m = drive(t, m, tea.BackgroundColorMsg{Color: white{}})
	if m.isDark || m.c.gstyle != "light" || dark != "dark" {
		t.Errorf("light background: isDark=%v style %s (was %s)", m.isDark, m.c.gstyle, dark)
	}
	if r := readerOf(t, m); !r.ok || r.key.Style != "light" {
		t.Error("reader not re-rendered in the light style")
	}
	forced := newTest(t, 80, 24, seedArticle()) // Style "dark" is forced
	forced = drive(t, forced, tea.BackgroundColorMsg{Color: white{}})
	if !forced.isDark {
		t.Error("a forced style followed the terminal")
	}
}

type white struct{}

func (white) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestInit_AsksForBackground(t *testing.T) {
	m := New(Config{Library: library.NewStatic(nil, nil)})
	found := false
	for _, msg := range collect(m.Init()) {
		if strings.Contains(strings.ToLower(typeName(msg)), "background") {
			found = true
		}
	}
	if !found {
		t.Error("Init does not ask for the background colour")
	}
}

func TestView_AltScreenAndMouse(t *testing.T) {
	v := newTest(t, 80, 24, seedArticle()).View()
	if !v.AltScreen || v.MouseMode != tea.MouseModeCellMotion {
		t.Errorf("AltScreen=%v MouseMode=%v", v.AltScreen, v.MouseMode)
	}
}

func TestList_EmptyLibrarySaysWhatItReadsAndWhere(t *testing.T) {
	dir := t.TempDir()
	lib := library.New(library.Options{Paths: []string{dir}})
	<-lib.Start(t.Context())
	m := New(Config{Library: lib})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	s := squeeze(screenOf(m))
	if !contains(s, squeeze("No article found in "+dir)) || !contains(s, squeeze("Markdown (.md, .markdown)")) || contains(s, "Noitems") {
		t.Errorf("empty library screen:\n%s", screenOf(m))
	}
}

func TestProblems_LongLinesWrapAndScrollByRowsWithWarningsToggled(t *testing.T) {
	var probs []article.Problem
	for i := range 12 {
		probs = append(probs, article.Problem{Path: fmt.Sprintf("lib/a/very/long/directory/name/file%02d.json", i), Line: i + 1, Col: 3,
			Severity: article.SeverityError, Message: "invalid character '}' looking for beginning of value " + strings.Repeat("x", i)})
	}
	probs = append(probs, article.Problem{Path: "lib/w.txt", Severity: article.SeverityWarning, Message: "control sequences removed"})
	m := newWith(t, []article.Article{seedArticle()}, probs, Config{})
	m = drive(t, m, tea.WindowSizeMsg{Width: 40, Height: 12}, press("!"))
	for _, l := range strings.Split(screenOf(m), "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Fatalf("row %q is wider than 40", l)
		}
	}
	if s := screenOf(m); !contains(s, "lib/a/very/long/directory/name/") || !contains(s, "12 errors · 1 warning") {
		t.Errorf("problems at 40×12:\n%s", s)
	}
	m = drive(t, m, press("G"))
	if s := screenOf(m); !contains(s, "lib/w.txt: warning: control sequences") {
		t.Errorf("G did not reach the last wrapped row:\n%s", s)
	}
	m = drive(t, m, press("w"))
	if s := screenOf(m); contains(s, "lib/w.txt") || !contains(s, "1 warning hidden") {
		t.Errorf("w did not hide the warning:\n%s", s)
	}
}
