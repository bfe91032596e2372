package reactions

import (
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/article"
)

func TestPlainMarkdown(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"emphasis", "*Further reactions are expected.*", "Further reactions are expected."},
		{"strong and code", "A **bold** claim, `in code`, and _more_.", "A bold claim, in code, and more."},
		{"links keep their text", "See [the statement](https://example.com) and <https://example.org>.", "See the statement and https://example.org."},
		{"escapes", `Prices \*rose\* 5\% \& more`, "Prices *rose* 5% & more"},
		{"entities", "Fish &amp; chips &#8212; &quot;fine&quot;", `Fish & chips — "fine"`},
		{"raw HTML tags dropped", "Said <b>no</b> comment.", "Said no comment."},
		{"paragraphs and lines joined", "First line\nsecond line.\n\nNext paragraph.", "First line second line. Next paragraph."},
		{"a list", "- one\n- two", "one two"},
		{"code span is raw", "`a \\* b &amp;`", `a \* b &amp;`},
		{"an entity that decodes to a control is dropped", "bell&#7;ring &#27;[31mred", "bellring red"},
		{"nothing", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainMarkdown(tt.in); got != tt.want {
				t.Errorf("plainMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPanel_MarkdownMarksAreNotShownOnCards(t *testing.T) {
	a := midNoteArticle() // a Markdown article
	a.Reactions[0].Quote = "This is **not** a *drill* &amp; [we mean it](https://example.com)."
	a.Notes = append(a.Notes, article.Note{Text: "*Further reactions are expected.*", After: 5})
	v := view(newPanel(a, 200, 50))
	for _, s := range []string{"This is not a drill & we mean it.", "Note: Further reactions are expected."} {
		if !strings.Contains(v, s) {
			t.Errorf("%q not shown:\n%s", s, v)
		}
	}
	if strings.ContainsAny(v, "*[") || strings.Contains(v, "&amp;") {
		t.Errorf("Markdown marks on the cards:\n%s", v)
	}
	// Wire text is plain text: its stars are what the file says.
	w := seedArticle()
	w.Reactions[0].Quote = "A *literal* star."
	if v := view(newPanel(w, 200, 50)); !strings.Contains(v, "A *literal* star.") {
		t.Errorf("a wire quote lost its stars:\n%s", v)
	}
}
