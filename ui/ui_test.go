package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/ui/reactions"
)

func TestQuit_FromEveryScreen(t *testing.T) {
	tests := []struct {
		name  string
		setup []string
	}{
		{"list", nil},
		{"reader", []string{"enter"}},
		{"reactions", []string{"r"}},
		{"problems", []string{"!"}},
		{"help", []string{"?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(Config{Articles: []article.Article{seedArticle()}, Problems: []article.Problem{{Path: "bad.txt", Message: "empty file"}}})
			m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
			m = drive(t, m, keys(tt.setup...)...)
			for _, k := range []string{"q", "ctrl+c"} {
				if _, cmd := m.Update(press(k)); !isQuit(cmd) {
					t.Errorf("%s did not quit", k)
				}
			}
		})
	}
}

func TestQuit_NotWhileTypingFilter(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, keys("/")...)
	_, cmd := m.Update(press("q"))
	if isQuit(cmd) {
		t.Fatal("q quit while typing in the filter")
	}
	if _, cmd := m.Update(press("ctrl+c")); !isQuit(cmd) {
		t.Fatal("ctrl+c did not quit while filtering")
	}
}

func TestFilter_TypingNarrowsAndEscClears(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, keys("/", "K", "o", "v", "a", "c", "s")...) // a commentator's name
	if n := len(m.list.VisibleItems()); n != 1 {
		t.Fatalf("%d articles shown for \"Miller\"; want 1", n)
	}
	if s := screenOf(m); !contains(s, "1 shown") || !contains(s, "2 articles") {
		t.Errorf("status lacks counts:\n%s", s)
	}
	m = drive(t, m, keys("enter")...) // accept the filter
	if s := screenOf(m); !contains(s, "Russia Reaffirms") || contains(s, "Lunar") {
		t.Errorf("filtered list wrong:\n%s", s)
	}
	m = drive(t, m, keys("esc")...)
	if n := len(m.list.VisibleItems()); n != 2 || m.filter.Value() != "" {
		t.Errorf("esc left %d shown (filter %q)", n, m.filter.Value())
	}
}

func TestFilter_MatchesPlaceSourceAndTags(t *testing.T) {
	for _, term := range []string{"Xinhua", "quasar", "王小明"} {
		m := newTest(t, 80, 24, seedArticle(), richArticle())
		m = drive(t, m, keys(append([]string{"/"}, strings.Split(term, "")...)...)...)
		if n := len(m.list.VisibleItems()); n != 1 {
			t.Errorf("filter %q shows %d; want 1", term, n)
		}
	}
}

func TestSort_CyclesDateHeadlineReactions(t *testing.T) {
	a, b := seedArticle(), richArticle()
	b.Reactions = b.Reactions[:2]
	m := newTest(t, 80, 24, a, b)
	first := func() string { return m.selectedAt(0) }
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

// selectedAt is the ID of the i-th visible article.
func (m Model) selectedAt(i int) string {
	return string(m.list.VisibleItems()[i].(*item).a.ID)
}

func TestReader_OpenScrollAndBack(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle())
	m = drive(t, m, keys("enter")...)
	s := screenOf(m)
	if m.screen != screenReader || !contains(s, "MOSCOW · Feb 1 · Reuters") || !contains(s, "0%") {
		t.Fatalf("reader not shown:\n%s", s)
	}
	if got := m.View().WindowTitle; got != seedArticle().Headline {
		t.Errorf("window title %q", got)
	}
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
		prev := m.reader.vp.YOffset()
		m = drive(t, m, press(st.key))
		mx := max(m.reader.vp.TotalLineCount()-m.reader.vp.Height(), 0)
		if !st.want(m.reader.vp.YOffset(), prev, mx) {
			t.Errorf("%s: offset %d -> %d (max %d)", st.key, prev, m.reader.vp.YOffset(), mx)
		}
	}
	m = drive(t, m, keys("G")...)
	if !contains(screenOf(m), "100%") {
		t.Errorf("footer lacks 100%% at the bottom:\n%s", screenOf(m))
	}
	m = drive(t, m, keys("esc")...)
	if m.screen != screenList || m.View().WindowTitle != "newsdesk" {
		t.Errorf("esc did not go back to the list")
	}
}

func TestReader_NextPreviousInListOrder(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	order := []string{m.selectedAt(0), m.selectedAt(1)}
	m = drive(t, m, keys("enter")...)
	if string(m.reader.art.ID) != order[0] {
		t.Fatalf("opened %s", m.reader.art.ID)
	}
	m = drive(t, m, keys("n")...)
	if string(m.reader.art.ID) != order[1] || m.list.Index() != 1 {
		t.Errorf("n opened %s (list at %d)", m.reader.art.ID, m.list.Index())
	}
	m = drive(t, m, keys("n")...) // already the last: stays
	if string(m.reader.art.ID) != order[1] {
		t.Errorf("n past the end opened %s", m.reader.art.ID)
	}
	m = drive(t, m, keys("p")...)
	if string(m.reader.art.ID) != order[0] || m.list.Index() != 0 {
		t.Errorf("p opened %s", m.reader.art.ID)
	}
}

func TestRender_StaleResultDropped(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	tm, cmd := m.Update(press("enter")) // render of the first article starts
	m = tm.(Model)
	if cmd == nil {
		t.Fatal("opening an uncached article started no render")
	}
	stale := cmd().(renderedMsg)
	// The user resizes before the render comes back.
	m = drive(t, m, tea.WindowSizeMsg{Width: 60, Height: 24})
	tm, _ = m.Update(stale)
	m = tm.(Model)
	for _, l := range strings.Split(m.reader.text, "\n") {
		if ansi.StringWidth(l) > 60 {
			t.Fatalf("stale 80-column render shown at 60 columns: %q", ansi.Strip(l))
		}
	}
	if m.reader.key.width != 60 || !m.reader.ok {
		t.Errorf("reader at width %d ok=%v", m.reader.key.width, m.reader.ok)
	}
	// A result for another article is dropped too.
	other := renderedMsg{key: renderKey{id: "other", width: 60, style: m.gstyle}, content: "WRONG ARTICLE"}
	tm, _ = m.Update(other)
	if contains(screenOf(tm.(Model)), "WRONG ARTICLE") {
		t.Error("a render of another article was shown")
	}
}

func TestRender_CacheHitIsInstant(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, keys("enter", "n", "p")...) // both rendered once
	_, cmd := m.Update(press("n"))
	if cmd != nil {
		if _, ok := cmd().(renderedMsg); ok {
			t.Fatal("returning to a rendered article rendered it again")
		}
	}
	tm, _ := m.Update(press("n"))
	if !tm.(Model).reader.ok {
		t.Error("cached article not shown at once")
	}
	// A resize back to a width seen before is a cache hit too.
	m = drive(t, m, tea.WindowSizeMsg{Width: 60, Height: 24}, tea.WindowSizeMsg{Width: 80, Height: 24})
	if _, cmd := m.Update(tea.WindowSizeMsg{Width: 60, Height: 24}); cmd != nil {
		if msgs := collect(cmd); hasRender(msgs) {
			t.Error("resize to a cached width rendered again")
		}
	}
}

func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
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
	m := New(Config{Articles: []article.Article{seedArticle()}, Problems: probs})
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if s := screenOf(m); !contains(s, "2 problems · press ! to see them") {
		t.Fatalf("status lacks problems:\n%s", s)
	}
	m = drive(t, m, keys("!")...)
	v := m.View().Content
	if !contains(ansi.Strip(v), "lib/empty.txt: empty file") || !contains(ansi.Strip(v), "lib/?[31mevil.txt:3: bad? line") {
		t.Errorf("problems screen:\n%s", ansi.Strip(v))
	}
	if strings.Contains(v, "\x1b[31mevil") || strings.Contains(v, "\x07") {
		t.Error("control characters from a path reached the terminal")
	}
	m = drive(t, m, keys("esc")...)
	if m.screen != screenList {
		t.Error("esc did not leave the problems screen")
	}
}

func TestProblems_KeyDoesNothingWithoutProblems(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle())
	m = drive(t, m, keys("!")...)
	if m.screen != screenList {
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
	if m.showHelp {
		t.Error("? did not close the help")
	}
	m = drive(t, m, keys("?", "esc")...)
	if m.showHelp {
		t.Error("esc did not close the help")
	}
}

func TestReactions_OpenFromListAndReaderAndBack(t *testing.T) {
	for _, from := range []screen{screenList, screenReader} {
		m := newTest(t, 120, 40, seedArticle())
		if from == screenReader {
			m = drive(t, m, keys("enter")...)
		}
		m = drive(t, m, keys("r")...)
		if m.screen != screenReactions {
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
		if m.screen != from {
			t.Errorf("back went to %v; want %v", m.screen, from)
		}
	}
}

func TestMouse_WheelAndClick(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.list.Index() != 1 {
		t.Errorf("wheel down: index %d", m.list.Index())
	}
	m = drive(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if m.list.Index() != 0 {
		t.Errorf("wheel up: index %d", m.list.Index())
	}
	// The second article's headline is on row listTop+3.
	m = drive(t, m, tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: listTop + 3})
	if m.list.Index() != 1 {
		t.Errorf("click on the second row: index %d", m.list.Index())
	}
	m = drive(t, m, tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: listTop + 4})
	if m.screen != screenReader {
		t.Errorf("click on the selected row did not open it")
	}
	m = drive(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.reader.vp.YOffset() == 0 {
		t.Error("wheel did not scroll the reader")
	}
}

func TestSizes_NoPanicAndNothingOverflows(t *testing.T) {
	sizes := [][2]int{{0, 0}, {1, 1}, {3, 2}, {10, 3}, {40, 12}, {80, 24}, {139, 30}, {140, 30}, {200, 50}}
	walks := [][]string{nil, {"enter"}, {"enter", "G"}, {"r"}, {"r", "l", "enter"}, {"!"}, {"?"}, {"/", "a"}}
	for _, sz := range sizes {
		for _, walk := range walks {
			m := New(Config{Articles: []article.Article{seedArticle(), richArticle()}, Problems: []article.Problem{{Path: "x", Message: "y"}}})
			m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
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

func TestLoad_StreamsResultsAndDropsStaleGenerations(t *testing.T) {
	ch := make(chan article.Result, 3)
	ch <- article.Result{Index: 0, Articles: []article.Article{seedArticle()}}
	ch <- article.Result{Index: 1, Path: "bad.txt", Problems: []article.Problem{{Path: "bad.txt", Message: "binary file"}}}
	ch <- article.Result{Index: 2, Articles: []article.Article{richArticle()}}
	close(ch)
	m := New(Config{Load: func(context.Context) <-chan article.Result { return ch }})
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if !contains(screenOf(m), "loading… 0 articles") {
		t.Errorf("no loading status:\n%s", screenOf(m))
	}
	// One result per command: after the first, one article is listed and
	// the load goes on.
	msg := startLoadCmd(m.ctx, m.loadGen, m.cfg.Load)()
	tm, next := m.Update(msg)
	m = tm.(Model)
	if len(m.list.Items()) != 1 || !m.loading || next == nil {
		t.Fatalf("after one result: %d items, loading=%v", len(m.list.Items()), m.loading)
	}
	// A result of an older load is dropped.
	tm, cmd := m.Update(loadedMsg{gen: m.loadGen - 1, res: article.Result{Articles: []article.Article{{ID: "old", Headline: "OLD LOAD"}}}})
	if cmd != nil || len(tm.(Model).all) != 1 {
		t.Error("a stale load's result was taken")
	}
	m = run(t, m, next)
	s := screenOf(m)
	if m.loading || !contains(s, "2 articles") || !contains(s, "1 problem · press ! to see them") || contains(s, "loading") {
		t.Errorf("after the load:\n%s", s)
	}
}

func TestStyles_NoColorHasNoColour(t *testing.T) {
	for _, cfg := range []Config{{NoColor: true}, {Style: "notty"}} {
		cfg.Articles = []article.Article{seedArticle()}
		m := New(cfg)
		m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
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
	m := newTest(t, 80, 24, seedArticle())
	m.cfg.Style = ""
	m = drive(t, m, keys("enter")...)
	dark := m.gstyle
	m = drive(t, m, tea.BackgroundColorMsg{Color: white{}})
	if m.isDark || m.gstyle != "light" || dark != "dark" {
		t.Errorf("light background: isDark=%v style %s (was %s)", m.isDark, m.gstyle, dark)
	}
	if !m.reader.ok || m.reader.key.style != "light" {
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
	m := New(Config{})
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

func TestFilter_StaleResultDroppedAndNarrowingIsIncremental(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, press("/"))
	tm, cmd := m.Update(press("T")) // matches both; result held back
	m = tm.(Model)
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
	if n := len(m.list.VisibleItems()); n != 1 {
		t.Fatalf("\"Taiwan\" shows %d", n)
	}
	m = drive(t, m, stale...)
	if n := len(m.list.VisibleItems()); n != 1 {
		t.Errorf("a stale result for \"T\" replaced the one for \"Taiwan\": %d shown", n)
	}
	if m.matchedTerm != "Taiwan" || len(m.matched) != 1 {
		t.Errorf("matched %q %d", m.matchedTerm, len(m.matched))
	}
	// Narrowing searches only the previous matches.
	q := library.NewQuery("taiwans")
	key := func(i int32) *library.Key { return &m.all[i].key }
	if _, got, _ := library.Rank(context.Background(), &q, len(m.all), key, m.matched); len(got) != 1 {
		t.Errorf("narrowing lost the match")
	}
}
