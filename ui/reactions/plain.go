package reactions

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/newsdesk/newsdesk/article"
)

// plainMarkdown is Markdown source (a Markdown article's quote or note)
// as the plain text a reader sees in a card: emphasis, code and link
// marks dropped and their text kept, escapes and entities decoded, raw
// HTML tags left out, lines and paragraphs joined by spaces. Cards are
// plain text (a Glamour rendering per card would cost milliseconds and
// bring its own margins), so "*Further reactions are expected.*" shows
// without its stars. What comes out is sanitised again: an entity can
// decode to a terminal control.
func plainMarkdown(src string) string {
	source := []byte(src)
	doc := goldmark.DefaultParser().Parse(text.NewReader(source))
	var b strings.Builder
	space := func() {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				space()
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			v := n.Segment.Value(source)
			if !n.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if n.SoftLineBreak() || n.HardLineBreak() {
				space()
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.Label(source))
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				space()
				seg := lines.At(i)
				b.Write(seg.Value(source))
			}
		}
		return ast.WalkContinue, nil
	})
	return oneLine(article.Sanitize(b.String()))
}
