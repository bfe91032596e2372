package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pager is a list's cursor over n items shown perPage at a time: which page
// is on screen and which row of it is selected. It moves the way the bubbles
// list does (the reader's list used it before, and its users' fingers know
// it): down from a page's last row turns the page, up from its first row
// goes back one, a page key keeps the row where it was (or the last one of
// a shorter page), and nothing wraps around. Every method is pure
// arithmetic, table-tested for every size down to an empty list.
type pager struct {
	n, perPage   int
	page, cursor int
}

// pages is the number of pages (1 for an empty list).
func (p pager) pages() int {
	if p.n <= 0 || p.perPage <= 0 {
		return 1
	}
	return (p.n + p.perPage - 1) / p.perPage
}

// index is the selected item (0 in an empty list).
func (p pager) index() int { return p.page*p.perPage + p.cursor }

// onPage is how many items the current page shows.
func (p pager) onPage() int {
	if p.n <= 0 {
		return 0
	}
	return min(p.perPage, p.n-p.page*p.perPage)
}

// bounds are the first item on the page and one past the last.
func (p pager) bounds() (start, end int) {
	start = p.page * p.perPage
	return start, start + p.onPage()
}

// lastRow is the last row of the current page (0 when it is empty).
func (p pager) lastRow() int { return max(p.onPage()-1, 0) }

// resize sets the number of items and rows per page, keeping the selected
// index (clamped to the list).
func (p pager) resize(n, perPage int) pager {
	i := p.index()
	p.n, p.perPage = max(n, 0), max(perPage, 1)
	return p.selected(i)
}

// selected selects item i (clamped to the list).
func (p pager) selected(i int) pager {
	i = min(max(i, 0), max(p.n-1, 0))
	p.page, p.cursor = i/p.perPage, i%p.perPage
	return p
}

// down moves to the next item, turning the page after its last row.
func (p pager) down() pager {
	switch {
	case p.cursor < p.lastRow():
		p.cursor++
	case p.page < p.pages()-1:
		p.page, p.cursor = p.page+1, 0
	}
	return p
}

// up moves to the previous item, turning back before a page's first row.
func (p pager) up() pager {
	switch {
	case p.cursor > 0:
		p.cursor--
	case p.page > 0:
		p.page--
		p.cursor = p.lastRow()
	}
	return p
}

// nextPage turns to the next page, keeping the row (or the last one).
func (p pager) nextPage() pager {
	if p.page < p.pages()-1 {
		p.page++
	}
	p.cursor = min(p.cursor, p.lastRow())
	return p
}

// prevPage turns to the previous page, keeping the row.
func (p pager) prevPage() pager {
	if p.page > 0 {
		p.page--
	}
	p.cursor = min(p.cursor, p.lastRow())
	return p
}

// top selects the first item; bottom the last.
func (p pager) top() pager { p.page, p.cursor = 0, 0; return p }

func (p pager) bottom() pager {
	p.page = p.pages() - 1
	p.cursor = p.lastRow()
	return p
}

// perPageFor is how many items of rowsPer rows (an item and the blank row
// after it) fit in a pane h rows high that keeps one row for the page
// number: never fewer than one.
func perPageFor(h, rowsPer int) int {
	return max(1, (h-1)/max(rowsPer, 1))
}

// movePager moves p for the cursor keys of k (up, down, top, bottom) and
// the page keys given (the list's and the reader's differ), and reports
// whether msg was one of them: one rule for every paged screen.
func (k *KeyMap) movePager(p pager, msg tea.KeyPressMsg, prevPage, nextPage key.Binding) (pager, bool) {
	switch {
	case key.Matches(msg, k.Up):
		return p.up(), true
	case key.Matches(msg, k.Down):
		return p.down(), true
	case key.Matches(msg, prevPage):
		return p.prevPage(), true
	case key.Matches(msg, nextPage):
		return p.nextPage(), true
	case key.Matches(msg, k.Top):
		return p.top(), true
	case key.Matches(msg, k.Bottom):
		return p.bottom(), true
	}
	return p, false
}
