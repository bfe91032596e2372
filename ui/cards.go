package ui

import (
	"context"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/ui/reactions"
	"github.com/newsdesk/newsdesk/ui/render"
)

// cardsScreen is one commentator's reactions across stories: the
// reactions panel's cards (package reactions, SetItems), newest first,
// each headed by its story's headline and date, with the panel's keys; a
// opens the focused card's story at its reactions.
//
// The quotes are in the articles' files, which the snapshot does not
// hold: the screen reads them (Library.Open, in Cmds, one batch at a time
// through a fetch), the stories of the cards on screen first, then those
// a screen's worth after and before them, so that flipping through the
// cards finds them read. A card whose story is not read yet says so. A
// commentator quoted in thousands of stories shows the latest maxCards:
// the heading says so, and reading stops at the cards the user goes
// near, never the whole library.
type cardsScreen struct {
	c *common

	// snap is the snapshot the commentator is of (refs index it).
	snap *library.Snapshot
	who  *library.Commentator
	refs []library.Ref
	// items are the cards; state says which are read.
	items []reactions.Item
	state []cardState
	// reading is the batch of stories being read.
	reading fetch
	// kept is the bytes of quotes the cards hold (at most maxKept,
	// beyond the cards on screen).
	kept  int
	panel reactions.Model
}

// cardState is how far a card's story has been read.
type cardState uint8

const (
	cardUnread cardState = iota
	cardReading
	cardRead
)

// maxCards is the most reactions a commentator's cards show: the latest.
// Each card keeps its reaction's text (a quote cut to what the renderer
// takes), and the panel lays out every card when a batch of stories
// comes in.
const maxCards = 200

// maxKept bounds the quotes a commentator's cards keep, in bytes: a
// few hundred ordinary quotes are a hundred kilobytes, but a hand-made
// library can give each a quarter of a megabyte, and every SSH session
// may have the screen open. Past it, the cards furthest from the focus
// give their quotes back (and are read again if the user comes back).
const maxKept = 4 << 20

// readBatch is the most stories one Cmd reads: enough that a screen of
// cards fills at once, few enough that a superseded batch wastes little.
const readBatch = 8

// reading is what a card says while its story is read.
const reading = "Reading…"

// newCardsScreen returns who's reactions in snap, none read yet.
func newCardsScreen(c *common, snap *library.Snapshot, who *library.Commentator) *cardsScreen {
	s := &cardsScreen{c: c, snap: snap, who: who, panel: reactions.New(c.st.isDark)}
	s.panel.SetKeys(c.keys.Panel)
	s.panel.SetStyles(c.st.isDark, c.st.Panel, c.gstyle)
	s.refs = who.Reactions[:min(len(who.Reactions), maxCards)]
	s.items = make([]reactions.Item, len(s.refs))
	s.state = make([]cardState, len(s.refs))
	for i, r := range s.refs {
		sum := snap.At(int(r.Article))
		s.items[i] = reactions.Item{
			ArticleID: sum.ID,
			Index:     int(r.Reaction),
			Headline:  sum.Headline,
			Date:      sum.Date,
			Format:    sum.Format,
			Reaction:  article.Reaction{Name: sum.Names[r.Reaction], Role: sum.Roles[r.Reaction]},
			Wait:      reading,
		}
	}
	s.panel.SetItems(cardsHeading(who), s.items)
	return s
}

// cardsHeading is what sits above a commentator's cards: the name, the
// roles and how many reactions are shown.
func cardsHeading(who *library.Commentator) reactions.Heading {
	n := len(who.Reactions)
	rule := plural(n, "reaction") + ", newest first"
	if n > maxCards {
		rule = "the latest " + plural(maxCards, "reaction") + " of " + formatCount(n) + ", newest first"
	}
	return reactions.Heading{Title: who.Name, Subtitle: strings.Join(who.Roles, " · "), Rule: rule}
}

// formatCount is n with its thousands separated ("5,000").
func formatCount(n int) string {
	digits := strconv.Itoa(n)
	var b strings.Builder
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// Title implements titled.
func (s *cardsScreen) Title() string { return s.who.Name }

// SetSize implements Screen.
func (s *cardsScreen) SetSize(width, height int) { s.panel.SetSize(width, height) }

// SetStyles implements restyler.
func (s *cardsScreen) SetStyles(st *Styles) tea.Cmd {
	s.panel.SetStyles(st.isDark, st.Panel, s.c.gstyle)
	var cmd tea.Cmd
	s.panel, cmd = s.panel.Update(nil)
	return cmd
}

// cardsReadMsg is a batch of stories read for the fetch id.
type cardsReadMsg struct {
	id   uint64
	read []storyRead
}

// storyRead is one story read: its summary, its full text or the error.
type storyRead struct {
	sum *library.Summary
	art *article.Article
	err error
}

// readCmd reads the stories sums off the UI goroutine, one after the
// other; a cancelled ctx stops it.
func readCmd(ctx context.Context, lib *library.Library, id uint64, sums []*library.Summary) tea.Cmd {
	return func() tea.Msg {
		out := make([]storyRead, 0, len(sums))
		for _, sum := range sums {
			if ctx.Err() != nil {
				return nil
			}
			a, err := lib.Open(ctx, sum)
			out = append(out, storyRead{sum: sum, art: a, err: err})
		}
		return cardsReadMsg{id: id, read: out}
	}
}

// near is the cards whose stories are read: those on screen and a
// screen's worth either side (at least one).
func (s *cardsScreen) near() (lo, hi int) {
	first, end := s.panel.ShownCards()
	span := max(end-first, 1)
	return max(first-span, 0), min(end+span, len(s.items))
}

// readMore starts reading the next batch of stories, unless one is being
// read: those of the cards on screen, then of a screen's worth of cards
// after them, then before them; none when those are all read.
func (s *cardsScreen) readMore() tea.Cmd {
	if s.reading.pending() {
		return nil
	}
	first, end := s.panel.ShownCards()
	lo, hi := s.near()
	var sums []*library.Summary
	want := func(lo, hi int) {
		for i := max(lo, 0); i < min(hi, len(s.items)) && len(sums) < readBatch; i++ {
			if s.state[i] != cardUnread {
				continue
			}
			sum := s.snap.At(int(s.refs[i].Article))
			sums = append(sums, sum)
			// Every card of that story is read with it.
			for j := range s.refs {
				if s.refs[j].Article == s.refs[i].Article {
					s.state[j] = cardReading
				}
			}
		}
	}
	want(first, end)
	want(end, hi)
	want(lo, first)
	if len(sums) == 0 {
		return nil
	}
	id, ctx := s.reading.start(s.c)
	return readCmd(ctx, s.c.lib, id, sums)
}

// gotStories fills in the cards of the stories read.
func (s *cardsScreen) gotStories(msg cardsReadMsg) {
	if !s.reading.current(msg.id) {
		return
	}
	for _, r := range msg.read {
		for i, ref := range s.refs {
			if s.snap.At(int(ref.Article)) != r.sum {
				continue
			}
			s.state[i] = cardRead
			s.items[i] = s.filled(s.items[i], r)
			s.kept += len(s.items[i].Reaction.Quote)
		}
	}
	// Cards marked for a batch that never came back are read again.
	for i, st := range s.state {
		if st == cardReading {
			s.state[i] = cardUnread
		}
	}
	s.forget()
	s.panel.UpdateItems(s.items)
}

// forget gives back the quotes of the read cards furthest from the focus
// while the cards keep more than maxKept bytes, never those near the
// screen (which would be read again at once).
func (s *cardsScreen) forget() {
	lo, hi := s.near()
	focus := s.panel.Focus()
	for s.kept > maxKept {
		far, dist := -1, 0
		for i, st := range s.state {
			if st != cardRead || i >= lo && i < hi || s.items[i].Reaction.Quote == "" {
				continue
			}
			if d := max(i-focus, focus-i); d > dist {
				far, dist = i, d
			}
		}
		if far < 0 {
			return
		}
		s.kept -= len(s.items[far].Reaction.Quote)
		s.items[far].Reaction.Quote, s.items[far].Reaction.Location = "", ""
		s.items[far].Wait = reading
		s.state[far] = cardUnread
	}
}

// filled is card it with its story read: the reaction as the file gives
// it now, or why it is not there.
func (s *cardsScreen) filled(it reactions.Item, r storyRead) reactions.Item {
	if r.err != nil {
		it.Wait = s.c.readError(r.sum.Path, r.err)
		return it
	}
	if it.Index >= len(r.art.Reactions) || library.NormalizeName(r.art.Reactions[it.Index].Name) != s.who.Key {
		// The file has changed since the snapshot was made.
		it.Wait = "This reaction is no longer in the story."
		return it
	}
	re := r.art.Reactions[it.Index]
	// The card keeps its own copy of what it shows, never the file's
	// whole text; the full-width view renders at most this much.
	if len(re.Quote) > render.MaxBytes {
		re.Quote = re.Quote[:render.MaxBytes+1]
	}
	re.Name, re.Role, re.Location, re.Quote = strings.Clone(re.Name), strings.Clone(re.Role), strings.Clone(re.Location), strings.Clone(re.Quote)
	it.Reaction, it.Wait, it.Format = re, "", r.art.Format
	return it
}

// Update implements Screen.
func (s *cardsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case cardsReadMsg:
		s.gotStories(msg)
		return s.readMore()
	case reactions.BackMsg:
		if s.c.root.top() == Screen(s) {
			s.reading.stop()
			return s.c.pop()
		}
		return nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.c.keys.Story):
			return s.openStory()
		case key.Matches(msg, s.c.keys.Panel.Copy):
			return s.copyQuote()
		}
	}
	var cmd tea.Cmd
	s.panel, cmd = s.panel.Update(msg)
	return tea.Batch(cmd, s.readMore())
}

// openStory opens the focused card's story at its reactions, that
// reaction focused.
func (s *cardsScreen) openStory() tea.Cmd {
	i := s.panel.Focus()
	if i >= len(s.refs) || !s.c.roomFor() {
		return nil
	}
	ref := s.refs[i]
	p := newPanelScreen(s.c)
	p.focusOn = int(ref.Reaction)
	s.c.push(p)
	return p.load(s.snap.At(int(ref.Article)))
}

// copyQuote copies the focused quote with its attribution and story.
func (s *cardsScreen) copyQuote() tea.Cmd {
	i := s.panel.Focus()
	r, quote, ok := s.panel.Focused()
	if i >= len(s.items) {
		return nil
	}
	it := s.items[i]
	if !ok {
		s.c.say("Nothing to copy: " + it.Wait)
		return nil
	}
	return s.c.copyText(attributed(quote, r, it.Headline, it.Date), "the quote by "+display(r.Name))
}

// View implements Screen.
func (s *cardsScreen) View() string { return s.panel.View() }

// Status implements Screen.
func (s *cardsScreen) Status() string { return s.c.st.Status.Render(s.panel.Status()) }

// ShortHelp implements help.KeyMap.
func (s *cardsScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	// The story key first: it is what this screen adds to the panel's.
	return append(append([]key.Binding{k.Story}, s.panel.ShortHelp()...), k.Help, k.Quit)
}

// FullHelp implements help.KeyMap.
func (s *cardsScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return append(s.panel.FullHelp(), []key.Binding{k.Story}, []key.Binding{k.Help, k.Quit, k.ForceQuit})
}

// maxScreens bounds the stack: a commentator's card opens a story, whose
// card opens a commentator, and so on, each a screen on the stack.
const maxScreens = 16

// roomFor reports whether another screen may be pushed, and says why not
// when it may not.
func (c *common) roomFor() bool {
	if len(c.root.stack) < maxScreens {
		return true
	}
	c.say("Too many screens open: esc goes back.")
	return false
}

// openCards shows p's reactions across stories (p is of snap).
func (c *common) openCards(snap *library.Snapshot, p *library.Commentator) tea.Cmd {
	if !c.roomFor() {
		return nil
	}
	s := newCardsScreen(c, snap, p)
	c.push(s)
	return s.readMore()
}

// commentatorFinder opens the commentator of a name (c on a reaction in
// the panel), gathering the snapshot's commentator index first when it
// has none yet.
type commentatorFinder struct {
	gathering fetch
	name      string
}

// find opens name's reactions across stories, at once or once the index
// is built.
func (f *commentatorFinder) find(c *common, name string) tea.Cmd {
	if strings.TrimSpace(name) == "" {
		c.say("This reaction has no name.")
		return nil
	}
	if idx, ok := c.snap.CommentatorsReady(); ok {
		return f.show(c, c.snap, idx, name)
	}
	f.name = name
	c.say("Gathering commentators…")
	id, ctx := f.gathering.start(c)
	return gatherCmd(ctx, id, c.snap)
}

// gathered opens the commentator asked for once the index is built.
func (f *commentatorFinder) gathered(c *common, msg gatheredMsg) tea.Cmd {
	if !f.gathering.current(msg.id) {
		return nil
	}
	return f.show(c, msg.snap, msg.idx, f.name)
}

// show opens name's reactions in idx, the index of snap.
func (f *commentatorFinder) show(c *common, snap *library.Snapshot, idx *library.Commentators, name string) tea.Cmd {
	p, ok := idx.Lookup(name)
	if !ok {
		c.say(display(oneLine(name)) + " is not among the library's commentators yet.")
		return nil
	}
	return c.openCards(snap, p)
}
