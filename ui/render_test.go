package ui

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

func TestPreWrapCJK_WrapsOnlyLongSpacelessRuns(t *testing.T) {
	tests := []struct {
		name, in string
		width    int
		changed  bool
	}{
		{"chinese paragraph", chineseParagraph, 40, true},
		{"chinese in a quote", "> " + chineseParagraph, 40, true},
		{"short chinese", "中国外交部", 40, false},
		{"english", strings.Repeat("word ", 50), 40, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := preWrapCJK(tt.in, tt.width)
			if (out != tt.in) != tt.changed {
				t.Fatalf("changed = %v; want %v:\n%s", out != tt.in, tt.changed, out)
			}
			if !tt.changed {
				return
			}
			for _, l := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(strings.TrimRight(l, " ")); w > tt.width {
					t.Errorf("line %q is %d cells wide, over %d", l, w, tt.width)
				}
				if tt.name == "chinese in a quote" && !strings.HasPrefix(l, "> ") {
					t.Errorf("quote line %q lost its marker", l)
				}
			}
		})
	}
}

func TestRenderMarkdown_NoLineWiderThanPane(t *testing.T) {
	a := richArticle()
	for _, w := range []int{20, 40, 80, 100} {
		out, err := renderMarkdown(a.Markdown(), w, "dark")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(ansi.Strip(out), "中国外交部") {
			t.Errorf("width %d: the Chinese paragraph is missing", w)
		}
		for _, l := range strings.Split(out, "\n") {
			if sw := ansi.StringWidth(l); sw > w {
				t.Errorf("width %d: line %q is %d cells", w, ansi.Strip(l), sw)
			}
		}
	}
}

func TestRenderMarkdown_CJKParagraphFillsThePane(t *testing.T) {
	// Without the pre-wrap Glamour leaves the whole paragraph on one line
	// (cut at the pane edge); with it the paragraph spans several lines.
	out, err := renderMarkdown(chineseParagraph+"\n", 40, "dark")
	if err != nil {
		t.Fatal(err)
	}
	text := ansi.Strip(out)
	if n := strings.Count(strings.TrimSpace(text), "\n") + 1; n < 5 {
		t.Errorf("CJK paragraph on %d lines at width 40:\n%s", n, text)
	}
	if strings.ReplaceAll(strings.Join(strings.Fields(text), ""), " ", "") != chineseParagraph {
		t.Errorf("characters lost or changed:\n%s", text)
	}
}

// TestCompactLine_SameCellsFewerBytes checks the re-encoding of Glamour's
// output cell by cell: every cell looks as Glamour drew it (cut to the
// width, a blank that shows nothing being the same as a plain space), and
// the article takes far fewer bytes.
func TestCompactLine_SameCellsFewerBytes(t *testing.T) {
	rich := richArticle()
	for _, style := range []string{"dark", "light", "dracula", "notty"} {
		for _, md := range []string{seedArticle().Markdown(), rich.Markdown(), "```go\nfunc main() {}\n```\n\n> quoted `code` and **bold** [link](https://example.com)\n"} {
			r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(76))
			if err != nil {
				t.Fatal(err)
			}
			raw, err := r.Render(md)
			if err != nil {
				t.Fatal(err)
			}
			var before, after int
			for _, l := range strings.Split(raw, "\n") {
				for _, width := range []int{80, 40, 7} {
					got := compactLine(l, width)
					if w := ansi.StringWidth(got); w > width {
						t.Fatalf("%s: %q is %d cells wide, want at most %d", style, got, w, width)
					}
					want, have := screenRow(l, width), screenRow(got, width)
					for x := range width {
						w, h := want.CellAt(x, 0), have.CellAt(x, 0)
						// A blank that shows nothing may be written in
						// any style that shows nothing on a blank.
						same := w != nil && h != nil && (w.Equal(h) || showsNothing(w) && showsNothing(h))
						if !same && (w != nil || h != nil) {
							t.Fatalf("%s, width %d: column %d of %q is %+v, want %+v", style, width, x, ansi.Strip(l), h, w)
						}
					}
					if width == 80 {
						before, after = before+len(l), after+len(got)
					}
				}
			}
			if style == "dark" && after*2 > before {
				t.Errorf("%s: %d bytes compacted to %d; want at most half", style, before, after)
			}
		}
	}
}

// showsNothing is the test's own account of a blank cell that looks like
// any other: a space with no background, underline, reverse video,
// strike-through or link.
func showsNothing(c *uv.Cell) bool {
	return c.Content == " " && c.Style.Bg == nil && c.Style.Underline == uv.UnderlineStyleNone &&
		c.Style.Attrs&(uv.AttrReverse|uv.AttrStrikethrough) == 0 && c.Link.IsZero()
}

// screenRow is styled text s drawn on a screen row width cells wide, as
// the terminal renderer draws it.
func screenRow(s string, width int) uv.ScreenBuffer {
	b := uv.NewScreenBuffer(width, 1)
	uv.NewStyledString(s).Draw(b, b.Bounds())
	return b
}

// TestRenderCache_OneRenderForReadersOpeningAtOnce is the SSH server's
// case: many readers open the same article at the same moment, and
// Glamour runs once for all of them.
func TestRenderCache_OneRenderForReadersOpeningAtOnce(t *testing.T) {
	c := NewRenderCache(10)
	k := renderKey{id: "a", width: 80, style: "dark"}
	var calls atomic.Int32
	release := make(chan struct{})
	render := func() (string, error) {
		calls.Add(1)
		<-release // hold the first render until every caller is waiting
		return "rendered", nil
	}
	const readers = 50
	var started, done sync.WaitGroup
	results := make([]string, readers)
	for i := range readers {
		started.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			started.Done()
			results[i], _ = c.render(k, render)
		}()
	}
	started.Wait()
	close(release)
	done.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("%d readers opening at once rendered %d times, want 1", readers, n)
	}
	for i, r := range results {
		if r != "rendered" {
			t.Fatalf("reader %d got %q", i, r)
		}
	}
	if _, err := c.render(k, func() (string, error) { t.Error("rendered again after caching"); return "", nil }); err != nil {
		t.Fatal(err)
	}
}

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
	tm, cmd := second.Update(press("enter"))
	if cmd != nil {
		t.Error("second reader read or rendered the article; want the shared cache's copy")
	}
	got := ansi.Strip(tm.(*Model).View().Content)
	if !strings.Contains(got, "Sergei Shoigu") {
		t.Errorf("second reader does not show the article at once:\n%s", got)
	}
	// A reader with its own cache renders for itself.
	own := drive(t, New(Config{Library: cfg.Library, Style: "dark"}), size)
	if _, cmd := own.Update(press("enter")); cmd == nil {
		t.Error("a reader without the shared cache found the article rendered")
	}
}
