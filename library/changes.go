package library

import (
	"slices"

	"github.com/newsdesk/newsdesk/article"
)

// maxHist is how many snapshots back a snapshot can say what changed
// (ChangesSince): a reader that skipped more than that many since the one
// it holds starts afresh, as it does at start.
const maxHist = 64

// Changes is what changed between two snapshots of a library, by article
// ID: what a reader needs to mark "3 new", "updated" and "removed"
// without comparing the snapshots itself. Each ID is in at most one list.
type Changes struct {
	// From and To are the numbers (Gen) of the snapshots compared.
	From, To uint64
	// Added are articles of To that From did not have: new files, or
	// new articles of a file.
	Added []article.ID
	// Changed are articles of both whose file's bytes changed (a new
	// Version), edits and re-indexes alike.
	Changed []article.ID
	// Removed are articles of From that To no longer has: their file
	// was removed, renamed or no longer holds them. A reader holding
	// the Summary of one can still Open it while the shared cache holds
	// its text (see Library.Open).
	Removed []article.ID
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool { return len(c.Added)+len(c.Changed)+len(c.Removed) == 0 }

// delta is what one published snapshot changed from the one before it.
// Snapshots keep the deltas of the last maxHist snapshots (shared, never
// modified), so that a reader that skipped some can still be told.
type delta struct {
	gen                     uint64
	added, changed, removed []article.ID
}

// compare records what became of a file's articles: was is what the
// previous snapshot held, now what the file gives now.
func (d *delta) compare(was, now []*Summary) {
	if len(was) == 0 {
		for _, s := range now {
			d.added = append(d.added, s.ID)
		}
		return
	}
	if len(now) == 0 {
		for _, s := range was {
			d.removed = append(d.removed, s.ID)
		}
		return
	}
	// A file holds few articles (one, or a JSON array): a map only for
	// large arrays.
	find := func(list []*Summary, id article.ID) *Summary {
		for _, s := range list {
			if s.ID == id {
				return s
			}
		}
		return nil
	}
	if len(was)*len(now) > 256 {
		byID := make(map[article.ID]*Summary, len(was))
		for _, s := range was {
			byID[s.ID] = s
		}
		find = func(_ []*Summary, id article.ID) *Summary { return byID[id] }
	}
	seen := 0
	for _, s := range now {
		switch p := find(was, s.ID); {
		case p == nil:
			d.added = append(d.added, s.ID)
		case p.Version != s.Version:
			d.changed = append(d.changed, s.ID)
			seen++
		default:
			seen++
		}
	}
	if seen == len(was) {
		return
	}
	nowIDs := make(map[article.ID]bool, len(now))
	for _, s := range now {
		nowIDs[s.ID] = true
	}
	for _, s := range was {
		if !nowIDs[s.ID] {
			d.removed = append(d.removed, s.ID)
		}
	}
}

// Changes is what changed since the snapshot before s (numbered
// s.Gen()-1). The lists are shared and must not be modified.
func (s *Snapshot) Changes() Changes {
	c, _ := s.ChangesSince(s.gen - 1)
	return c
}

// ChangesSince is what changed from the snapshot numbered gen to s; it
// costs in proportion to the changes, never to the library. ok is false
// when s cannot tell: gen is more than 64 snapshots older than s (or
// newer than s). The reader should then take s as it takes a first
// snapshot, with nothing marked.
func (s *Snapshot) ChangesSince(gen uint64) (Changes, bool) {
	c := Changes{From: gen, To: s.gen}
	if gen >= s.gen {
		return c, gen == s.gen
	}
	first := len(s.hist) - int(s.gen-gen)
	if first < 0 || s.hist[first].gen != gen+1 {
		return c, false
	}
	ds := s.hist[first:]
	if len(ds) == 1 {
		d := ds[0]
		c.Added, c.Changed, c.Removed = d.added, d.changed, d.removed
		return c, true
	}
	// Each ID's fate over the snapshots in between: whether From had it,
	// whether To has it, and whether its bytes changed meanwhile.
	type fate struct{ before, after, changed bool }
	fates := map[article.ID]*fate{}
	var order []article.ID
	get := func(id article.ID, before bool) *fate {
		f := fates[id]
		if f == nil {
			f = &fate{before: before, after: before}
			fates[id] = f
			order = append(order, id)
		}
		return f
	}
	for _, d := range ds {
		for _, id := range d.removed {
			get(id, true).after = false
		}
		for _, id := range d.added {
			f := get(id, false)
			if f.before {
				f.changed = true // removed, then back: the reader may hold the old one
			}
			f.after = true
		}
		for _, id := range d.changed {
			get(id, true).changed = true
		}
	}
	for _, id := range order {
		switch f := fates[id]; {
		case !f.before && f.after:
			c.Added = append(c.Added, id)
		case f.before && !f.after:
			c.Removed = append(c.Removed, id)
		case f.before && f.changed:
			c.Changed = append(c.Changed, id)
		}
	}
	c.Added, c.Changed, c.Removed = slices.Clip(c.Added), slices.Clip(c.Changed), slices.Clip(c.Removed)
	return c, true
}
