package ui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// TestRenderCache_SharedBetweenReaders opens the seed in one reader, then
// in a second reader given the same cache: the second shows it at once,
// with no render command.
func TestRenderCache_SharedBetweenReaders(t *testing.T) {
	cache := NewRenderCache(10)
	cfg := Config{Library: library.NewStatic([]article.Article{seedArticle()}, nil), Style: "dark", Cache: cache}
	size := tea.WindowSizeMsg{Width: 100, Height: 30}
	first := drive(t, New(cfg), size, press("enter"))
	if r := readerOf(t, first); !r.ok {
		t.Fatal("first reader did not render the article")
	}
	second := drive(t, New(cfg), size)
	_, cmd := second.Update(press("enter"))
	if got := ansi.Strip(second.View().Content); !strings.Contains(got, "Sergei Shoigu") {
		t.Errorf("second reader does not show the article at once:\n%s", got)
	}
	// It still reads the file (to check it is the version rendered), but
	// renders nothing.
	if rendersAfter(t, second, cmd) {
		t.Error("second reader rendered the article again; want the shared cache's copy")
	}
	// A reader with its own cache renders for itself.
	own := drive(t, New(Config{Library: cfg.Library, Style: "dark"}), size)
	if _, cmd := own.Update(press("enter")); !rendersAfter(t, own, cmd) {
		t.Error("a reader without the shared cache found the article rendered")
	}
}

// rendersAfter runs cmd and what it leads to and reports whether a
// rendering was among the messages.
func rendersAfter(t *testing.T, m *Model, cmd tea.Cmd) bool {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil || isWait(c) {
			continue
		}
		switch msg := runCmd(t, c).(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case renderedMsg:
			return true
		case nil:
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return false
}

// TestRender_SupersededRenderIsCancelled: the user opens an article and
// moves to the next before it is rendered. The first rendering is
// cancelled (its command sends nothing), and only the second is shown.
func TestRender_SupersededRenderIsCancelled(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	_, open := m.Update(press("enter"))
	_, first := m.Update(opened(t, open)) // the article read: its rendering starts
	r := readerOf(t, m)
	firstID := r.sum.ID
	_, open = m.Update(press("n"))
	_, second := m.Update(opened(t, open))
	if first == nil || second == nil || r.sum.ID == firstID {
		t.Fatal("opening two uncached articles did not start two renders")
	}
	if msg := first(); msg != nil {
		t.Errorf("the superseded rendering still sent %T", msg)
	}
	if _, ok := m.c.renders.Get(r.want()); ok {
		t.Fatal("second article rendered before its command ran")
	}
	m = run(t, m, second)
	if !r.ok || r.sum.ID == firstID {
		t.Errorf("reader shows %v (ok=%v), want the second article rendered", r.sum.ID, r.ok)
	}
}

// TestReader_HeadlineAndDatelineOnce: the reader's header row shows the
// headline and its footer the dateline, so the text shows neither again.
func TestReader_HeadlineAndDatelineOnce(t *testing.T) {
	a := seedArticle()
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		m := drive(t, newTest(t, sz[0], sz[1], a), press("enter"))
		screen := screenOf(m)
		if n := strings.Count(screen, "Russia Reaffirms Backing"); n != 1 {
			t.Errorf("%dx%d: headline shown %d times:\n%s", sz[0], sz[1], n, screen)
		}
		if n := strings.Count(screen, "MOSCOW · Feb 1 · Reuters"); n != 1 {
			t.Errorf("%dx%d: dateline shown %d times:\n%s", sz[0], sz[1], n, screen)
		}
	}
}

// TestReader_NoColorKeepsTheStyle: under NO_COLOR the reader renders in
// the detected style, not Glamour's notty (which writes "#" and "**" on
// purpose): the same text on screen as in colour, bold still bold, and no
// colour at all.
func TestReader_NoColorKeepsTheStyle(t *testing.T) {
	open := func(noColor bool) string {
		m := New(Config{Library: library.NewStatic([]article.Article{seedArticle()}, nil), NoColor: noColor})
		m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 80}, press("enter"))
		return m.View().Content
	}
	colour, plain := open(false), open(true)
	if ansi.Strip(plain) != ansi.Strip(colour) {
		t.Errorf("NO_COLOR shows other text than colour:\n%s\nwant:\n%s", ansi.Strip(plain), ansi.Strip(colour))
	}
	if strings.Contains(ansi.Strip(plain), "**") {
		t.Error("NO_COLOR reader shows Markdown's ** markers")
	}
	if !strings.Contains(plain, "\x1b[1m") && !strings.Contains(plain, ";1m") {
		t.Error("NO_COLOR reader lost bold")
	}
	for _, seq := range sgrs(plain) {
		if colourSGR(seq) {
			t.Fatalf("NO_COLOR reader writes a colour: %q", seq)
		}
	}
}

// colourSGR reports whether SGR sequence seq sets a colour.
func colourSGR(seq string) bool {
	for _, p := range strings.FieldsFunc(seq[2:len(seq)-1], func(r rune) bool { return r == ';' || r == ':' }) {
		switch n, _ := strconv.Atoi(p); {
		case n >= 30 && n <= 49 && n != 39 && n != 49, n >= 90 && n <= 107:
			return true
		}
	}
	return false
}

// ownSequences are the escape sequences newsdesk writes itself: SGR
// styling and OSC 8 hyperlinks to a URL of printable ASCII.
var ownSequences = regexp.MustCompile(`\x1b\[[0-9;:]*m|\x1b\]8;;[!-~]*\x07`)

// sgrs is every SGR sequence in s.
func sgrs(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], 'm')
		if j < 0 {
			return out
		}
		out = append(out, s[i:i+j+1])
		s = s[i+j+1:]
	}
}

// TestReader_HostileReferencesNeverReachTheScreen: an article whose text
// builds escape sequences from character references (a window title, a
// clipboard write, a hyperlink, a DCS query) shows in the reader, and so
// in every SSH session, without any of them: the frame holds no escape
// but SGR and newsdesk's own hyperlinks.
func TestReader_HostileReferencesNeverReachTheScreen(t *testing.T) {
	x := "&#x1b;]0;PWNED&#x7; &#x1b;]52;c;UFdORUQ=&#x7; &#x1b;]8;;http://evil.example/&#x1b;\\click&#x1b;]8;;&#x1b;\\ &#X1B;P$qm&#27;\\ &#155;2J"
	a := article.Article{ID: "h.md", Path: "h.md", Format: article.FormatMarkdown, Headline: "Hostile " + x,
		Paragraphs: []string{"Hi " + x + " [link " + x + "](http://example.com/" + x + ") `" + x + "`"}}
	for _, sz := range [][2]int{{80, 24}, {200, 50}} {
		m := drive(t, newTest(t, sz[0], sz[1], a), press("enter"))
		frame := m.View().Content
		rest := ownSequences.ReplaceAllString(frame, "")
		for _, r := range rest {
			if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				t.Fatalf("%v: control %U on screen: %q", sz, r, rest)
			}
		}
		if !strings.Contains(ansi.Strip(frame), "Hi") {
			t.Errorf("%v: the article's text is not shown:\n%s", sz, ansi.Strip(frame))
		}
	}
}
