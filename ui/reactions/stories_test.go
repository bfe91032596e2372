package reactions

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsdesk/newsdesk/article"
)

// petrovaItems is one commentator's reactions in n stories, newest first;
// the stories from read on are not read yet.
func petrovaItems(n, read int) []Item {
	seed := seedArticle().Reactions[0]
	items := make([]Item, n)
	for i := range items {
		r := article.Reaction{Name: seed.Name, Role: seed.Role}
		if i%3 == 1 {
			r.Role = "Visiting Professor, Moscow State University"
		}
		it := Item{
			ArticleID: article.ID(fmt.Sprintf("story-%02d", i)),
			Index:     i % 2,
			Headline:  fmt.Sprintf("Story %d: Talks on Security Resume in Moscow After a Long Pause", n-i),
			Date:      fmt.Sprintf("2026-03-%02d", 28-i),
			Format:    article.FormatWire,
			Reaction:  r,
			Wait:      "Reading…",
		}
		if i < read {
			it.Reaction.Location = "Moscow"
			it.Reaction.Quote = fmt.Sprintf("Quote %d. ", n-i) + seed.Quote
			it.Wait = ""
		}
		items[i] = it
	}
	return items
}

var petrovaHeading = Heading{Title: "Dr. Anya Petrova", Subtitle: "Senior Fellow at the Eurasian Strategy Institute · Visiting Professor", Rule: "12 reactions, newest first"}

// storiesPanel is a dark panel across stories at w×h.
func storiesPanel(items []Item, w, h int) Model {
	m := New(true)
	m.SetDark(true, "dark")
	m.SetItems(petrovaHeading, items)
	m.SetSize(w, h)
	return m
}

func TestStories_CardsAreHeadedByTheirStory(t *testing.T) {
	m := storiesPanel(petrovaItems(12, 12), 120, 40)
	v := view(m)
	for _, want := range []string{"Dr. Anya Petrova", "Senior Fellow at the Eurasian", "12 reactions, newest first", "Story 12: Talks on", "2026-03-28", "Quote 12.", "Story 11:", "2026-03-27"} {
		if !strings.Contains(v, want) {
			t.Errorf("%q is not shown:\n%s", want, v)
		}
	}
	if strings.Index(v, "Story 12:") > strings.Index(v, "Story 11:") {
		t.Error("the cards are not in the order given (newest first)")
	}
	// The name is said once, above the cards, not on each card.
	if n := strings.Count(v, "Anya Petrova"); n != 1 {
		t.Errorf("the name is shown %d times", n)
	}
	if s := m.Status(); !strings.HasPrefix(s, "Reaction 1 of 12 · Story 12: Talks") {
		t.Errorf("status %q does not name the focused card's story", s)
	}
	checkFits(t, m, 120, 40)
}

func TestStories_LongHeadlinesTakeTwoLinesAtMost(t *testing.T) {
	items := petrovaItems(2, 2)
	items[0].Headline = strings.Repeat("A very long headline about nothing in particular ", 6)
	m := storiesPanel(items, 60, 30)
	v := view(m)
	if strings.Count(v, "headline about") > 2 {
		t.Errorf("the headline takes more than two lines:\n%s", v)
	}
	if !strings.Contains(v, "…") {
		t.Errorf("the cut headline is not marked:\n%s", v)
	}
}

func TestStories_KeysMoveAndOpenAsInAStorysPanel(t *testing.T) {
	m := storiesPanel(petrovaItems(12, 12), 120, 40)
	m, _ = send(m, char('l'), char('l'))
	if m.Focus() != 2 {
		t.Fatalf("l l focused card %d, want 2", m.Focus())
	}
	m, _ = send(m, char('0'))
	if m.Focus() != 11 {
		t.Fatalf("0 focused card %d, want the last", m.Focus())
	}
	m, _ = send(m, char('4'))
	if m.Focus() != 3 {
		t.Fatalf("4 focused card %d", m.Focus())
	}
	m, _ = send(m, keyEnter)
	v := view(m)
	// Card 4 is the reaction with index 1 of story-03.
	if m.have.articleID != "story-03" || m.have.index != 1 {
		t.Errorf("opened %+v, want story-03's reaction 1", m.have)
	}
	for _, want := range []string{"Anya Petrova", "Story 9: Talks on Security", "2026-03-25", "Quote 9."} {
		if !strings.Contains(v, want) {
			t.Errorf("the open reaction does not show %q:\n%s", want, v)
		}
	}
	m, _ = send(m, keyEsc)
	if m.open {
		t.Error("esc did not close the open reaction")
	}
	_, out := send(m, keyEsc)
	if len(out) != 1 || out[0] != (BackMsg{}) {
		t.Errorf("esc with nothing open sent %v, want BackMsg", out)
	}
}

func TestStories_UnreadStoriesWaitAndUpdatesKeepThePlace(t *testing.T) {
	items := petrovaItems(12, 0)
	m := storiesPanel(items, 120, 40)
	if v := view(m); !strings.Contains(v, "Reading…") || strings.Contains(v, "Quote") {
		t.Fatalf("an unread story's card does not wait:\n%s", v)
	}
	// Opening a card that waits shows why, and renders nothing.
	m, _ = send(m, char('2'), keyEnter)
	if !strings.Contains(view(m), "Reading…") || m.pending != (renderKey{}) {
		t.Fatalf("an open card that waits: pending %+v\n%s", m.pending, view(m))
	}
	m, _ = send(m, keyEsc, char('j'))
	first, end := m.ShownCards()
	if first != 0 || end < 2 {
		t.Fatalf("shown cards %d–%d", first, end)
	}
	// The stories are read: the cards fill in, the focus stays.
	m.UpdateItems(petrovaItems(12, 12))
	if m.Focus() != 1 {
		t.Errorf("the focus moved to %d", m.Focus())
	}
	if v := view(m); strings.Contains(v, "Reading…") || !strings.Contains(v, "Quote 11.") {
		t.Errorf("the cards did not fill in:\n%s", v)
	}
	m, _ = send(m, keyEnter)
	if !strings.Contains(view(m), "Quote 11.") {
		t.Errorf("the read card does not open:\n%s", view(m))
	}
}

func TestStories_ShownCardsFollowTheFocus(t *testing.T) {
	m := storiesPanel(petrovaItems(40, 40), 80, 24)
	a, b := m.ShownCards()
	if a != 0 || b <= a {
		t.Fatalf("first shown %d–%d", a, b)
	}
	m, _ = send(m, char('0'))
	a, b = m.ShownCards()
	if b != 40 || a >= 40 {
		t.Errorf("at the last card, shown %d–%d", a, b)
	}
}

func TestStories_AnySizeFits(t *testing.T) {
	for _, w := range []int{0, 1, 10, 29, 40, 80, 200} {
		for _, h := range []int{0, 1, 3, 6, 12, 24, 50} {
			m := storiesPanel(petrovaItems(7, 4), w, h)
			m, _ = send(m, char('l'), char('j'))
			checkFits(t, m, w, h)
		}
	}
}

func TestStories_Golden(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, c := range []struct {
			name string
			keys []tea.Msg
		}{
			{"some_read", nil},
			{"third_open", []tea.Msg{char('3'), keyEnter}},
		} {
			t.Run(fmt.Sprintf("%dx%d/%s", sz[0], sz[1], c.name), func(t *testing.T) {
				m, _ := send(storiesPanel(petrovaItems(12, 4), sz[0], sz[1]), c.keys...)
				checkFits(t, m, sz[0], sz[1])
				golden.RequireEqual(t, []byte(view(m)+"\n-- status: "+m.Status()+"\n"))
			})
		}
	}
}

// With no room for a card the focused one is shown as text: it is the
// card on screen.
func TestStories_ShownCardsWithoutRoomIsTheFocusedOne(t *testing.T) {
	m := storiesPanel(petrovaItems(5, 5), 40, 2)
	m, _ = send(m, char('3'))
	if a, b := m.ShownCards(); a != 2 || b != 3 {
		t.Errorf("shown %d–%d, want the focused card 2–3:\n%s", a, b, view(m))
	}
}
