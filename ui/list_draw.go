package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// The list is drawn row by row from rows kept between frames: after an
// Update, drawPage draws the rows of the page on screen that were not drawn
// before (an item's rows, selected or not, are kept while it stays on the
// page), and drawBody lays them out with the top bar and the preview from
// widths measured once. The layout is the one the bubbles list drew (the
// reader used it before it owned its rows): items of two rows with a blank
// row between them, blank rows down to the pane's last row, and the page
// number ("2/40") on that row; every row padded to the widest.

// listPage is the page of the list on screen, as drawn. It is never
// changed once built: a new one reuses its rows.
type listPage struct {
	st    *Styles
	snap  *library.Snapshot
	marks uint64 // the marks' generation the rows show
	fresh uint64 // the new articles' generation they show
	width int    // the list pane's width
	// pg is the pager it was drawn for; items are the page's.
	pg    pager
	items []drawnItem
	// pager is the "2/40" row ("" on one page) and pagerW its width.
	pager  string
	pagerW int
	// widest is the widest row: every row is padded to it.
	widest int
}

// drawnItem is one item's two rows and their widths, unselected [0] and
// selected [1], each drawn the first time it was needed.
type drawnItem struct {
	s    *library.Summary
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

// drawPage draws the list's page unless the one drawn is current. With no
// items there is no page: drawPane shows why instead.
func (l *listScreen) drawPage() {
	if len(l.view) == 0 || l.lw <= 0 || l.lh <= 0 {
		l.page = nil
		return
	}
	start, end := l.pg.bounds()
	old := l.page
	if old.current(l, start, end) {
		return
	}
	p := &listPage{st: l.c.st, snap: l.snap, marks: l.c.marks.gen, fresh: l.c.fresh.gen, width: l.lw, pg: l.pg, items: make([]drawnItem, 0, end-start)}
	for i := start; i < end; i++ {
		s := l.snap.At(int(l.view[i]))
		di := old.find(s, p)
		sel := b2i(i == l.pg.index())
		if !di.done[sel] {
			h, meta := itemLines(l.c.st, s, l.lw, sel == 1, l.markOf(s))
			di.rows[sel] = [2]string{h, meta}
			di.w[sel] = [2]int{ansi.StringWidth(h), ansi.StringWidth(meta)}
			di.done[sel] = true
		}
		p.items = append(p.items, di)
		p.widest = max(p.widest, di.w[sel][0], di.w[sel][1])
	}
	if pages := l.pg.pages(); pages >= 2 {
		s := fmt.Sprintf("%d/%d", l.pg.page+1, pages)
		if ansi.StringWidth(s) > l.lw {
			s = l.c.st.List.ArabicPagination.Render(s)
		}
		p.pager = l.c.st.List.PaginationStyle.Render(s)
		p.pagerW = ansi.StringWidth(p.pager)
		p.widest = max(p.widest, p.pagerW)
	}
	l.page = p
}

// current reports whether p is the page drawn for l's styles, width,
// pager and items start…end.
func (p *listPage) current(l *listScreen, start, end int) bool {
	if p == nil || p.st != l.c.st || p.snap != l.snap || p.marks != l.c.marks.gen || p.fresh != l.c.fresh.gen || p.width != l.lw || p.pg != l.pg || len(p.items) != end-start {
		return false
	}
	for i, d := range p.items {
		if d.s != l.snap.At(int(l.view[start+i])) {
			return false
		}
	}
	return true
}

// find is s's rows on p if p was drawn like next (the same styles, width
// and marks), or nothing drawn yet.
func (p *listPage) find(s *library.Summary, next *listPage) drawnItem {
	if p != nil && p.st == next.st && p.width == next.width && p.marks == next.marks && p.fresh == next.fresh {
		for _, d := range p.items {
			if d.s == s {
				return d
			}
		}
	}
	return drawnItem{s: s}
}

// rowMark is what the user's marks add to an article's rows.
type rowMark struct {
	unread, bookmarked bool
	// arrived says it came while the reader ran, not looked at yet.
	arrived bool
	// fresh is how many reactions came since the user last opened it.
	fresh int
}

// markOf is s's marks for its rows.
func (l *listScreen) markOf(s *library.Summary) rowMark {
	k := l.c.marks
	return rowMark{unread: !k.read(s.ID), bookmarked: k.bookmarked(s.ID), fresh: k.newReactions(s), arrived: l.c.fresh.has(s.ID)}
}

// itemLines are s's two rows in a list width cells wide: the selection
// bar, the mark (★ bookmarked, • unread), the headline cut to one line
// with "…" (bold when unread), then the metadata, led by "new" for an
// article that came while the reader ran and followed by "K new"
// reactions, all measured in cells.
func itemLines(st *Styles, s *library.Summary, width int, selected bool, mk rowMark) (head, meta string) {
	ch := itemChromeOf(st, width, selected, mk)
	h := ansi.Truncate(display(s.Headline), ch.avail, "…")
	if h == "" && ch.avail > 0 {
		h = ansi.Truncate("(no headline)", ch.avail, "…")
	}
	m := metaLine(s)
	if mk.arrived {
		// First, where a narrow list still shows it.
		m = "new · " + m
	}
	if mk.fresh > 0 {
		m += " · " + strconv.Itoa(mk.fresh) + " new"
	}
	return ch.first + ch.title.Render(h), ch.line(display(m))
}

// itemChrome is what comes before an item's text on its rows (the
// selection bar, the mark) and the styles of its text: the list's and the
// search's items look alike.
type itemChrome struct {
	// first starts the item's first row (bar and mark), rest its other
	// rows (bar and blanks); avail is the cells left after them.
	first, rest string
	avail       int
	title, meta lipgloss.Style
}

// itemChromeOf is the chrome of an item width cells wide: the selection
// bar when selected, the mark (★ bookmarked, • unread; an unread headline
// in bold).
func itemChromeOf(st *Styles, width int, selected bool, mk rowMark) itemChrome {
	title, metaSt := st.Title, st.Meta
	bar := "  "
	if mk.unread {
		title = st.Unread
	}
	if selected {
		title, metaSt = st.SelTitle, st.SelMeta
		bar = "│ "
	}
	glyph := "  "
	switch {
	case mk.bookmarked:
		glyph = "★ "
	case mk.unread:
		glyph = "• "
	}
	b := ansi.Truncate(bar, width, "")
	g := ansi.Truncate(glyph, max(width-ansi.StringWidth(b), 0), "")
	return itemChrome{
		first: metaSt.Render(b) + st.Mark.Render(g),
		rest:  metaSt.Render(b + "  "),
		avail: max(width-ansi.StringWidth(bar)-2, 0),
		title: title, meta: metaSt,
	}
}

// line is a further row of the item: text (safe for the terminal) in the
// meta style, cut to the room.
func (ch itemChrome) line(text string) string {
	return ch.rest + ch.meta.Render(ansi.Truncate(text, ch.avail, "…"))
}

// metaLine is "PLACE · DATE · SOURCE · N reactions" with absent parts left
// out.
func metaLine(s *library.Summary) string {
	var n string
	switch s.Reactions {
	case 0:
	case 1:
		n = "1 reaction"
	default:
		n = plural(s.Reactions, "reaction")
	}
	d := s.Dateline()
	switch {
	case d == "":
		return n
	case n == "":
		return d
	}
	return d + " · " + n
}

// paneRow is row i of the list pane h rows high: the text, its width, and
// whether it is padded to the widest row (the rows below the page number
// are empty and unpadded).
func (p *listPage) paneRow(i, h int) (s string, w int, padded bool) {
	k := len(p.items)
	per := itemRows + itemGap
	rows := per*k - itemGap // the items and the blank rows between them
	if k < p.pg.perPage {
		rows += (p.pg.perPage - k) * per
	}
	rows = max(rows, h-1)
	switch {
	case i < per*k-itemGap:
		if i%per == itemRows {
			return "", 0, true
		}
		d := &p.items[i/per]
		sel := b2i(p.pg.page*p.pg.perPage+i/per == p.pg.index())
		return d.rows[sel][i%per], d.w[sel][i%per], true
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
	// A row wider than the pane (a page number in a tiny terminal):
	// padded, then cut.
	s = cut(s+strings.Repeat(" ", max(p.widest-sw, 0)), w)
	f.put(s)
	return ansi.StringWidth(s)
}

// drawBody adds the list screen to f: the top bar, a blank row and the
// list; in a wide terminal the preview beside them, after a separator.
func (l *listScreen) drawBody(f *frame) {
	lw, lh := l.lw, l.lh
	pv := l.pv.drawn
	if pv == nil {
		f.row(l.top)
		f.row("")
		l.drawPane(f, lw, lh)
		return
	}
	sep := l.c.st.Separator.Render("│")
	h := lh + listTop
	rows := max(listTop+max(lh, 1), h)
	var empty []string
	if l.page == nil {
		empty = strings.Split(fit(l.emptyText(), lw, lh), "\n")
	}
	for r := range rows {
		if !f.next() {
			return
		}
		w := 0
		switch {
		case r == 0:
			f.put(l.top)
			w = ansi.StringWidth(l.top)
		case r == 1:
		case l.page == nil:
			if r-listTop < len(empty) {
				f.put(empty[r-listTop])
				w = ansi.StringWidth(empty[r-listTop])
			}
		case r-listTop < lh:
			w = l.page.putPaneRow(f, r-listTop, lw, lh)
		}
		f.spaces(lw - w)
		if r < h {
			f.put(sep)
		} else {
			f.spaces(1)
		}
		pw := 0
		if r < len(pv.rows) {
			f.put(pv.rows[r])
			pw = pv.w[r]
		}
		f.spaces(pv.widest - pw)
	}
}

// drawPane adds the list pane (h rows, w wide) to f.
func (l *listScreen) drawPane(f *frame, w, h int) {
	if l.page == nil {
		f.block(fit(l.emptyText(), w, h))
		return
	}
	f.part(h, func(f *frame) {
		for i := 0; i < h && f.next(); i++ {
			l.page.putPaneRow(f, i, w, h)
		}
	})
}

// emptyText is what an empty list says: nothing while the library loads,
// that nothing matches a filter, or what newsdesk reads and where it
// looked.
func (l *listScreen) emptyText() string {
	var msg string
	switch {
	case l.snap == nil || l.snap.Loading() && l.snap.Len() == 0:
		return ""
	case l.flt.applied():
		msg = "No article matches the filter."
	case l.snap.Len() == 0 && len(l.snap.Problems()) > 0:
		msg = "No article could be read: press ! to see why."
	default:
		// The CLI's sentence, as a sentence of its own here.
		msg = article.EmptyLibraryMessage(l.c.lib.Paths())
		msg = strings.ToUpper(msg[:1]) + msg[1:] + "."
	}
	return l.c.st.Meta.Render(indent(ansi.Wrap(msg, max(l.lw-4, 1), " /"), 2))
}
