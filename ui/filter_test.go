package ui

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
)

var testLib struct {
	once sync.Once
	arts []article.Article
	err  []article.Problem
}

// testLibrary is testdata/library (see its README): 21 articles whose
// ranking cases are known.
func testLibrary(t testing.TB) []article.Article {
	t.Helper()
	testLib.once.Do(func() {
		testLib.arts, testLib.err = article.Collect(article.Load(context.Background(), []string{"../testdata/library"}, article.Options{}))
	})
	if len(testLib.err) > 0 || len(testLib.arts) != 21 {
		t.Fatalf("test library: %d articles, problems %v", len(testLib.arts), testLib.err)
	}
	return testLib.arts
}

// topHeadline is the first row's headline.
func topHeadline(m *Model) string {
	if len(m.list.view) == 0 {
		return ""
	}
	return m.list.snap.At(int(m.list.view[0])).Headline
}

const (
	newest = "Investors Return to Emerging Markets"
	zurich = "Zürich Insurer Raises Storm Claims Estimate After Alpine Floods"
)

// TestFilter_CursorGoesToTheTopMatchAfterEveryChange: typing, deleting and
// typing again after moving the cursor each put it on the best match. The
// newest article (the first row at start) matches storm only as scattered
// letters, so a cursor kept where it was would stay on it.
func TestFilter_CursorGoesToTheTopMatchAfterEveryChange(t *testing.T) {
	m := newTest(t, 120, 40, testLibrary(t)...)
	if m.selectedHeadline() != newest {
		t.Fatalf("start: cursor on %q", m.selectedHeadline())
	}
	m = drive(t, m, press("/"))
	for _, k := range []string{"s", "t", "o", "r", "m"} {
		m = drive(t, m, press(k))
		if got, top := m.selectedHeadline(), topHeadline(m); got != top || m.list.pg.index() != 0 {
			t.Fatalf("after %q: cursor on row %d %q; top match %q", m.list.flt.input.Value(), m.list.pg.index(), got, top)
		}
	}
	if m.selectedHeadline() != zurich {
		t.Fatalf("storm: cursor on %q; want %q", m.selectedHeadline(), zurich)
	}
	// Keep the filter, move down, then change the term each way.
	m = drive(t, m, press("enter"), press("j"), press("j"))
	if m.list.pg.index() != 2 {
		t.Fatalf("j j: row %d", m.list.pg.index())
	}
	for _, step := range [][]tea.Msg{
		{press("/"), tea.KeyPressMsg{Code: tea.KeyBackspace}}, // storm → stor
		{press("m")}, // stor → storm
		{press("enter"), press("G"), press("/"), press("space"), press("c")}, // storm c
	} {
		m = drive(t, m, step...)
		if m.list.pg.index() != 0 || m.selectedHeadline() != topHeadline(m) {
			t.Errorf("term %q: cursor on row %d %q", m.list.flt.input.Value(), m.list.pg.index(), m.selectedHeadline())
		}
	}
	if m.list.flt.input.Value() != "storm c" || m.selectedHeadline() != zurich {
		t.Errorf("storm c: %q on top", m.selectedHeadline())
	}
}

// TestFilter_EnterOpensTheTopMatch is issue 8's `/storm enter enter`.
func TestFilter_EnterOpensTheTopMatch(t *testing.T) {
	m := newTest(t, 120, 40, testLibrary(t)...)
	m = drive(t, m, keys("/", "s", "t", "o", "r", "m", "enter", "enter")...)
	if r := readerOf(t, m); r.sum == nil || r.sum.Headline != zurich {
		t.Fatalf("opened %v; want the top match %q\n%s", r.sum, zurich, screenOf(m))
	}
	if !contains(screenOf(m), "Zürich Insurer") {
		t.Errorf("reader does not show it:\n%s", screenOf(m))
	}
}

// TestFilter_RanksWordsFirst: the list shows issue 8's cases in rank
// order (the table of every case is library.TestRank_TestLibrary).
func TestFilter_RanksWordsFirst(t *testing.T) {
	for _, tt := range []struct{ term, first, later string }{
		{"tax", "How the New Tax Rules Will Change Your Paycheck", "Wheat Prices Jump After Export Ban"},
		{"taipei", "Chipmakers Brace for Power Cuts as Taiwan's Reservoirs Run Low", "Thai Peacekeepers Arrive in South Sudan"},
		{"miller", "Miller Family Sells Its 140-Year-Old Flour Mill to a Farmers' Cooperative", "Military Leaders Meet in Brussels to Plan Air Defence Orders"},
	} {
		m := newTest(t, 120, 40, testLibrary(t)...)
		m = drive(t, m, keys(append([]string{"/"}, strings.Split(tt.term, "")...)...)...)
		s := screenOf(m)
		if topHeadline(m) != tt.first {
			t.Errorf("%s: %q first\n%s", tt.term, topHeadline(m), s)
		}
		i, j := strings.Index(s, tt.first[:30]), strings.Index(s, tt.later[:30])
		if i < 0 || (j >= 0 && j < i) {
			t.Errorf("%s: %q not shown above %q\n%s", tt.term, tt.first, tt.later, s)
		}
	}
}

// TestFilter_StatusNeverShowsAStaleCount: between a keystroke and its
// result the status says "matching…", not the count of the previous
// result; a re-sort with a filter on does the same.
func TestFilter_StatusNeverShowsAStaleCount(t *testing.T) {
	m := newTest(t, 120, 40, testLibrary(t)...)
	m = drive(t, m, press("/"))
	_, cmd := m.Update(press("m"))
	if s := screenOf(m); !contains(s, "matching…") || contains(s, "shown") {
		t.Fatalf("pending first letter, status:\n%s", lastLines(s, 2))
	}
	m = run(t, m, cmd)
	n := shown(m)
	if s := screenOf(m); contains(s, "matching…") || !contains(s, plural(21, "article")+" · "+strconv.Itoa(n)+" shown") {
		t.Fatalf("result of m (%d), status:\n%s", n, lastLines(s, 2))
	}
	_, cmd = m.Update(press("i"))
	if s := screenOf(m); !contains(s, "matching…") || contains(s, strconv.Itoa(n)+" shown") {
		t.Errorf("pending mi, status:\n%s", lastLines(s, 2))
	}
	m = run(t, m, cmd)
	m = drive(t, m, press("enter"))
	_, cmd = m.Update(press("s")) // re-sort: matched again in the new order
	if s := screenOf(m); !contains(s, "matching…") {
		t.Errorf("pending re-sort, status:\n%s", lastLines(s, 2))
	}
	m = run(t, m, cmd)
	if s := screenOf(m); contains(s, "matching…") || !contains(s, " shown") {
		t.Errorf("after the re-sort, status:\n%s", lastLines(s, 2))
	}
}

// TestFilter_EnterWhileMatchingOpensTheTopMatchWhenItLands: a user who
// types /storm and enter enter faster than the match runs opens the top
// match, not the row that was under the cursor; another key in between
// cancels that.
func TestFilter_EnterWhileMatchingOpensTheTopMatchWhenItLands(t *testing.T) {
	m := newTest(t, 120, 40, testLibrary(t)...)
	m = drive(t, m, keys("/", "s", "t", "o", "r")...)
	_, cmd := m.Update(press("m"))
	held := collect(cmd)
	m = drive(t, m, press("enter"), press("enter"))
	if m.top() != m.list {
		t.Fatalf("opened %T before the result", m.top())
	}
	m = drive(t, m, held...)
	if r := readerOf(t, m); r.sum == nil || r.sum.Headline != zurich {
		t.Fatalf("after the result: reader on %v", r.sum)
	}

	m = newTest(t, 120, 40, testLibrary(t)...)
	m = drive(t, m, keys("/", "s", "t", "o", "r")...)
	_, cmd = m.Update(press("m"))
	held = collect(cmd)
	m = drive(t, m, press("enter"), press("enter"), press("j"))
	m = drive(t, m, held...)
	if m.top() != m.list || m.selectedHeadline() != zurich {
		t.Errorf("enter then j: top screen %T, cursor on %q", m.top(), m.selectedHeadline())
	}
}

// TestFilter_EscKeepsTheSelectedArticle: clearing the filter shows every
// article with the one under the cursor still selected.
func TestFilter_EscKeepsTheSelectedArticle(t *testing.T) {
	m := newTest(t, 120, 40, testLibrary(t)...)
	m = drive(t, m, keys("/", "k", "y", "i", "v", "enter", "esc")...)
	if n := shown(m); n != 21 || m.selectedHeadline() != "Kyiv Restores Power After Overnight Drone Strikes" {
		t.Errorf("esc: %d shown, cursor on %q", n, m.selectedHeadline())
	}
	if s := screenOf(m); contains(s, "matching…") || contains(s, "shown") {
		t.Errorf("status after esc:\n%s", lastLines(s, 2))
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}
