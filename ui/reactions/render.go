package reactions

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
)

// maxTextWidth caps the full-width view's text, like the reader's: longer
// lines are hard to read. On wider panels the text is centred.
const maxTextWidth = 100

// renderKey is what a rendering of the full-width view was made for.
type renderKey struct {
	articleID string
	index     int
	width     int
	style     string
}

// RenderedMsg carries one Glamour rendering of a reaction for the
// full-width view. The panel drops it unless it still shows that reaction
// of that article at that width and style. The root model routes it to
// the panel's Update.
type RenderedMsg struct {
	ArticleID string
	Index     int
	Width     int
	Style     string
	// Content is the rendered text, one line per viewport line; Err is
	// set when Glamour failed (Content then holds the plain text).
	Content string
	Err     error
}

func (msg RenderedMsg) key() renderKey {
	return renderKey{articleID: msg.ArticleID, index: msg.Index, width: msg.Width, style: msg.Style}
}

// glamourStyle resolves the style asked for with SetDark to one Glamour
// knows: "", "auto" and unknown names follow the background.
func glamourStyle(name string, isDark bool) string {
	if _, ok := styles.DefaultStyles[name]; ok {
		return name
	}
	if isDark {
		return styles.DarkStyle
	}
	return styles.LightStyle
}

// renderCmd renders reaction r in the background for a panel width cells
// wide. It builds its own TermRenderer: a renderer must never be shared
// between goroutines or sessions.
func renderCmd(k renderKey, format article.Format, r article.Reaction) tea.Cmd {
	return func() tea.Msg {
		msg := RenderedMsg{ArticleID: k.articleID, Index: k.index, Width: k.width, Style: k.style}
		msg.Content, msg.Err = renderReaction(r, format, k.width, k.style)
		return msg
	}
}

// renderReaction renders name, role, location and quote as Markdown with
// Glamour, wrapped to at most maxTextWidth cells and centred in width.
// Every returned line is at most width cells wide.
func renderReaction(r article.Reaction, format article.Format, width int, style string) (string, error) {
	if width <= 0 {
		return "", nil
	}
	wrap := min(width, maxTextWidth)
	margin := 0
	if c := styles.DefaultStyles[style]; c != nil && c.Document.Margin != nil {
		margin = int(*c.Document.Margin)
	}
	// Glamour breaks lines only at spaces, so a CJK paragraph would
	// overflow: wrap the quote by cells first, to the text width inside
	// the document margins.
	textWidth := max(wrap-2*margin, 1)
	md := reactionMarkdown(r, format, textWidth)
	out, err := func() (string, error) {
		tr, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(wrap))
		if err != nil {
			return "", err
		}
		return tr.Render(md)
	}()
	if err != nil {
		out = plainReaction(r, textWidth)
	}
	out = strings.Trim(out, "\n")
	pad := strings.Repeat(" ", (width-wrap)/2)
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(pad+l, width, "")
	}
	return strings.Join(lines, "\n"), err
}

// reactionMarkdown is the reaction as Markdown: the name as a heading,
// role and location, then the quote. Plain-text fields are escaped; a
// Markdown article's quote is Markdown already.
func reactionMarkdown(r article.Reaction, format article.Format, textWidth int) string {
	var blocks []string
	if name := oneLine(r.Name); name != "" {
		blocks = append(blocks, "# "+article.EscapeMarkdown(name))
	}
	var meta []string
	for _, s := range []string{r.Role, r.Location} {
		if s = oneLine(s); s != "" {
			meta = append(meta, article.EscapeMarkdown(s))
		}
	}
	if len(meta) > 0 {
		blocks = append(blocks, "*"+strings.Join(meta, " · ")+"*")
	}
	quote := ansi.Wrap(r.Quote, textWidth, "")
	if format != article.FormatMarkdown {
		quote = article.EscapeMarkdown(quote)
	}
	if strings.TrimSpace(quote) == "" {
		quote = "*(no quote)*"
	}
	blocks = append(blocks, quote)
	return strings.Join(blocks, "\n\n") + "\n"
}

// plainReaction is the unstyled fallback when Glamour fails.
func plainReaction(r article.Reaction, width int) string {
	var parts []string
	for _, s := range []string{oneLine(r.Name), oneLine(r.Role), oneLine(r.Location), "", r.Quote} {
		parts = append(parts, ansi.Wrap(s, width, ""))
	}
	return strings.Join(parts, "\n")
}

// oneLine collapses a field that must stay on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
