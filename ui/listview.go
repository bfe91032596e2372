package ui

import (
	"strings"

	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/paginator"
	"github.com/charmbracelet/x/ansi"
)

// The list screen is drawn here rather than by bubbles' list.View and
// lipgloss.JoinHorizontal, which re-render every row through Lip Gloss and
// measure every line to pad the block (then fit measured them again):
// ≈0.6 ms of every list frame. The bubbles list still holds the items,
// the cursor, the paginator and their keys. After an Update, drawList
// draws the rows of the page on screen that were not drawn before (an
// item's rows, selected or not, are kept while it stays on the page) and
// drawPreview cuts the preview into rows; View lays the rows out exactly
// as list.View, JoinHorizontal and fit did (the same padding, the same
// cuts) from widths measured once.

// listPage is the page of the list on screen, as drawn. It is never
// changed once built (Models share it): a new one reuses its rows.
type listPage struct {
	st    *Styles
	width int // the list's width
	// page, pages and perPage are the paginator's; sel is the cursor's
	// index and start the index of items[0] in the visible items.
	page, pages, perPage int
	sel, start           int
	items                []drawnItem
	// pager is the "2/40" line (list.View's pagination, "" on one page)
	// and pagerW its width.
	pager  string
	pagerW int
	// widest is the widest row: list.View pads every row to it.
	widest int
}

// drawnItem is one item's two rows and their widths, unselected [0] and
// selected [1], each drawn the first time it was needed.
type drawnItem struct {
	it   *item
	rows [2][2]string
	w    [2][2]int
	done [2]bool
}

// b2i is 1 for true.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// drawList draws the list's page unless the one drawn is current. With no
// items (or items not the reader's) there is no page, and View falls back
// to list.View.
func (m *Model) drawList() {
	lw := m.list.Width()
	vis := m.list.VisibleItems()
	if len(vis) == 0 || lw <= 0 || m.list.Height() <= 0 {
		m.page = nil
		return
	}
	pg := m.list.Paginator
	start, end := pg.GetSliceBounds(len(vis))
	sel := m.list.Index()
	old := m.page
	if old.current(m.st, lw, pg, sel, vis[start:end]) {
		return
	}
	p := &listPage{
		st: m.st, width: lw,
		page: pg.Page, pages: pg.TotalPages, perPage: pg.PerPage,
		sel: sel, start: start,
		items: make([]drawnItem, 0, end-start),
	}
	d := delegate{st: m.st}
	for i, li := range vis[start:end] {
		it, ok := li.(*item)
		if !ok {
			m.page = nil
			return
		}
		di := old.find(it, m.st, lw)
		s := b2i(start+i == sel)
		if !di.done[s] {
			h, meta := d.lines(it, lw, s == 1)
			di.rows[s] = [2]string{h, meta}
			di.w[s] = [2]int{ansi.StringWidth(h), ansi.StringWidth(meta)}
			di.done[s] = true
		}
		p.items = append(p.items, di)
		p.widest = max(p.widest, di.w[s][0], di.w[s][1])
	}
	if pg.TotalPages >= 2 {
		// list.paginationView.
		s := pg.View()
		if ansi.StringWidth(s) > lw {
			s = m.list.Styles.ArabicPagination.Render(s)
		}
		p.pager = m.list.Styles.PaginationStyle.Render(s)
		p.pagerW = ansi.StringWidth(p.pager)
		p.widest = max(p.widest, p.pagerW)
	}
	m.page = p
}

// current reports whether p is the page drawn for these styles, width,
// paginator, cursor and items.
func (p *listPage) current(st *Styles, width int, pg paginator.Model, sel int, items []list.Item) bool {
	if p == nil || p.st != st || p.width != width || p.page != pg.Page || p.pages != pg.TotalPages ||
		p.perPage != pg.PerPage || p.sel != sel || len(p.items) != len(items) {
		return false
	}
	for i, li := range items {
		if it, ok := li.(*item); !ok || it != p.items[i].it {
			return false
		}
	}
	return true
}

// find is it's rows on p if p was drawn in the same styles and width, or
// nothing drawn yet.
func (p *listPage) find(it *item, st *Styles, width int) drawnItem {
	if p != nil && p.st == st && p.width == width {
		for _, d := range p.items {
			if d.it == it {
				return d
			}
		}
	}
	return drawnItem{it: it}
}

// paneRow is row i of the list pane h rows high, as fit(list.View(), w, h)
// drew it: the text, its width, and whether list.View padded it to the
// widest row (the rows fit adds below are empty and unpadded).
//
// list.View is the items (two rows each, a blank row between two), blank
// rows for the items a last page lacks, blank rows down to h-1, then the
// pagination row.
func (p *listPage) paneRow(i, h int) (s string, w int, padded bool) {
	k := len(p.items)
	rows := 3*k - 1 // the items and the blank rows between them
	if k < p.perPage {
		rows += (p.perPage - k) * 3
	}
	rows = max(rows, h-1)
	switch {
	case i < 3*k-1:
		if i%3 == 2 {
			return "", 0, true
		}
		d := &p.items[i/3]
		s := b2i(p.start+i/3 == p.sel)
		return d.rows[s][i%3], d.w[s][i%3], true
	case i < rows:
		return "", 0, true
	case i == rows:
		return p.pager, p.pagerW, true
	}
	return "", 0, false
}

// putPaneRow writes row i of the pane into f's current row, cut to w
// cells, and returns its width.
func (p *listPage) putPaneRow(f *frame, i, w, h int) int {
	s, sw, padded := p.paneRow(i, h)
	switch {
	case !padded:
		return 0
	case p.widest <= w:
		f.put(s)
		f.spaces(p.widest - sw)
		return p.widest
	}
	// A row wider than the pane (a pagination row in a tiny terminal):
	// padded, then cut, as fit did.
	s = cut(s+strings.Repeat(" ", max(p.widest-sw, 0)), w)
	f.put(s)
	return ansi.StringWidth(s)
}

// previewPane is the wide layout's preview cut into rows, as fit made
// them, with JoinHorizontal's width for the block (its widest row). Never
// changed once built.
type previewPane struct {
	key    previewDrawKey
	rows   []string
	w      []int
	widest int
	// bytes is the rows' length.
	bytes int
}

// previewDrawKey is what the preview's rows depend on.
type previewDrawKey struct {
	st            *Styles
	what          renderKey // previewKey, when ok
	ok, none      bool      // rendered; no article selected
	width, height int
}

// drawPreview cuts the preview into rows unless they are current.
func (m *Model) drawPreview() {
	_, pw := splitWidths(m.width)
	h := m.list.Height() + listTop
	if pw == 0 {
		m.prev = nil
		return
	}
	k := previewDrawKey{st: m.st, ok: m.previewOK, none: m.selected() == nil, width: pw, height: h}
	if k.ok {
		k.what = m.previewKey
	}
	if m.prev != nil && m.prev.key == k {
		return
	}
	text, pad := m.st.Placeholder.Render("Rendering…"), ""
	switch {
	case k.none:
		text = ""
	case k.ok:
		// The rendering centred: indent(m.preview, margin), but only for
		// the rows shown.
		_, margin := textWidths(pw)
		text, pad = m.preview, strings.Repeat(" ", margin)
	}
	p := &previewPane{key: k, rows: make([]string, h), w: make([]int, h)}
	// fit(text, pw, h), measuring each row once.
	for i := range h {
		line, after, more := strings.Cut(text, "\n")
		line = pad + line
		if w := ansi.StringWidth(line); w > pw {
			line = ansi.Truncate(line, pw, "")
			p.w[i] = ansi.StringWidth(line)
		} else {
			p.w[i] = w
		}
		p.rows[i] = line
		p.widest = max(p.widest, p.w[i])
		p.bytes += len(line)
		if !more {
			break
		}
		text = after
	}
	m.prev = p
}

// listBytes is about the length of the list screen's frame, to size its
// builder: a list row is a little longer than wide (a few SGR sequences),
// a preview row as long as it is.
func (m *Model) listBytes() int {
	n := m.height * (m.list.Width() + 64)
	if m.prev != nil {
		n += m.prev.bytes + m.height*(m.prev.widest+16)
	}
	return n
}

// drawListBody adds the list screen above the status line to f: the top
// bar, a blank row and the list; in a wide terminal the preview beside
// them, after a separator.
func (m *Model) drawListBody(f *frame) {
	lw := m.list.Width()
	lh := m.list.Height()
	top := m.top
	if m.prev == nil {
		f.row(top)
		f.row("")
		m.drawPane(f, lw, lh)
		return
	}
	// lipgloss.JoinHorizontal(Top, the list padded to lw, the separator,
	// the preview): every block's rows padded to the block's widest.
	sep := m.st.Separator.Render("│")
	h := lh + listTop
	rows := max(listTop+max(lh, 1), h)
	var fallback []string
	if m.page == nil {
		// Not worth a fast path: an empty list.
		fallback = strings.Split(fit(m.list.View(), lw, lh), "\n")
	}
	for r := range rows {
		if !f.next() {
			return
		}
		w := 0
		switch {
		case r == 0:
			f.put(top)
			w = ansi.StringWidth(top)
		case r == 1:
		case m.page == nil:
			if r-listTop < len(fallback) {
				f.put(fallback[r-listTop])
				w = ansi.StringWidth(fallback[r-listTop])
			}
		case r-listTop < lh:
			w = m.page.putPaneRow(f, r-listTop, lw, lh)
		}
		f.spaces(lw - w)
		if r < h {
			f.put(sep)
		} else {
			f.spaces(1)
		}
		pw := 0
		if r < len(m.prev.rows) {
			f.put(m.prev.rows[r])
			pw = m.prev.w[r]
		}
		f.spaces(m.prev.widest - pw)
	}
}

// drawPane adds the list pane (h rows, w wide) to f.
func (m *Model) drawPane(f *frame, w, h int) {
	if m.page == nil {
		f.block(fit(m.list.View(), w, h))
		return
	}
	f.part(h, func(f *frame) {
		for i := 0; i < h && f.next(); i++ {
			m.page.putPaneRow(f, i, w, h)
		}
	})
}
