package ui

import (
	"bytes"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

func TestFindMatches(t *testing.T) {
	bold := "\x1b[1m"
	tests := []struct {
		name string
		rows []string
		term string
		want []match
	}{
		{"none", []string{"abc"}, "x", nil},
		{"empty term", []string{"abc"}, "", nil},
		{"any case, every one, in order", []string{"Taiwan and TAIWAN", "x taiwan"}, "taiwan",
			[]match{{0, 0, 6}, {0, 11, 17}, {1, 2, 8}}},
		{"through styling", []string{bold + "Tai" + "\x1b[m" + "wan"}, "taiwan", []match{{0, 0, 6}}},
		{"wide characters count two cells", []string{"中国外交部发言人"}, "外交", []match{{0, 4, 8}}},
		{"not overlapping", []string{"aaaa"}, "aa", []match{{0, 0, 2}, {0, 2, 4}}},
		{"a term longer than the row", []string{"ab"}, "abc", nil},
		{"case folding beyond ASCII", []string{"L'ÉCOLE"}, "école", []match{{0, 2, 7}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findMatches(tt.rows, tt.term)
			if len(got) != len(tt.want) {
				t.Fatalf("%v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("match %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestHighlight_KeepsTheTextAndMarksTheMatch(t *testing.T) {
	row := "\x1b[38;5;252mThe talks on Taiwan\x1b[m"
	got := highlight(row, []match{{0, 13, 19}}, 0)
	if ansi.Strip(got) != "The talks on Taiwan" {
		t.Errorf("text changed: %q", ansi.Strip(got))
	}
	if !strings.Contains(got, "7") { // reverse video
		t.Errorf("no reverse video in %q", got)
	}
}

// searchIn opens the seed in a reader and types /term.
func searchIn(t *testing.T, w, h int, term string) *Model {
	t.Helper()
	m := newTest(t, w, h, seedArticle())
	m = drive(t, m, press("enter"), press("/"))
	for _, r := range term {
		m = drive(t, m, press(string(r)))
	}
	return drive(t, m, press("enter"))
}

func TestReaderSearch_NextPreviousWrapAndEsc(t *testing.T) {
	m := searchIn(t, 80, 24, "taiwan")
	r := readerOf(t, m)
	n := len(r.find.matches)
	if n < 5 || !contains(screenOf(m), "match 1 of ") {
		t.Fatalf("%d matches; screen:\n%s", n, screenOf(m))
	}
	m = drive(t, m, press("n"), press("n"))
	if !contains(screenOf(m), "match 3 of ") || r.sum.ID != seedArticle().ID {
		t.Errorf("n did not go to the next match (or opened the next article):\n%s", screenOf(m))
	}
	m = drive(t, m, press("N"), press("N"), press("N"))
	if !contains(screenOf(m), "match "+strconv.Itoa(n)+" of "+strconv.Itoa(n)) {
		t.Errorf("N from the first match did not wrap to the last:\n%s", screenOf(m))
	}
	row := r.find.matches[r.find.cur].row
	if off := r.vp.YOffset(); row < off || row >= off+r.vp.Height() {
		t.Errorf("the current match (row %d) is off screen (rows %d–%d)", row, off, off+r.vp.Height())
	}
	m = drive(t, m, press("esc"))
	if !onTop[*readerScreen](m) || r.find.term != "" || contains(screenOf(m), "match") {
		t.Fatal("esc did not clear the search first")
	}
	m = drive(t, m, press("n"))
	if r.sum.ID == seedArticle().ID {
		t.Log("(one article: n stays)")
	}
	m = drive(t, m, press("esc"))
	if !onTop[*listScreen](m) {
		t.Error("a second esc did not go back to the list")
	}
}

func TestReaderSearch_HighlightSurvivesAResize(t *testing.T) {
	m := searchIn(t, 80, 24, "shoigu")
	before := len(readerOf(t, m).find.matches)
	m = drive(t, m, tea.WindowSizeMsg{Width: 50, Height: 20})
	r := readerOf(t, m)
	if len(r.find.matches) != before || r.find.term != "shoigu" {
		t.Errorf("after a resize: %d matches of %q, were %d", len(r.find.matches), r.find.term, before)
	}
	v := m.View().Content
	if !strings.Contains(v, "\x1b[7m") && !strings.Contains(v, ";7m") && !strings.Contains(v, ";7;") {
		t.Errorf("no highlight on screen after the resize")
	}
}

func TestReaderSearch_CJKAndNoMatch(t *testing.T) {
	m := newTest(t, 80, 24, richArticle())
	m = drive(t, m, keys("enter", "/", "外", "交", "enter")...)
	if r := readerOf(t, m); len(r.find.matches) == 0 {
		t.Errorf("Chinese term not found:\n%s", screenOf(m))
	}
	m = drive(t, m, keys("/", "z", "q", "x", "enter")...)
	if !contains(screenOf(m), "no match for 外交zqx") {
		t.Errorf("no-match status:\n%s", screenOf(m))
	}
}

// osc52 is the sequence that sets the clipboard to s.
func osc52(s string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(s)) + "\x07"
}

// step is a key to press, and text to wait for on screen before the next.
type step struct{ key, then string }

// copyOutput runs the seed in a real program, presses the keys of steps,
// and waits until the program writes want.
func copyOutput(t *testing.T, want string, steps ...step) []byte {
	t.Helper()
	m := New(Config{Library: library.NewStatic([]article.Article{seedArticle()}, nil), Style: "dark"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitScreen(t, tm, "Russia Reaffirms")
	for _, st := range steps {
		tm.Send(press(st.key))
		if st.then != "" {
			waitScreen(t, tm, st.then)
		}
	}
	var got []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		got = append(got, b...)
		return bytes.Contains(got, []byte(want))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	return got
}

func TestCopy_AQuoteWithItsAttributionThroughOSC52(t *testing.T) {
	seed := seedArticle()
	r := seed.Reactions[1]
	want := osc52("\u201c" + r.Quote + "\u201d \u2014 James Miller, Editor-at-Large, 'The Global Security Review' (London), " +
		seed.Headline + ", Feb 1")
	copyOutput(t, want, step{"r", "Reaction 1 of 4"}, step{"l", ""}, step{"y", ""})
}

func TestCopy_TheArticleAsMarkdown(t *testing.T) {
	seed := seedArticle()
	copyOutput(t, osc52(seed.Markdown()), step{"enter", "Sergei Shoigu"}, step{"Y", ""})
}

func TestLinks_ListedNumberedAndCopied(t *testing.T) {
	a := seedArticle()
	a.Paragraphs = append(a.Paragraphs, "More at https://example.com/a-very-long-path/"+strings.Repeat("x", 120)+". Or mail <mailto:desk@example.com>, or [the report](http://example.org/r?q=1).",
		"Not a link: javascript:alert(1) and ftp://x.example.")
	m := newTest(t, 60, 20, a)
	m = drive(t, m, press("enter"), press("o"))
	s := screenOf(m)
	for _, want := range []string{"1  https://example.com/a-very-long-path/", "2  mailto:desk@example.com", "3  http://example.org/r?q=1", "3 links"} {
		if !contains(s, want) {
			t.Errorf("links screen lacks %q:\n%s", want, s)
		}
	}
	if contains(s, "javascript") || contains(s, "ftp:") {
		t.Errorf("an unsafe link is listed:\n%s", s)
	}
	for _, l := range strings.Split(s, "\n") {
		if ansi.StringWidth(l) > 60 {
			t.Errorf("a link row is wider than the screen: %q", l)
		}
	}
	_, cmd := m.Update(press("2"))
	if cmd == nil || !contains(screenOf(m), "Copied the link") {
		t.Errorf("a number did not copy its link:\n%s", screenOf(m))
	}
}
