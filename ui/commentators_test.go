package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// commentatorArticles are four stories in which the same people comment,
// spelt differently from one story to the next: Zoe Adams in three (the
// newest with her title), Bo Chan in two, Ada Lin and Mark Kovacs in one.
func commentatorArticles() []article.Article {
	story := func(id, headline, date string, rs ...article.Reaction) article.Article {
		return article.Article{ID: article.ID(id), Path: id, Format: article.FormatWire, Headline: headline,
			Place: "LONDON", Date: date, Source: "Reuters", Paragraphs: []string{"Body of " + headline + "."}, Reactions: rs}
	}
	r := func(name, role, quote string) article.Reaction {
		return article.Reaction{Name: name, Role: role, Location: "London", Quote: quote}
	}
	return []article.Article{
		story("lib/port.txt", "Port Strike Enters Second Week", "2026-01-10",
			r("ZOE ADAMS", "Economist, Harbour Bank", "The strike costs more each day than the wage claim would in a year."),
			r("Mark Kovacs", "Former Diplomat", "Nobody in government wants to be seen to blink first."),
			r("Bo Chan", "Shipping Analyst", "Container rates have doubled since Monday.")),
		story("lib/grain.txt", "Grain Corridor Talks Stall", "2026-03-04",
			r("Dr. Zoe Adams", "Chief Economist, Harbour Bank", "Without the corridor, bread prices rise across the region by summer."),
			r("Ada Lin", "Commodities Trader", "The futures market had priced in a deal.")),
		story("lib/rates.txt", "Central Bank Holds Rates Steady", "2026-02-20",
			r("Bo Chan", "Shipping Analyst", "Freight is the first place a slowdown shows."),
			r("Zoe  Adams", "Economist, Harbour Bank", "A pause, not a pivot: the next move is still up.")),
		story("lib/quiet.txt", "A Quiet Day in Parliament", "2026-03-10"),
	}
}

// commentatorsOf is the commentators screen on top of m's stack.
func commentatorsOf(t testing.TB, m *Model) *commentatorsScreen {
	t.Helper()
	s, ok := m.top().(*commentatorsScreen)
	if !ok {
		t.Fatalf("top screen is %T, not the commentators", m.top())
	}
	return s
}

// cardsOf is the commentator's cards on top of m's stack.
func cardsOf(t testing.TB, m *Model) *cardsScreen {
	t.Helper()
	s, ok := m.top().(*cardsScreen)
	if !ok {
		t.Fatalf("top screen is %T, not a commentator's cards:\n%s", m.top(), screenOf(m))
	}
	return s
}

// panelOf is the reactions panel on top of m's stack.
func panelOf(t testing.TB, m *Model) *panelScreen {
	t.Helper()
	p, ok := m.top().(*panelScreen)
	if !ok {
		t.Fatalf("top screen is %T, not the reactions panel:\n%s", m.top(), screenOf(m))
	}
	return p
}

// inOrder fails unless every one of subs is in s, each after the one
// before.
func inOrder(t testing.TB, s string, subs ...string) {
	t.Helper()
	at := 0
	for _, sub := range subs {
		i := strings.Index(s[at:], sub)
		if i < 0 {
			t.Fatalf("%q is not shown after %q:\n%s", sub, s[:at], s)
		}
		at += i + len(sub)
	}
}

// shownNames is the names of the commentators shown, in order.
func shownNames(s *commentatorsScreen) []string {
	var out []string
	for _, i := range s.view {
		out = append(out, s.idx.At(int(i)).Name)
	}
	return out
}

func TestCommentators_OpenSortAndFilter(t *testing.T) {
	m := newTest(t, 80, 24, commentatorArticles()...)
	m = drive(t, m, press("c"))
	s := commentatorsOf(t, m)
	scr := screenOf(m)
	// Most reactions first; the name as the newest story writes it;
	// the latest story with its date.
	inOrder(t, scr, "Commentators", "Dr. Zoe Adams", "Chief Economist, Harbour Bank; Economist, Harbour Bank",
		"3 reactions · latest: Grain Corridor Talks Stall · 2026-03-04",
		"Bo Chan", "2 reactions · latest: Central Bank Holds Rates Steady · 2026-02-20",
		"Ada Lin", "1 reaction", "Mark Kovacs", "1 reaction · latest: Port Strike Enters Second Week",
		"4 commentators · sorted by reactions")
	if m.View().WindowTitle != "Commentators" {
		t.Errorf("window title %q", m.View().WindowTitle)
	}

	m = drive(t, m, press("s"))
	if got, want := strings.Join(shownNames(s), ", "), "Ada Lin, Bo Chan, Mark Kovacs, Dr. Zoe Adams"; got != want {
		t.Errorf("by name: %s, want %s (the title set aside)", got, want)
	}
	if !contains(screenOf(m), "sorted by name") {
		t.Errorf("the status does not say the order:\n%s", screenOf(m))
	}
	m = drive(t, m, press("s"))
	if got := shownNames(s)[0]; got != "Dr. Zoe Adams" {
		t.Errorf("s again: %s first, want the most reactions", got)
	}

	// / filters on names and roles as the list filters; q is a letter
	// while typing.
	m = drive(t, m, keys("/", "c", "h", "a", "n")...)
	if got := shownNames(s); len(got) == 0 || got[0] != "Bo Chan" {
		t.Errorf("filter chan shows %s, want Bo Chan first", got)
	}
	if scr := screenOf(m); !contains(scr, "Filter: chan") || !contains(scr, " shown") {
		t.Errorf("the filter being typed is not shown:\n%s", scr)
	}
	m = drive(t, m, press("enter"))
	if scr := screenOf(m); !contains(scr, "filter: chan · esc clears") {
		t.Errorf("the applied filter is not shown:\n%s", scr)
	}
	m = drive(t, m, press("esc"))
	if len(s.view) != 4 || m.top() != Screen(s) {
		t.Fatalf("esc did not clear the filter first: %d shown, top %T", len(s.view), m.top())
	}
	m = drive(t, m, keys("/", "t", "r", "a", "d", "e", "r")...)
	if got := shownNames(s); len(got) == 0 || got[0] != "Ada Lin" {
		t.Errorf("filter trader (a role) shows %s, want Ada Lin first", got)
	}
	m = drive(t, m, press("esc"), press("/"), press("q"), press("q"), press("q"))
	if m.top() != Screen(s) || !contains(screenOf(m), "No commentator matches the filter.") {
		t.Errorf("q while typing a filter is not a letter:\n%s", screenOf(m))
	}
	m = drive(t, m, press("esc"), press("esc"))
	if m.top() != Screen(m.list) {
		t.Errorf("esc with no filter did not go back to the list: %T", m.top())
	}
}

func TestCommentators_MovePageAndClick(t *testing.T) {
	var arts []article.Article
	for i := range 30 {
		arts = append(arts, article.Article{ID: article.ID(fmt.Sprint("a", i)), Path: fmt.Sprint("a", i), Headline: fmt.Sprint("Story ", i),
			Date: fmt.Sprintf("2026-01-%02d", i+1), Reactions: []article.Reaction{{Name: fmt.Sprintf("Person %02d", i), Quote: "q"}}})
	}
	m := newTest(t, 80, 24, arts...)
	m = drive(t, m, press("c"), press("s"))
	s := commentatorsOf(t, m)
	if !contains(screenOf(m), "1/5") {
		t.Fatalf("no page number:\n%s", screenOf(m))
	}
	m = drive(t, m, press("j"), press("j"))
	if p := s.selected(); p.Name != "Person 02" {
		t.Fatalf("j j selected %s", p.Name)
	}
	m = drive(t, m, press("pgdown"))
	if p := s.selected(); p.Name != "Person 08" || !contains(screenOf(m), "2/5") {
		t.Errorf("page down selected %s:\n%s", p.Name, screenOf(m))
	}
	m = drive(t, m, press("G"))
	if p := s.selected(); p.Name != "Person 29" {
		t.Errorf("G selected %s", p.Name)
	}
	m = drive(t, m, press("g"))
	// A click on the second commentator selects it, a second click
	// opens it.
	click := tea.MouseClickMsg{Button: tea.MouseLeft, X: 4, Y: listTop + commentatorRows + commentatorGap}
	m = drive(t, m, click)
	if p := s.selected(); p.Name != "Person 01" {
		t.Fatalf("the click selected %s", p.Name)
	}
	m = drive(t, m, click)
	if c := cardsOf(t, m); c.who.Name != "Person 01" {
		t.Errorf("the second click opened %s", c.who.Name)
	}
}

func TestCommentators_EnterShowsTheirReactionsAcrossStoriesNewestFirst(t *testing.T) {
	m := newTest(t, 120, 40, commentatorArticles()...)
	m = drive(t, m, press("c"), press("enter"))
	c := cardsOf(t, m)
	scr := screenOf(m)
	inOrder(t, scr, "Dr. Zoe Adams", "Chief Economist, Harbour Bank · Economist, Harbour Bank", "3 reactions, newest first",
		"Grain Corridor Talks Stall", "Central Bank Holds Rates Steady", "─ 3 ─", "Port Strike Enters Second Week")
	for _, want := range []string{"2026-03-04", "2026-02-20", "2026-01-10", "Without the corridor", "A pause, not a pivot", "The strike costs more"} {
		if !contains(scr, want) {
			t.Errorf("%q is not on the cards:\n%s", want, scr)
		}
	}
	if contains(scr, reading) {
		t.Errorf("the stories on screen were not all read:\n%s", scr)
	}
	if m.View().WindowTitle != "Dr. Zoe Adams" {
		t.Errorf("window title %q", m.View().WindowTitle)
	}
	// The panel's keys.
	m = drive(t, m, press("l"))
	if !contains(screenOf(m), "Reaction 2 of 3 · Central Bank Holds Rates Steady") {
		t.Errorf("l did not focus the second card:\n%s", screenOf(m))
	}
	m = drive(t, m, press("0"))
	if c.panel.Focus() != 2 {
		t.Errorf("0 focused %d", c.panel.Focus())
	}
	m = drive(t, m, press("1"), press("enter"))
	scr = screenOf(m)
	for _, want := range []string{"Dr. Zoe Adams", "Chief Economist, Harbour Bank · London", "Grain Corridor Talks Stall · 2026-03-04", "Without the corridor"} {
		if !contains(scr, want) {
			t.Errorf("the open reaction does not show %q:\n%s", want, scr)
		}
	}
	// y copies the focused quote with its attribution and story.
	_, cmd := m.Update(press("y"))
	want := "\u201cWithout the corridor, bread prices rise across the region by summer.\u201d \u2014 Dr. Zoe Adams, Chief Economist, Harbour Bank (London), Grain Corridor Talks Stall, 2026-03-04"
	if cmd == nil || fmt.Sprint(cmd()) != want || !contains(screenOf(m), "Copied the quote by Dr. Zoe Adams.") {
		t.Errorf("y copied %v, want %q\n%s", cmd, want, screenOf(m))
	}
	m = drive(t, m, press("esc"), press("esc"))
	commentatorsOf(t, m)
}

func TestCards_StoryKeyOpensThePanelAtTheReaction(t *testing.T) {
	m := newTest(t, 80, 24, commentatorArticles()...)
	m = drive(t, m, press("c"), press("enter"), press("2"), press("a"))
	p := panelOf(t, m)
	if p.sum.Headline != "Central Bank Holds Rates Steady" || p.panel.Focus() != 1 {
		t.Fatalf("a opened %q at reaction %d, want the rates story at Zoe's (2)", p.sum.Headline, p.panel.Focus()+1)
	}
	if !contains(screenOf(m), "Reaction 2 of 2 · Zoe Adams") {
		t.Errorf("the panel does not show her reaction focused:\n%s", screenOf(m))
	}
	m = drive(t, m, press("esc"))
	cardsOf(t, m)
}

func TestPanel_CommentatorKeyOpensTheirCards(t *testing.T) {
	m := newTest(t, 80, 24, commentatorArticles()...)
	// The list is newest first: the quiet day, then the grain story.
	m = drive(t, m, press("j"), press("r"), press("l"), press("c"))
	c := cardsOf(t, m)
	if c.who.Key != "ada lin" || len(c.items) != 1 {
		t.Fatalf("c opened %q with %d cards", c.who.Key, len(c.items))
	}
	// From the reader's panel, Zoe (first card) under another spelling.
	m = drive(t, m, press("esc"), press("esc"), press("enter"), press("r"), press("c"))
	c = cardsOf(t, m)
	if c.who.Key != "zoe adams" || len(c.items) != 3 {
		t.Errorf("c opened %q with %d cards, want all of Zoe Adams's", c.who.Key, len(c.items))
	}
	// And back again to a story: the stack unwinds the way it came.
	m = drive(t, m, press("esc"))
	panelOf(t, m)
	m = drive(t, m, press("esc"))
	readerOf(t, m)
}

func TestPanel_CommentatorKeyGathersTheIndexFirst(t *testing.T) {
	m := newTest(t, 80, 24, commentatorArticles()...)
	m = drive(t, m, press("j"), press("r"))
	if _, ok := m.c.snap.CommentatorsReady(); ok {
		t.Fatal("the index was built before anyone asked")
	}
	_, cmd := m.Update(press("c"))
	if !contains(screenOf(m), "Gathering commentators…") {
		t.Errorf("c does not say the index is being built:\n%s", screenOf(m))
	}
	panelOf(t, m)
	run(t, m, cmd)
	if c := cardsOf(t, m); c.who.Key != "zoe adams" {
		t.Errorf("opened %q", c.who.Key)
	}
	// A name the index does not know (the file changed since): said.
	m = drive(t, m, press("esc"))
	p := panelOf(t, m)
	p.setArticle(p.sum, &article.Article{ID: p.sum.ID, Headline: "Edited", Reactions: []article.Reaction{{Name: "Newcomer Nel", Quote: "Hi."}, {Quote: "Nameless."}}})
	m = drive(t, m, press("c"))
	if !contains(screenOf(m), "Newcomer Nel is not among the library's commentators yet.") {
		t.Errorf("an unknown name is not explained:\n%s", screenOf(m))
	}
	m = drive(t, m, press("l"), press("c"))
	if !contains(screenOf(m), "This reaction has no name.") {
		t.Errorf("a nameless reaction is not explained:\n%s", screenOf(m))
	}
	panelOf(t, m)
}

func TestCommentators_OpenWhileTheIndexIsBuilt(t *testing.T) {
	m := newTest(t, 80, 24, commentatorArticles()...)
	_, cmd := m.Update(press("c"))
	s := commentatorsOf(t, m)
	if scr := screenOf(m); strings.Count(scr, "Gathering commentators…") != 2 {
		t.Errorf("the screen does not say the index is being built (pane and status):\n%s", scr)
	}
	// Keys before the index does nothing harmful.
	m = drive(t, m, press("enter"), press("j"), press("s"), press("/"), press("x"), press("esc"))
	commentatorsOf(t, m)
	// A newer snapshot while building: gathered once this one is done.
	more := append(commentatorArticles(), article.Article{ID: "lib/new.txt", Path: "lib/new.txt", Headline: "Newcomer Speaks", Date: "2026-04-01",
		Reactions: []article.Reaction{{Name: "Nel Newcomer", Quote: "Hello."}}})
	newer := library.NewStatic(more, nil).Snapshot()
	_, wait := m.Update(snapshotMsg{newer})
	run(t, m, wait)
	if s.idx != nil {
		t.Fatal("the newer snapshot did not wait for the build under way")
	}
	run(t, m, cmd)
	if s.snap != newer || s.idx.Len() != 5 {
		t.Fatalf("showing %d commentators, not the newer snapshot's", s.idx.Len())
	}
	if !contains(screenOf(m), "Nel Newcomer") {
		t.Errorf("the newer snapshot's commentator is not shown:\n%s", screenOf(m))
	}
	// A result for a build no longer awaited is dropped.
	m.Update(gatheredMsg{id: 12345, snap: m.list.snap, idx: m.list.snap.Commentators()})
	if s.snap != newer {
		t.Error("a stale index replaced the current one")
	}
}

// reactedLibrary is n stories, one a day back from 2026-12-31, each with
// a reaction by Zoe Adams.
func reactedLibrary(n int) []article.Article {
	arts := make([]article.Article, n)
	for i := range arts {
		day := fmt.Sprintf("2026-%02d-%02d", 12-i/28%12, 28-i%28)
		arts[i] = article.Article{ID: article.ID(fmt.Sprintf("lib/%04d.txt", i)), Path: fmt.Sprintf("lib/%04d.txt", i),
			Headline: fmt.Sprintf("Story %04d", i), Date: day, Source: "Reuters",
			Reactions: []article.Reaction{{Name: "Zoe Adams", Role: "Economist", Quote: fmt.Sprintf("Quote of story %04d.", i)}}}
	}
	return arts
}

func TestCards_AProlificCommentatorShowsTheLatestAndReadsOnlyWhatIsNear(t *testing.T) {
	m := newTest(t, 80, 24, reactedLibrary(600)...)
	m = drive(t, m, press("c"), press("enter"))
	c := cardsOf(t, m)
	if len(c.items) != maxCards {
		t.Fatalf("%d cards, want the latest %d", len(c.items), maxCards)
	}
	if !contains(screenOf(m), "the latest 200 reactions of 600, newest first") {
		t.Errorf("the heading does not say only the latest are shown:\n%s", screenOf(m))
	}
	countRead := func() (n int) {
		for _, st := range c.state {
			if st == cardRead {
				n++
			}
		}
		return n
	}
	first, end := c.panel.ShownCards()
	if n := countRead(); n < end-first || n > 3*(end-first)+readBatch {
		t.Fatalf("%d stories read for %d cards on screen: want those and a screen's worth either side", n, end-first)
	}
	if contains(screenOf(m), reading) {
		t.Errorf("a card on screen is still not read:\n%s", screenOf(m))
	}
	// The last card: read when the user gets there, not before.
	if c.state[maxCards-1] == cardRead {
		t.Fatal("the last card was read before the user went near it")
	}
	m = drive(t, m, press("0"))
	if c.state[maxCards-1] != cardRead || contains(screenOf(m), reading) {
		t.Errorf("the last card is not read once shown:\n%s", screenOf(m))
	}
	if n := countRead(); n > 6*(end-first)+2*readBatch {
		t.Errorf("%d stories read: more than the cards the user went near", n)
	}
}

func TestCards_UnreadableAndChangedStoriesSaySo(t *testing.T) {
	dir := t.TempDir()
	write := func(name, headline, day, commentator string) {
		body := fmt.Sprintf("%s\n\nPARIS, March %s, 2026 (AP) — Text.\n\nReactions\n\n%s, Economist (Paris): \"Said in %s.\"\n", headline, day, commentator, headline)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "First Story", "1", "Zoe Adams")
	write("b.txt", "Second Story", "2", "Zoe Adams")
	write("c.txt", "Third Story", "3", "Zoe Adams")
	lib := library.New(library.Options{Paths: []string{dir}})
	<-lib.Start(t.Context())
	m := New(Config{Library: lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, press("c"))
	// Between the index and the reading, one file goes and one is
	// rewritten for someone else.
	if err := os.Remove(filepath.Join(dir, "b.txt")); err != nil {
		t.Fatal(err)
	}
	write("c.txt", "Third Story", "3", "Bo Chan")
	m = drive(t, m, press("enter"))
	scr := screenOf(m)
	for _, want := range []string{"Said in First Story.", "Could not read this article", "This reaction is no longer in the story."} {
		if !contains(scr, want) {
			t.Errorf("%q is not shown:\n%s", want, scr)
		}
	}
	// A card that could not be read opens to why, and has nothing to
	// copy.
	m = drive(t, m, press("2"), press("enter"))
	if !contains(screenOf(m), "Could not read this article") {
		t.Errorf("the open card does not say why:\n%s", screenOf(m))
	}
	if _, cmd := m.Update(press("y")); cmd != nil || !contains(screenOf(m), "Nothing to copy: Could not read this article") {
		t.Errorf("y on an unread card:\n%s", screenOf(m))
	}
}

func TestCards_TheStackIsBounded(t *testing.T) {
	m := newTest(t, 80, 24, commentatorArticles()...)
	m = drive(t, m, press("c"), press("enter"))
	for range maxScreens {
		m = drive(t, m, press("a"), press("c"))
	}
	if len(m.stack) > maxScreens {
		t.Fatalf("%d screens on the stack", len(m.stack))
	}
	if !contains(screenOf(m), "Too many screens open: esc goes back.") {
		t.Errorf("the bound is not explained:\n%s", screenOf(m))
	}
}

// TestGolden_Commentators pins the commentators screen and a
// commentator's cards at 80×24 and 120×40.
func TestGolden_Commentators(t *testing.T) {
	walks := []struct {
		name string
		keys []string
	}{
		{"commentators", []string{"c"}},
		{"commentators_by_name_filtered", []string{"c", "s", "/", "a", "d", "enter"}},
		{"cards", []string{"c", "enter"}},
		{"cards_second_open", []string{"c", "enter", "l", "enter"}},
	}
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, w := range walks {
			t.Run(fmt.Sprintf("%dx%d_%s", sz[0], sz[1], w.name), func(t *testing.T) {
				m := newTest(t, sz[0], sz[1], commentatorArticles()...)
				m = drive(t, m, keys(w.keys...)...)
				golden.RequireEqual(t, []byte(screenOf(m)))
			})
		}
	}
}

// enter pressed while the filter's match is under way opens the best
// match once it lands, as in the list.
func TestCommentators_EnterWhileMatchingOpensTheBestMatch(t *testing.T) {
	m := newTest(t, 80, 24, commentatorArticles()...)
	m = drive(t, m, press("c"))
	var pending []tea.Cmd
	for _, k := range []string{"/", "c", "h", "a", "n", "enter"} {
		_, cmd := m.Update(press(k))
		pending = append(pending, cmd)
	}
	if !contains(screenOf(m), "matching…") {
		t.Errorf("the status does not say the match is under way:\n%s", screenOf(m))
	}
	_, cmd := m.Update(press("enter"))
	if cmd != nil || m.top() != m.stack[1] {
		t.Fatal("enter while matching opened the row under the cursor")
	}
	for _, c := range pending {
		run(t, m, c)
	}
	if c := cardsOf(t, m); c.who.Key != "bo chan" {
		t.Errorf("opened %q, want the best match", c.who.Key)
	}
}

// Every size of terminal, down to none, gets both screens cut to fit,
// without a panic; names, roles and headlines with terminal controls in
// them (a library built by hand rather than parsed) draw them as "?".
func TestCommentators_AnySizeFitsAndControlsNeverReachTheTerminal(t *testing.T) {
	arts := commentatorArticles()
	arts[1].Reactions[1].Name = "Ada \x1b]0;PWNED\x07 Lin"
	arts[1].Reactions[1].Role = "Trader \x1b[2J"
	arts[1].Headline = "Grain \x1b]8;;http://x\x07Corridor"
	walks := [][]string{{"c"}, {"c", "s", "/", "a"}, {"c", "j", "enter"}, {"c", "enter", "l", "enter"}, {"c", "enter", "0", "a"}}
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {20, 5}, {40, 12}, {80, 24}, {200, 50}} {
		for _, walk := range walks {
			m := newTest(t, sz[0], sz[1], arts...)
			m = drive(t, m, keys(walk...)...)
			c := m.View().Content
			if rows := strings.Count(c, "\n") + 1; sz[1] > 0 && rows > sz[1] {
				t.Errorf("%dx%d %v: %d rows", sz[0], sz[1], walk, rows)
			}
			for i, l := range strings.Split(screenOf(m), "\n") {
				if w := ansi.StringWidth(l); w > max(sz[0], 1) {
					t.Errorf("%dx%d %v: row %d is %d cells wide: %q", sz[0], sz[1], walk, i, w, l)
				}
			}
			if _, ok := m.top().(*commentatorsScreen); ok && (strings.Contains(c, "PWNED\x07") || strings.Contains(c, "\x1b[2J") || strings.Contains(c, "\x1b]8")) {
				t.Errorf("%dx%d %v: a control from a name reached the terminal: %q", sz[0], sz[1], walk, c)
			}
		}
	}
}

// A commentator whose quotes are huge: the cards keep at most maxKept
// bytes of them beyond the cards on screen, giving back the ones furthest
// from the focus, and read them again when the user comes back.
func TestCards_TheQuotesKeptAreBounded(t *testing.T) {
	arts := reactedLibrary(60)
	big := strings.Repeat("A long quote indeed. ", 200<<10/21)
	for i := range arts {
		arts[i].Reactions[0].Quote = fmt.Sprintf("Quote %04d. ", i) + big
	}
	m := newTest(t, 120, 40, arts...)
	m = drive(t, m, press("c"), press("enter"))
	c := cardsOf(t, m)
	for range len(arts) - 1 {
		m = drive(t, m, press("l"))
		first, end := c.panel.ShownCards()
		if c.kept > maxKept+(end-first)*len(arts[0].Reactions[0].Quote) {
			t.Fatalf("the cards keep %d bytes of quotes", c.kept)
		}
	}
	if c.state[0] != cardUnread || c.items[0].Reaction.Quote != "" {
		t.Fatal("the first card, far from the focus, kept its quote")
	}
	m = drive(t, m, press("1"))
	if c.state[0] != cardRead || !contains(screenOf(m), "Quote 0000.") {
		t.Errorf("the first card is not read again when the user comes back:\n%s", screenOf(m))
	}
}
