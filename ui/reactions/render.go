package reactions

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/ui/render"
)

// maxTextWidth caps the full-width view's text, like the reader's: longer
// lines are hard to read. On wider panels the text is centred.
const maxTextWidth = render.MaxWidth

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

// glamourStyle resolves the style asked for with SetDark to a rendering
// style: "", "auto" and unknown names follow the background.
func glamourStyle(name string, isDark bool) string {
	if render.Style(name).Valid() {
		return name
	}
	return string(render.Resolve(name, isDark, false))
}

// renderCmd renders reaction r (from the story named by story, in a panel
// across stories) in the background for a panel width cells wide. It
// builds its own TermRenderer: a renderer must never be shared between
// goroutines or sessions.
func renderCmd(k renderKey, format article.Format, r article.Reaction, story string) tea.Cmd {
	return func() tea.Msg {
		msg := RenderedMsg{ArticleID: k.articleID, Index: k.index, Width: k.width, Style: k.style}
		msg.Content, msg.Err = renderReaction(r, format, k.width, k.style, story)
		return msg
	}
}

// renderReaction renders name, role, location, the story's line (story,
// "" for none) and quote as Markdown through the article renderer (same
// styles, CJK wrapping, limits and sanitising), wrapped to at most
// maxTextWidth cells and centred in width. Every returned line is at most
// width cells wide.
func renderReaction(r article.Reaction, format article.Format, width int, style, story string) (string, error) {
	if width <= 0 {
		return "", nil
	}
	wrap := min(width, maxTextWidth)
	out, err := render.Markdown(context.Background(), reactionMarkdown(r, format, story), wrap, render.Style(style))
	if err != nil {
		out = plainReaction(r, wrap)
	}
	pad := strings.Repeat(" ", (width-wrap)/2)
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(pad+l, width, "")
	}
	return strings.Join(lines, "\n"), err
}

// reactionMarkdown is the reaction as Markdown: the name as a heading,
// role and location, the story it is from in bold (when story is not ""),
// then the quote. Plain-text fields are escaped; a Markdown article's
// quote is Markdown already. A quote over the renderer's size limit is
// cut just past it, so that it is shown as plain text without first being
// escaped whole.
func reactionMarkdown(r article.Reaction, format article.Format, story string) string {
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
	if story = oneLine(story); story != "" {
		blocks = append(blocks, "**"+article.EscapeMarkdown(story)+"**")
	}
	quote := r.Quote
	if len(quote) > render.MaxBytes {
		quote = quote[:render.MaxBytes+1]
	}
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
