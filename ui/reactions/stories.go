package reactions

import (
	"slices"

	"charm.land/lipgloss/v2"

	"github.com/newsdesk/newsdesk/article"
)

// A panel across stories (SetItems) shows reactions from several
// articles, one card each, with the same grid, keys, scrolling and
// full-width view as a story's own panel: one commentator's reactions
// across the library, say. Each card is headed by its story's headline
// (at most storyLines lines) and date instead of the commentator's name,
// which the lines above the cards give once. A reaction whose story has
// not been read yet shows a placeholder in place of its quote (Item.Wait)
// until UpdateItems brings it.

// Item is one card of a panel across stories.
type Item struct {
	// ArticleID is the story the reaction is from and Index the
	// reaction's place in it: the full-width view's rendering is made for
	// them.
	ArticleID article.ID
	Index     int
	// Headline and Date head the card; Format is the story's (a
	// Markdown story's quote is Markdown source).
	Headline string
	Date     string
	Format   article.Format
	// Reaction is the reaction: its Name and Role can be known before
	// the story is read, its Quote and Location once it is.
	Reaction article.Reaction
	// Wait, when not "", is shown in place of the quote, dim: the story
	// is being read ("Reading…"), or could not be and why. Such a card
	// opens to the same text.
	Wait string
}

// Heading is the three lines above the cards of a panel across stories:
// a title (the commentator's name), a line under it (their roles) and
// the heading on the rule above the cards.
type Heading struct {
	Title, Subtitle, Rule string
}

// storyLines is the most lines a card's story headline takes: the quote
// is what the card is for.
const storyLines = 2

// SetItems shows items as cards under h, focusing the first: a panel
// across stories.
func (m *Model) SetItems(h Heading, items []Item) {
	m.art = nil
	m.fresh = nil
	m.focus, m.top = 0, 0
	m.scroll = make([]int, len(items))
	m.deck = itemsDeck(h, items)
	m.open = false
	m.have, m.pending, m.want = renderKey{}, renderKey{}, renderKey{}
	m.renderErr = nil
	m.vp.SetContent("")
	m.memo = nil
	m.relayout()
}

// UpdateItems replaces the cards of a panel across stories by items, the
// same cards with more of them read, keeping the focus, the window of
// cards shown and each card's scroll. A different number of items is a
// new panel (SetItems) under the same heading.
func (m *Model) UpdateItems(items []Item) {
	if m.deck == nil || m.art != nil || len(items) != len(m.deck.cards) {
		h := Heading{}
		if m.deck != nil {
			h = Heading{Title: m.deck.headline, Subtitle: m.deck.dateline, Rule: m.deck.heading}
		}
		m.SetItems(h, items)
		return
	}
	old := m.deck
	d := itemsDeck(Heading{Title: old.headline, Subtitle: old.dateline, Rule: old.heading}, items)
	// The cards that did not change keep their wrapped text: a batch of
	// stories read fills in a few cards of hundreds.
	d.wraps.inner = old.wraps.inner
	for i := range d.cards {
		if old.wraps.done[i] && d.cards[i] == old.cards[i] {
			d.wraps.cards[i], d.wraps.done[i] = old.wraps.cards[i], true
		}
	}
	m.deck = d
	m.memo = nil
	m.relayout()
}

// itemsDeck is items as cards under h.
func itemsDeck(h Heading, items []Item) *deck {
	d := &deck{headline: h.Title, dateline: h.Subtitle, heading: h.Rule, cards: make([]card, len(items))}
	for i, it := range items {
		c := card{r: it.Reaction, articleID: string(it.ArticleID), index: it.Index, format: it.Format,
			story: it.Headline, date: it.Date}
		if c.story == "" {
			c.story = "(no headline)"
		}
		if it.Wait != "" {
			c.quote, c.waiting = it.Wait, true
		} else {
			c.quote = plainText(it.Format)(it.Reaction.Quote)
		}
		d.cards[i] = c
	}
	d.wraps = newDeckWraps(len(d.cards))
	return d
}

// Focus is the focused card (0 with none).
func (m Model) Focus() int { return m.focus }

// SetFocus focuses card i (ignored when there is no such card).
func (m *Model) SetFocus(i int) {
	if i >= 0 && i < m.n() {
		m.setFocus(i)
	}
}

// ShownCards is the range [first, end) of the cards on screen, whole:
// what a panel across stories reads first. With a reaction open, or no
// room for a card (the focused one is shown as text), it is the focused
// card.
func (m Model) ShownCards() (first, end int) {
	if g := m.geometry(); !m.open && g.cards != nil {
		return g.shownCards(m.top)
	}
	return m.focus, min(m.focus+1, m.n())
}

// lineKind is what a line of a card's header shows.
type lineKind uint8

const (
	kindName lineKind = iota
	kindRole
	kindLocation
	kindStory
	kindDate
)

// style is the style of a header line of kind k.
func (k lineKind) style(st Styles) lipgloss.Style {
	switch k {
	case kindRole:
		return st.Role
	case kindLocation:
		return st.Location
	case kindStory:
		return st.Headline
	case kindDate:
		return st.Dateline
	}
	return st.Name
}

// quoteStyle is the style of the card's quote lines: dim for a
// placeholder.
func (c *cardLayout) quoteStyle(st Styles) lipgloss.Style {
	if c.waiting {
		return st.Message
	}
	return st.Quote
}

// headerLayout wraps c's header and quote to inner cells: name, role and
// location in a story's own panel; the story's headline (cut to
// storyLines lines), its date, role and location across stories.
func headerLayout(c *card, inner int) cardLayout {
	var l cardLayout
	add := func(k lineKind, lines []string) {
		l.header = append(l.header, lines...)
		for range lines {
			l.kinds = append(l.kinds, k)
		}
	}
	if c.story == "" {
		add(kindName, wrapLines(oneLine(c.r.Name), inner))
	} else {
		story := wrapLines(oneLine(c.story), inner)
		if len(story) > storyLines {
			story = slices.Clone(story[:storyLines])
			story[storyLines-1] = cut(story[storyLines-1]+"…", inner)
		}
		add(kindStory, story)
		add(kindDate, wrapLines(oneLine(c.date), inner))
	}
	add(kindRole, wrapLines(oneLine(c.r.Role), inner))
	add(kindLocation, wrapLines(oneLine(c.r.Location), inner))
	l.quote = wrapLines(c.quote, inner)
	l.waiting = c.waiting
	return l
}

// label names the card in the status line and the fallback view: the
// commentator in a story's own panel, the story across stories.
func (c *card) label() string {
	if c.story != "" {
		return oneLine(c.story)
	}
	return oneLine(c.r.Name)
}

// storyLine is the story the full-width view names ("" in a story's own
// panel): "Headline · Date".
func (c *card) storyLine() string {
	if c.story == "" {
		return ""
	}
	if d := oneLine(c.date); d != "" {
		return oneLine(c.story) + " · " + d
	}
	return oneLine(c.story)
}

// Article is the story whose reactions are shown (SetArticle), nil in a
// panel across stories or an empty one.
func (m Model) Article() *article.Article { return m.art }
