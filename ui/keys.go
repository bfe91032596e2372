package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"

	"github.com/newsdesk/newsdesk/ui/reactions"
	"github.com/newsdesk/newsdesk/ui/scroll"
)

// KeyMap is every key the reader handles outside the reactions panel. The
// help views are generated from these same bindings.
type KeyMap struct {
	// Everywhere.
	Quit      key.Binding
	ForceQuit key.Binding
	Help      key.Binding

	// The scrolling keys of the reader and the problems screen; Up,
	// Down, Top and Bottom move the list's cursor too.
	scroll.KeyMap

	// List.
	PrevPage key.Binding
	NextPage key.Binding
	Open     key.Binding
	// Bookmark, View, ToggleRead and MarkAllRead are the marks: a
	// bookmark, which articles the list shows (all, unread,
	// bookmarked), read or unread, and everything shown read (Yes and
	// No answer its question).
	Bookmark    key.Binding
	View        key.Binding
	ToggleRead  key.Binding
	MarkAllRead key.Binding
	Yes         key.Binding
	No          key.Binding
	Filter      key.Binding
	Clear       key.Binding
	Sort        key.Binding
	Problems    key.Binding
	// Apply and Cancel are shown while typing a filter (the list's own
	// filter input handles them).
	Apply  key.Binding
	Cancel key.Binding
	// Search opens the search screen.
	Search key.Binding
	// Rescan looks at every file of the library again (for changes a
	// watcher can miss: network file systems, some containers).
	Rescan key.Binding

	// Search screen: every other key types into the query, so these are
	// keys no query is typed with.
	SearchUp       key.Binding
	SearchDown     key.Binding
	SearchPageUp   key.Binding
	SearchPageDown key.Binding
	SearchOpen     key.Binding
	SearchBack     key.Binding

	// Problems screen.
	Warnings key.Binding

	// Reader. ReaderBookmark is the reader's bookmark key (b pages up
	// there, as in less).
	ReaderBookmark key.Binding
	Next           key.Binding
	// Find searches the article; FindNext and FindPrev move between its
	// matches while a search is in force (n is the next article
	// otherwise). CopyArticle copies the article's Markdown; Links lists
	// its links.
	Find        key.Binding
	FindNext    key.Binding
	FindPrev    key.Binding
	CopyArticle key.Binding
	Links       key.Binding
	Prev        key.Binding
	Reactions   key.Binding
	Back        key.Binding

	// Commentators opens the commentators screen from the list, and a
	// focused card's commentator from the reactions panel. On the
	// commentators screen, which moves and pages with the list's keys,
	// CommentatorOpen shows the one selected's reactions across stories,
	// CommentatorFilter filters and CommentatorSort sorts them. Story
	// opens a commentator's card's story at its reactions.
	Commentators      key.Binding
	CommentatorOpen   key.Binding
	CommentatorFilter key.Binding
	CommentatorSort   key.Binding
	Story             key.Binding

	// Panel is the reactions panel's keys; it scrolls with the same
	// keys as the reader.
	Panel reactions.KeyMap
}

// DefaultKeyMap returns the reader's keys.
func DefaultKeyMap() KeyMap {
	k := KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),

		KeyMap: scroll.DefaultKeyMap(),

		// A page of the list; b and u are marks there.
		PrevPage:    key.NewBinding(key.WithKeys("pgup", "left", "h"), key.WithHelp("←/h/pgup", "page up")),
		NextPage:    key.NewBinding(key.WithKeys("pgdown", "right", "l", "space"), key.WithHelp("→/l/pgdn", "page down")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read")),
		Bookmark:    key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "bookmark")),
		View:        key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "all/unread/bookmarked")),
		ToggleRead:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "read/unread")),
		MarkAllRead: key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "mark all shown read")),
		Yes:         key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y", "yes")),
		No:          key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Clear:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Sort:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Problems:    key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "problems")),
		Apply:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply filter")),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel filter")),
		Search:      key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "search")),
		Rescan:      key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "rescan")),

		SearchUp:       key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "previous")),
		SearchDown:     key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "next")),
		SearchPageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		SearchPageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		SearchOpen:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read")),
		SearchBack:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),

		Warnings: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "show warnings")),

		ReaderBookmark: key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "bookmark")),
		Next:           key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next article")),
		Find:           key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		FindNext:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		FindPrev:       key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		CopyArticle:    key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy article")),
		Links:          key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "links")),
		Prev:           key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "previous article")),
		Reactions:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reactions")),
		Back:           key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),

		Commentators:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "commentators")),
		CommentatorOpen:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "their reactions")),
		CommentatorFilter: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		CommentatorSort:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Story:             key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "story")),

		Panel: reactions.DefaultKeyMap(),
	}
	k.syncPanel()
	return k
}

// screenKeys is the help.KeyMap of one screen: its short and full help.
type screenKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (s screenKeys) ShortHelp() []key.Binding { return s.short }

// FullHelp implements help.KeyMap.
func (s screenKeys) FullHelp() [][]key.Binding { return s.full }

// listShortHelp is listHelp(filtered).short, without building the rest.
func (k *KeyMap) listShortHelp(filtered bool) []key.Binding {
	clear := k.Clear
	clear.SetEnabled(filtered)
	// What a cut help line keeps first: how to read, filter and compare.
	// The arrows that move the cursor are in the full help only: a line
	// cut between them would show one without the other.
	return []key.Binding{k.Open, k.Filter, clear, k.Reactions, k.View, k.Bookmark, k.Sort, k.Search, k.Commentators, k.Help, k.Quit}
}

func (k *KeyMap) listHelp(filtered bool) screenKeys {
	clear := k.Clear
	clear.SetEnabled(filtered)
	return screenKeys{
		short: k.listShortHelp(filtered),
		full: [][]key.Binding{
			{k.Up, k.Down, k.PrevPage, k.NextPage, k.Top, k.Bottom},
			{k.Open, k.Reactions, k.Filter, clear, k.Search, k.Sort, k.Problems, k.Rescan},
			// Beside the marks, where the column is wide enough already:
			// the help stays 80 columns wide.
			{k.Commentators, k.Bookmark, k.View, k.ToggleRead, k.MarkAllRead},
			{k.Help, k.Quit, k.ForceQuit},
		},
	}
}

// confirmHelp is the help while the list asks a question.
func (k *KeyMap) confirmHelp() screenKeys {
	return screenKeys{
		short: []key.Binding{k.Yes, k.No, k.ForceQuit},
		full:  [][]key.Binding{{k.Yes, k.No, k.ForceQuit}},
	}
}

// searchHelp is the search screen's help.
func (k *KeyMap) searchHelp() screenKeys {
	return screenKeys{
		short: []key.Binding{k.SearchOpen, k.SearchUp, k.SearchDown, k.SearchBack, k.ForceQuit},
		full: [][]key.Binding{
			{k.SearchUp, k.SearchDown, k.SearchPageUp, k.SearchPageDown},
			{k.SearchOpen, k.SearchBack, k.ForceQuit},
		},
	}
}

func (k *KeyMap) filterHelp() screenKeys {
	return screenKeys{
		short: []key.Binding{k.Apply, k.Cancel, k.ForceQuit},
		full:  [][]key.Binding{{k.Apply, k.Cancel, k.ForceQuit}},
	}
}

// essential reports whether b is one of the keys a cut help line keeps:
// the way back (esc), quit and help.
func (k *KeyMap) essential(b key.Binding) bool {
	for _, e := range []key.Binding{k.Back, k.Cancel, k.Clear, k.SearchBack, k.Quit, k.Help, k.Panel.Back} {
		if slices.Equal(b.Keys(), e.Keys()) && b.Help() == e.Help() {
			return true
		}
	}
	return false
}
