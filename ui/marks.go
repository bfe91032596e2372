package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/state"
)

// marks is what the reader remembers for its user: read and bookmarked
// articles, the reactions seen, where the user was. The State is loaded
// once, in a Cmd, and then changed in memory at once (the screen never
// waits for the disk) while each change goes to the Store in order, one
// write at a time, from a Cmd. A write that fails is said once on the
// status line and tried again until it succeeds; nothing is dropped.
type marks struct {
	store state.Store
	user  string
	// st mirrors the store; empty until loaded (loaded says when).
	st     *state.State
	loaded bool
	// gen changes with every mark: drawn rows depend on it.
	gen uint64

	// queue is the writes not yet committed, oldest first; busy is set
	// while its first is being written, waiting while it waits to be
	// tried again, and failed from a failure to the next success (so a
	// failure is said once, not on every try).
	queue   []write
	busy    bool
	waiting bool
	failed  bool
}

// write is one change to the store.
type write func(ctx context.Context, s state.Store, user string) error

// retryAfter is how long a failed write waits before it is tried again.
const retryAfter = 2 * time.Second

// writeTimeout bounds one write: a store that hangs (a disk gone away)
// must not hold the queue for ever; the write is then tried again.
const writeTimeout = 5 * time.Second

type (
	// stateMsg is the user's state as loaded, or why it could not be.
	stateMsg struct {
		st  *state.State
		err error
	}
	// wroteMsg is the end of the first write of the queue.
	wroteMsg struct{ err error }
	// retryMsg is the time to try a failed write again.
	retryMsg struct{}
)

// newMarks returns the marks of user in store, empty until load's
// message arrives.
func newMarks(store state.Store, user string) *marks {
	return &marks{store: store, user: user, st: &state.State{Marks: map[article.ID]state.Mark{}}}
}

// load is the Cmd that reads the user's state.
func (k *marks) load(ctx context.Context) tea.Cmd {
	store, user := k.store, k.user
	return func() tea.Msg {
		st, err := store.Load(ctx, user)
		return stateMsg{st: st, err: err}
	}
}

// loadedState takes the loaded state. Marks made before it arrived (the
// user was quick) are kept on top of it: they are in the queue too.
func (k *marks) loadedState(st *state.State) {
	if st == nil {
		return
	}
	if st.Marks == nil {
		st.Marks = map[article.ID]state.Mark{}
	}
	for id, m := range k.st.Marks {
		st.Marks[id] = m
	}
	k.st, k.loaded = st, true
	k.gen++
}

// push queues w and starts writing unless a write is in progress.
func (k *marks) push(ctx context.Context, w write) tea.Cmd {
	k.queue = append(k.queue, w)
	k.gen++
	return k.next(ctx)
}

// next starts the first write of the queue, if it may.
func (k *marks) next(ctx context.Context) tea.Cmd {
	if k.busy || k.waiting || len(k.queue) == 0 {
		return nil
	}
	k.busy = true
	w, store, user := k.queue[0], k.store, k.user
	return func() tea.Msg {
		wctx, cancel := context.WithTimeout(ctx, writeTimeout)
		defer cancel()
		return wroteMsg{err: w(wctx, store, user)}
	}
}

// wrote takes the end of a write: the next one starts, or a failure is
// reported (true the first time in a row) and the write tried again after
// retryAfter (later is the timer).
func (k *marks) wrote(ctx context.Context, msg wroteMsg, later func(time.Duration, tea.Msg) tea.Cmd) (cmd tea.Cmd, report bool) {
	k.busy = false
	if msg.err != nil {
		report = !k.failed
		k.failed, k.waiting = true, true
		return later(retryAfter, retryMsg{}), report
	}
	k.failed = false
	k.queue = k.queue[1:]
	return k.next(ctx), false
}

// retry tries the failed write again.
func (k *marks) retry(ctx context.Context) tea.Cmd {
	k.waiting = false
	return k.next(ctx)
}

// flush writes what is queued before the program ends, within a time
// bound (a quit must not hang on a broken disk).
func (k *marks) flush() tea.Cmd {
	if len(k.queue) == 0 {
		return nil
	}
	queue, store, user := k.queue, k.store, k.user
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
		defer cancel()
		for _, w := range queue {
			if w(ctx, store, user) != nil {
				break
			}
		}
		return nil
	}
}

// read reports whether id is marked read; bookmarked whether it has a
// bookmark.
func (k *marks) read(id article.ID) bool       { return k.st.Marks[id].Read }
func (k *marks) bookmarked(id article.ID) bool { return k.st.Marks[id].Bookmarked }

// reactionKeys are s's reactions as the store knows them.
func reactionKeys(s *library.Summary) []state.ReactionKey {
	keys := make([]state.ReactionKey, len(s.Names))
	for i, n := range s.Names {
		keys[i] = state.ReactionKey{Name: n, Quote: s.Quotes[i]}
	}
	return keys
}

// seenBefore reports whether the user has opened the article before (or
// marked it read): only then are reactions "new" to them.
func (k *marks) seenBefore(id article.ID) (state.Mark, bool) {
	m, ok := k.st.Marks[id]
	return m, ok && (m.Read || m.Seen.Len() > 0)
}

// newReactions is how many of s's reactions came since the user last
// opened it: none for an article never opened (all of it is new).
func (k *marks) newReactions(s *library.Summary) int {
	m, ok := k.seenBefore(s.ID)
	if !ok || s.Reactions == 0 {
		return 0
	}
	return m.Seen.CountNew(reactionKeys(s))
}

// newFlags says which of s's reactions are new to the user (all false for
// an article never opened).
func (k *marks) newFlags(s *library.Summary) []bool {
	flags := make([]bool, s.Reactions)
	m, ok := k.seenBefore(s.ID)
	if !ok {
		return flags
	}
	for i, key := range reactionKeys(s) {
		flags[i] = !m.Seen.Has(key)
	}
	return flags
}

// freshAfterEdit says which reactions of now, the article was edited
// into while open, are new to the user: those was (the version they
// opened) did not have, by commentator and quote, and those that were new
// in it already (wasFresh). It does not ask the marks: opening was made
// its reactions seen, and another screen of the same article may have
// recorded now's as seen first.
func freshAfterEdit(was *library.Summary, wasFresh []bool, now *library.Summary) []bool {
	old := make(map[state.ReactionKey]bool, len(was.Names))
	for i, k := range reactionKeys(was) {
		old[k] = old[k] || (i < len(wasFresh) && wasFresh[i])
	}
	flags := make([]bool, now.Reactions)
	for i, k := range reactionKeys(now) {
		isNew, had := old[k]
		flags[i] = !had || isNew
	}
	return flags
}

// setRead marks the articles read (or unread).
func (k *marks) setRead(ctx context.Context, on bool, ids ...article.ID) tea.Cmd {
	changed := ids[:0:0]
	for _, id := range ids {
		m := k.st.Marks[id]
		if m.Read == on {
			continue
		}
		m.Read = on
		k.st.Marks[id] = m
		changed = append(changed, id)
	}
	if len(changed) == 0 {
		return nil
	}
	return k.push(ctx, func(ctx context.Context, s state.Store, user string) error {
		if on {
			return s.MarkRead(ctx, user, changed...)
		}
		return s.MarkUnread(ctx, user, changed...)
	})
}

// toggleBookmark adds or removes id's bookmark and says which.
func (k *marks) toggleBookmark(ctx context.Context, id article.ID) (tea.Cmd, bool) {
	m := k.st.Marks[id]
	m.Bookmarked = !m.Bookmarked
	k.st.Marks[id] = m
	on := m.Bookmarked
	return k.push(ctx, func(ctx context.Context, s state.Store, user string) error {
		return s.SetBookmark(ctx, user, id, on)
	}), on
}

// opened records that the user opened s: read, every reaction seen.
func (k *marks) opened(ctx context.Context, s *library.Summary) tea.Cmd {
	cmd := k.setRead(ctx, true, s.ID)
	keys := reactionKeys(s)
	m := k.st.Marks[s.ID]
	if len(keys) == 0 || m.Seen.CountNew(keys) == 0 && m.Seen.Len() == len(keys) {
		return cmd
	}
	m.Seen = state.NewSeen(keys...)
	k.st.Marks[s.ID] = m
	id := s.ID
	return tea.Batch(cmd, k.push(ctx, func(ctx context.Context, st state.Store, user string) error {
		return st.SetSeen(ctx, user, id, keys)
	}))
}

// position records where the user is.
func (k *marks) position(ctx context.Context, p state.Position) tea.Cmd {
	if p == k.st.Position {
		return nil
	}
	k.st.Position = p
	return k.push(ctx, func(ctx context.Context, s state.Store, user string) error {
		return s.SetPosition(ctx, user, p)
	})
}

// listView records the list's sort and view.
func (k *marks) listView(ctx context.Context, v state.ListView) tea.Cmd {
	if v == k.st.ListView {
		return nil
	}
	k.st.ListView = v
	return k.push(ctx, func(ctx context.Context, s state.Store, user string) error {
		return s.SetListView(ctx, user, v)
	})
}
