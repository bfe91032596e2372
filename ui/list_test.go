package ui

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/paginator"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/library"
)

// bubblesItem and bubblesDelegate put the list's rows into a bubbles list,
// the reference the list's own drawing and paging are checked against.
type bubblesItem struct{ s *library.Summary }

func (bubblesItem) FilterValue() string { return "" }

type bubblesDelegate struct {
	st   *Styles
	mark func(*library.Summary) rowMark
}

func (bubblesDelegate) Height() int                         { return itemRows }
func (bubblesDelegate) Spacing() int                        { return itemGap }
func (bubblesDelegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }
func (d bubblesDelegate) Render(w io.Writer, m list.Model, i int, li list.Item) {
	s := li.(bubblesItem).s
	h, meta := itemLines(d.st, s, m.Width(), i == m.Index(), d.mark(s))
	_, _ = io.WriteString(w, h+"\n"+meta)
}

// reference is a bubbles list over the list screen's view, set up as the
// reader set it up when it drew with one.
func reference(l *listScreen) list.Model {
	items := make([]list.Item, len(l.view))
	for i, j := range l.view {
		items[i] = bubblesItem{l.snap.At(int(j))}
	}
	r := list.New(items, bubblesDelegate{st: l.c.st, mark: l.markOf}, l.lw, l.lh)
	r.Styles = l.c.st.List
	r.SetShowTitle(false)
	r.SetFilteringEnabled(false)
	r.Paginator.Type = paginator.Arabic
	r.DisableQuitKeybindings()
	r.SetShowHelp(false)
	r.SetShowStatusBar(false)
	k := l.c.keys
	r.KeyMap.CursorUp, r.KeyMap.CursorDown = k.Up, k.Down
	r.KeyMap.PrevPage, r.KeyMap.NextPage = k.PrevPage, k.NextPage
	r.KeyMap.GoToStart, r.KeyMap.GoToEnd = k.Top, k.Bottom
	return r
}

// TestList_KeysMoveLikeBubbles drives the list and a bubbles list with the
// same random keys: the cursor and the page stay the same.
func TestList_KeysMoveLikeBubbles(t *testing.T) {
	ks := []string{"j", "k", "down", "up", "left", "right", "h", "l", "pgdown", "pgup",
		"home", "end", "g", "G", "x", "space"}
	for _, filter := range []string{"", "1"} {
		m := newTest(t, 80, 24, sampleLibrary(40)...)
		if filter != "" {
			m = drive(t, m, keys("/", filter, "enter")...)
		}
		ref := reference(m.list)
		rng := rand.New(rand.NewPCG(1, uint64(len(filter))))
		for i := range 1000 {
			k := ks[rng.IntN(len(ks))]
			m = drive(t, m, press(k))
			ref, _ = ref.Update(press(k))
			if m.list.pg.index() != ref.Index() || m.list.pg.page != ref.Paginator.Page {
				t.Fatalf("filter %q, key %d %q: index %d page %d; bubbles: index %d page %d",
					filter, i, k, m.list.pg.index(), m.list.pg.page, ref.Index(), ref.Paginator.Page)
			}
		}
	}
}

// TestListPane_RowsLikeListView compares the drawn pane with what
// fit(list.View()) of a bubbles list draws, for every page of a library at
// several sizes.
func TestListPane_RowsLikeListView(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {40, 12}, {20, 7}, {6, 5}, {3, 4}, {140, 30}} {
		m := newTest(t, sz[0], sz[1], sampleLibrary(23)...)
		for range 30 {
			l := m.list
			ref := reference(l)
			ref.Select(l.pg.index())
			want := fit(ref.View(), l.lw, l.lh)
			var f frame
			f.start(l.lh, 0)
			l.drawPane(&f, l.lw, l.lh)
			if got := f.String(); got != want {
				t.Fatalf("%dx%d, index %d: pane\n%q\nlist.View\n%q", sz[0], sz[1], l.pg.index(), got, want)
			}
			m = drive(t, m, press("j"))
		}
	}
}

func TestPaneRow_Layout(t *testing.T) {
	type row struct {
		s      string
		padded bool
	}
	a := drawnItem{rows: [2][2]string{{"a1", "a2"}}, w: [2][2]int{{2, 2}}}
	b := drawnItem{rows: [2][2]string{{}, {"B1", "B2"}}, w: [2][2]int{{}, {2, 2}}}
	tests := []struct {
		name string
		p    *listPage
		h    int
		want []row
	}{
		{
			// Two items on a last page of three (perPage 3 = (12-1)/3):
			// the items with a blank row between them, blank rows for
			// the missing item and down to the page number, then
			// unpadded rows.
			"last page", &listPage{pg: pager{n: 5, perPage: 3, page: 1, cursor: 1}, items: []drawnItem{a, b}, pager: "  2/2", pagerW: 5}, 12,
			[]row{{"a1", true}, {"a2", true}, {"", true}, {"B1", true}, {"B2", true},
				{"", true}, {"", true}, {"", true}, {"", true}, {"", true}, {"", true},
				{"  2/2", true}, {"", false}},
		},
		{
			// A pane too low for a whole item: the item's rows come
			// first, the page number after them (cut by the height).
			"one row", &listPage{pg: pager{n: 9, perPage: 1}, items: []drawnItem{b}, pager: "  1/9", pagerW: 5}, 1,
			[]row{{"B1", true}, {"B2", true}, {"  1/9", true}, {"", false}},
		},
	}
	for _, tt := range tests {
		for i, want := range tt.want {
			s, _, padded := tt.p.paneRow(i, tt.h)
			if s != want.s || padded != want.padded {
				t.Errorf("%s: paneRow(%d, %d) = %q, %v; want %q, %v", tt.name, i, tt.h, s, padded, want.s, want.padded)
			}
		}
	}
}

func TestListScreen_WideRowsFillTheWidth(t *testing.T) {
	for _, w := range []int{140, 170, 200} {
		m := newTest(t, w, 30, sampleLibrary(5)...)
		for i, l := range strings.Split(screenOf(m), "\n")[:27] {
			if got := ansi.StringWidth(l); got > w {
				t.Errorf("%d: row %d is %d cells", w, i, got)
			}
			if !strings.Contains(l, "│") {
				t.Errorf("%d: row %d has no separator: %q", w, i, l)
			}
		}
	}
}

// TestList_EveryPageKeyInTheHelpPages presses each key of the bindings the
// list's help shows for paging and checks that it pages: help and
// behaviour come from the same bindings.
func TestList_EveryPageKeyInTheHelpPages(t *testing.T) {
	km := DefaultKeyMap()
	for _, k := range km.NextPage.Keys() {
		m := newTest(t, 80, 24, sampleLibrary(40)...)
		m = drive(t, m, press(k))
		if m.list.pg.page != 1 {
			t.Errorf("%q on the first page: page %d, want the second (index 1)", k, m.list.pg.page)
		}
		for _, back := range km.PrevPage.Keys() {
			b := drive(t, m, press(back))
			if b.list.pg.page != 0 {
				t.Errorf("%q on the second page: page %d, want the first", back, b.list.pg.page)
			}
			drive(t, m, press(k))
		}
	}
	help := ansi.Strip(drive(t, newTest(t, 80, 24, sampleLibrary(40)...), press("?")).View().Content)
	for _, b := range []key.Binding{km.PrevPage, km.NextPage, km.Top, km.Bottom} {
		if !strings.Contains(help, b.Help().Key) {
			t.Errorf("the list's help lacks %q:\n%s", b.Help().Key, help)
		}
	}
}
