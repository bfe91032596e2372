package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// maxArrivals bounds the articles one reader marks new: a feeder that
// drops 100,000 files into a watched library must not grow every SSH
// session by a map of 100,000 IDs. Past it, articles still appear (at
// their place in the order) but are counted, not marked.
const maxArrivals = 2000

// arrivals is the articles that came into the library while the reader
// ran (after the first load ended: what streams in at start is the
// library, not news) and that the user has not looked at yet. The list
// marks their rows "new" and its status bar counts them ("3 new"); an
// article stops being new when the cursor is on it, which opening it
// needs too.
type arrivals struct {
	ids map[article.ID]struct{}
	// more is how many arrived past maxArrivals, unmarked; the count
	// says "at least" while there are any ("2000+ new").
	more int
	// gen changes with the set: rows drawn for another gen are redrawn.
	gen uint64
}

// update takes what changed from prev to next: the articles added are
// new, the ones removed are no longer. Nothing is new while prev was
// still the first load, or when next cannot say what changed since prev
// (more than library's history of snapshots went by: nothing is marked
// then, as at start).
func (a *arrivals) update(prev, next *library.Snapshot) {
	if prev == nil || next == nil || prev == next || prev.Loading() {
		return
	}
	c, ok := next.ChangesSince(prev.Gen())
	if !ok || c.Empty() {
		return
	}
	before := a.count()
	for _, id := range c.Removed {
		delete(a.ids, id)
	}
	for _, id := range c.Added {
		if a.ids == nil {
			a.ids = make(map[article.ID]struct{})
		}
		if len(a.ids) < maxArrivals {
			a.ids[id] = struct{}{}
		} else {
			a.more++
		}
	}
	if a.count() != before {
		a.gen++
	}
}

// seen says the user has looked at id: it is not new any more.
func (a *arrivals) seen(id article.ID) {
	if _, ok := a.ids[id]; !ok {
		return
	}
	delete(a.ids, id)
	if len(a.ids) == 0 {
		// Every article marked has been looked at: those past the bound
		// were never marked, and cannot be found to look at.
		a.more = 0
	}
	a.gen++
}

// has reports whether id is new.
func (a *arrivals) has(id article.ID) bool {
	_, ok := a.ids[id]
	return ok
}

// count is how many articles are new (marked, and past the bound).
func (a *arrivals) count() int { return len(a.ids) + a.more }

// text is the status bar's part: "3 new", "2000+ new", or "" for none.
func (a *arrivals) text() string {
	switch {
	case a.count() == 0:
		return ""
	case a.more > 0:
		return strconv.Itoa(len(a.ids)) + "+ new"
	}
	return strconv.Itoa(len(a.ids)) + " new"
}

// editOf is what became in s of sum, the article a screen shows: now is
// its summary in s when its file changed (a new Version); gone says s no
// longer has it; neither when it is as it was.
func editOf(s *library.Snapshot, sum *library.Summary) (now *library.Summary, gone bool) {
	i, ok := s.FindSummary(sum)
	if !ok {
		return nil, true
	}
	if ns := s.At(i); ns.Version != sum.Version {
		return ns, false
	}
	return nil, false
}

// rescan is the Cmd of R: the library's files looked at again, in the
// background, and what that did said on the status line. The bundled
// library never changes, so there is nothing to rescan.
func (l *listScreen) rescan() tea.Cmd {
	lib := l.c.lib
	if len(lib.Paths()) == 0 {
		l.c.say("The bundled articles never change: there is nothing to rescan.")
		return nil
	}
	l.c.say("Rescanning the library…")
	ctx, now := l.c.ctx, l.c.now
	return func() tea.Msg {
		res, err := lib.Rescan(ctx)
		if ctx.Err() != nil {
			return nil // the session ended
		}
		return noticeMsg{rescanNotice(res, err, now())}
	}
}

// rescanNotice is what the status line says of a rescan asked for at now:
// what it found, or why none started and when one can (the SSH server
// lets its readers rescan once every 30 s, all of them together).
func rescanNotice(res library.Rescanned, err error, now time.Time) string {
	switch {
	case err != nil && !errors.Is(err, context.Canceled):
		return "The rescan stopped: " + err.Error()
	case res.Running:
		return "A rescan is under way already; what it finds will show when it ends."
	case !res.Started:
		ago := now.Sub(res.Last).Truncate(time.Second)
		wait := res.Next.Sub(now)
		// Rounded up: "in 0 s" would be refused again.
		wait = (wait + time.Second - 1).Truncate(time.Second)
		return "The library was rescanned " + seconds(ago) + " ago; the next rescan can start in " + seconds(max(wait, time.Second)) + "."
	}
	var found []string
	if res.Added > 0 {
		found = append(found, strconv.Itoa(res.Added)+" new")
	}
	if res.Changed > 0 {
		found = append(found, strconv.Itoa(res.Changed)+" changed")
	}
	if res.Removed > 0 {
		found = append(found, strconv.Itoa(res.Removed)+" removed")
	}
	what := "nothing changed"
	if len(found) > 0 {
		what = strings.Join(found, ", ")
	}
	return "Rescanned " + plural(res.Files, "file") + ": " + what + "."
}

// seconds is d as "18 s".
func seconds(d time.Duration) string {
	return strconv.Itoa(int(d/time.Second)) + " s"
}
