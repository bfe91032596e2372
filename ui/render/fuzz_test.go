package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
)

// FuzzRender renders any text as a Markdown article's body, as plain
// text in every field of a wire article, and as reaction Markdown: what
// leaves the renderer never holds an escape, control or C1 byte but
// newsdesk's own SGR and OSC 8, and no line is wider than asked. The
// interesting inputs of past runs are in testdata/fuzz/FuzzRender.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"Hi &#x1b;]0;PWNED&#x7; &#x1b;]52;c;UFdORUQ=&#x7; end.",
		"[x](http://example.com/&#x1b;) <http://a&#155;b> ![i](u \"&#x9d;t\") `&#x1b;[2J`",
		"\x1b]8;;http://evil/\x07click\x1b]8;;\x07 \x1bP$qm\x1b\\ \u009b31m",
		"> > > > > > > > > > deep\n\n- - - - - - - - - - deep",
		"| a | b |\n|---|---|\n| &#27; | \\& |",
		"```\n&#x1b;\x1b[2J\n```\n\n<div>&#x1b;]0;x&#7;</div>",
		"中国外交部发言人周一表示，中方愿同各方一道 " + strings.Repeat("長", 80),
		"Former Diplomat \\& Commentator &amp; \\\\ \\*",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		width := 20 + len(s)%80
		check := func(what, out string) {
			if bad := unsafe(out); bad != "" {
				t.Fatalf("%s: %s", what, bad)
			}
			for _, l := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(l); w > width {
					t.Fatalf("%s: a line of %d cells at width %d: %q", what, w, width, l)
				}
			}
		}
		md := &article.Article{Format: article.FormatMarkdown, Headline: s, Paragraphs: []string{s}}
		check("markdown article", renderArticle(t, md, width, "dark", Full))
		wire := &article.Article{Format: article.FormatWire, Headline: s, Byline: s, Place: s, Paragraphs: []string{s},
			Reactions: []article.Reaction{{Name: s, Role: s, Quote: s}}, Notes: []article.Note{{Text: s}}}
		check("wire article", renderArticle(t, wire, width, "light+nocolor", Body))
		out, err := Markdown(t.Context(), s, width, "notty")
		if err != nil {
			t.Fatal(err)
		}
		check("markdown", out)
	})
}
