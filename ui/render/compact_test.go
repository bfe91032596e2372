package render

import (
	"strings"
	"testing"

	"charm.land/glamour/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
)

// TestCompactLine_SameCellsFewerBytes checks the re-encoding of Glamour's
// output cell by cell: every cell looks as Glamour drew it (cut to the
// width, a blank that shows nothing being the same as a plain space), and
// the article takes far fewer bytes.
func TestCompactLine_SameCellsFewerBytes(t *testing.T) {
	rich := article.Article{Format: article.FormatJSON, Headline: "🚀 Lunar Launch 🌕 Draws Verdicts 🌍",
		Paragraphs: []string{"A rocket left the pad at dawn.", chineseParagraph},
		Reactions:  []article.Reaction{{Name: "王小明", Role: "Commentator", Quote: longQuote}}}
	for _, style := range []string{"dark", "light", "dracula", "notty"} {
		for _, md := range []string{seedArticle(t).Markdown(), rich.Markdown(), "```go\nfunc main() {}\n```\n\n> quoted `code` and **bold** [link](https://example.com)\n"} {
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
					got := compactLine(l, width, false)
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
