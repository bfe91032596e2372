package ui

import (
	"io"

	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
)

// delegate draws a list row: the headline cut to one line with "…", then
// the metadata line, both measured in cells.
type delegate struct{ st *Styles }

// Height implements list.ItemDelegate.
func (d delegate) Height() int { return 2 }

// Spacing implements list.ItemDelegate.
func (d delegate) Spacing() int { return 1 }

// Update implements list.ItemDelegate.
func (d delegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }

// Render implements list.ItemDelegate.
func (d delegate) Render(w io.Writer, m list.Model, index int, li list.Item) {
	it, ok := li.(*item)
	if !ok {
		return
	}
	head, meta := d.lines(it, m.Width(), index == m.Index())
	_, _ = io.WriteString(w, head+"\n"+meta)
}

// lines are item it's two rows in a list width cells wide.
func (d delegate) lines(it *item, width int, selected bool) (head, meta string) {
	title, metaSt := d.st.Title, d.st.Meta
	prefix := "  "
	if selected {
		title, metaSt = d.st.SelTitle, d.st.SelMeta
		prefix = "│ "
	}
	avail := max(width-ansi.StringWidth(prefix), 0)
	h := ansi.Truncate(article.DisplayPath(it.a.Headline), avail, "…")
	if h == "" && avail > 0 {
		h = ansi.Truncate("(no headline)", avail, "…")
	}
	line2 := ansi.Truncate(article.DisplayPath(metaLine(it.a)), avail, "…")
	p := ansi.Truncate(prefix, width, "")
	return metaSt.Render(p) + title.Render(h), metaSt.Render(p) + metaSt.Render(line2)
}
