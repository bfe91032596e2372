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
	width := m.Width()
	title, meta := d.st.Title, d.st.Meta
	prefix := "  "
	if index == m.Index() {
		title, meta = d.st.SelTitle, d.st.SelMeta
		prefix = "│ "
	}
	avail := max(width-ansi.StringWidth(prefix), 0)
	head := ansi.Truncate(article.DisplayPath(it.a.Headline), avail, "…")
	if head == "" && avail > 0 {
		head = ansi.Truncate("(no headline)", avail, "…")
	}
	line2 := ansi.Truncate(article.DisplayPath(metaLine(it.a)), avail, "…")
	p := ansi.Truncate(prefix, width, "")
	_, _ = io.WriteString(w, meta.Render(p)+title.Render(head)+"\n"+meta.Render(p)+meta.Render(line2))
}
