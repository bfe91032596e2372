package library

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// fileRec is what the library knows of one path it has indexed (a file,
// or a path of the walk that failed): enough to tell from a stat whether
// it changed, and its place in the load order. The records are the
// library's, guarded by editMu; snapshots never see them.
//
// They are map values, not pointers: 100,000 of them are 100,000
// allocations fewer for a load and the collector.
type fileRec struct {
	id      article.ID
	size    int64
	mtime   int64
	version article.Version
	// probs are its problems (warnings of its articles first), shared
	// with the snapshot.
	probs []article.Problem
	// edit is the number of the edit that last set the record; seen the
	// number of the last scan that found the path.
	edit, seen uint64
	// file is the path's place in the load order: its articles' seq is
	// file*fileSeq plus their place in the file.
	file int
	// arts is how many articles it holds.
	arts int32
	// named says the user named the path (its absence is an error).
	named bool
}

// fileData is what one path gives now: read and summarised (or taken from
// the index), or gone. It is what apply takes.
type fileData struct {
	// path is the path as shown, the key of the library's records; name
	// is what it is opened as (the path inside the FS of the seeds).
	path, name string
	id         article.ID
	named      bool
	// gone says the path is no longer in the library (a file of a
	// directory removed); a named path that is gone is an error instead,
	// which probs then holds.
	gone    bool
	size    int64
	mtime   int64
	version article.Version
	arts    []*Summary
	probs   []article.Problem
	// file is the place in the load order to give a path new to the
	// library, unique in the library; -1 takes the next free one.
	file int
	// parsed says the file was read and parsed (not found in the index).
	parsed bool
}

// same reports whether d gives what the record already holds: the same
// identity, bytes and problems (the size or time alone may differ: a
// touch, or a copy of the same bytes).
func (r *fileRec) same(d *fileData) bool {
	return r.id == d.id && r.version == d.version && int(r.arts) == len(d.arts) && slices.Equal(r.probs, d.probs)
}

// dataOf makes the fileData of one file's result: its summaries (each
// with memory of its own, never the file's text) and its problems, the
// articles' warnings first as the snapshot lists them.
func dataOf(r article.Result, name string, named bool, now time.Time) *fileData {
	d := &fileData{path: r.Path, name: name, id: r.ID, named: named, size: r.Size, mtime: r.ModTime.UnixNano(), file: -1, parsed: true}
	if r.ModTime.IsZero() {
		d.mtime = 0
	}
	if name == r.Path {
		d.name = d.path
	}
	for k := range r.Articles {
		a := &r.Articles[k]
		d.version = a.Version
		// The path and identity strings of the walk, each one
		// allocation of its own, are shared with the record rather than
		// copied again for each summary.
		s := summarize(a, r.ID, d.path, d.name, now)
		s.seq = k
		d.arts = append(d.arts, s)
		for _, w := range a.Warnings {
			d.probs = append(d.probs, article.Problem{Path: a.Name(), Severity: article.SeverityWarning, Message: strings.Clone(w)})
		}
	}
	for _, p := range r.Problems {
		p.Path, p.Message = strings.Clone(p.Path), strings.Clone(p.Message)
		d.probs = append(d.probs, p)
	}
	return d
}

// applyOpts says how apply publishes.
type applyOpts struct {
	// loading marks the snapshot as part of a load still going on.
	loading bool
	// since, when positive, is the edit a scan started after: a path
	// edited since then (by Open, which read it later) keeps that edit.
	since uint64
	// force publishes a snapshot even when nothing changed (a load's
	// last one, which says it has ended).
	force bool
	// scan is the number of the scan that found the paths (their
	// records' seen stamp).
	scan uint64
	// orders, for a snapshot made from nothing (the index's), are its
	// sort orders, saved with it: indexes into the new snapshot's
	// articles, which are the batch's in its order.
	orders *[sorts][]int32
}

// applied is what an apply did.
type applied struct {
	snap *Snapshot // nil when nothing was published
}

// apply publishes a snapshot in which each path of batch holds what it
// gives now, or is gone. It copies the previous snapshot's summaries and
// orders once and places the few new ones by binary search, so one file
// changed in a library of n articles costs O(n) copying and O(k log n)
// comparisons, never a sort of everything. Paths whose content did not
// change publish nothing.
func (l *Library) apply(batch []*fileData, o applyOpts) applied {
	l.editMu.Lock()
	defer l.editMu.Unlock()
	old := l.Snapshot()
	l.edits++
	edit := l.edits

	// The files whose articles and problems change, in load order.
	type repl struct {
		file int
		d    *fileData // nil: the file's articles go
	}
	rs := make([]repl, 0, len(batch))
	var res applied
	for _, d := range batch {
		rec, had := l.files[d.path]
		if had && o.since > 0 && rec.edit > o.since {
			continue
		}
		if d.gone && had && rec.named {
			d.gone = false // a path the user named stays, as an error
		}
		if d.gone {
			if !had {
				continue
			}
			delete(l.files, d.path)
			l.dirty = true
			rs = append(rs, repl{file: rec.file})
			continue
		}
		if had && rec.same(d) {
			if rec.size != d.size || rec.mtime != d.mtime {
				l.dirty = true
			}
			rec.size, rec.mtime, rec.edit, rec.seen = d.size, d.mtime, edit, max(rec.seen, o.scan)
			l.files[d.path] = rec
			continue
		}
		file := d.file
		if had {
			file = rec.file
		} else if file < 0 {
			file = l.nextFile
		}
		l.nextFile = max(l.nextFile, file+1)
		d.named = d.named || had && rec.named
		l.files[d.path] = fileRec{id: d.id, size: d.size, mtime: d.mtime, version: d.version, file: file,
			arts: int32(len(d.arts)), probs: d.probs, named: d.named, edit: edit, seen: max(rec.seen, o.scan)}
		for k, s := range d.arts {
			s.seq = file*fileSeq + k
		}
		rs = append(rs, repl{file: file, d: d})
		l.dirty = true
	}
	if len(rs) == 0 && !o.force && o.loading == old.loading {
		return res
	}
	// In load order; a path given twice in one batch keeps its last.
	slices.SortStableFunc(rs, func(a, b repl) int { return a.file - b.file })
	for x := len(rs) - 1; x > 0; x-- {
		if rs[x-1].file == rs[x].file {
			rs = slices.Delete(rs, x-1, x)
		}
	}

	s := &Snapshot{loading: o.loading}
	ch := &delta{}
	if len(old.arts) == 0 {
		// Everything is added: a load's first snapshot, the index's
		// library at once (100,000 IDs, grown one at a time, were 10 MB
		// of a warm start's garbage).
		n := 0
		for _, r := range rs {
			if r.d != nil {
				n += len(r.d.arts)
			}
		}
		ch.added = make([]article.ID, 0, n)
	}
	n := len(old.arts)
	var remap []int32 // old index → new, -1 for gone; nil while nothing moved
	var add []int32   // new indexes of the new summaries
	i := 0
	if len(rs) > 0 && l.appendOnly(old, rs[0].file) {
		// Only files after every one the snapshot holds (a first
		// load, new files): the summaries go after the old ones, in
		// the library's own buffer, which earlier snapshots hold a
		// prefix of and appending never changes (as the builder of
		// a load did).
		s.arts = l.arts
		if len(s.arts) != n || n > 0 && &s.arts[0] != &old.arts[0] {
			s.arts = old.arts[:n:n]
		}
		i = n
	} else {
		s.arts = make([]*Summary, 0, n+len(rs))
	}
	for _, r := range rs {
		j := i + sort.Search(n-i, func(x int) bool { return old.arts[i+x].file() >= r.file })
		if remap != nil {
			for ; i < j; i++ {
				remap[i] = int32(len(s.arts))
				s.arts = append(s.arts, old.arts[i])
			}
		} else {
			s.arts = append(s.arts, old.arts[i:j]...)
			i = j
		}
		k := j
		for k < n && old.arts[k].file() == r.file {
			k++
		}
		var now []*Summary
		if r.d != nil {
			now = r.d.arts
		}
		ch.compare(old.arts[j:k], now)
		if k > j || (len(now) > 0 && k < n) {
			// Something moves: from here on old indexes are remapped.
			if remap == nil {
				remap = make([]int32, n)
				for x := range j {
					remap[x] = int32(x)
				}
			}
			for ; i < k; i++ {
				remap[i] = -1
			}
		}
		for _, a := range now {
			add = append(add, int32(len(s.arts)))
			s.arts = append(s.arts, a)
		}
	}
	if remap != nil {
		for ; i < n; i++ {
			remap[i] = int32(len(s.arts))
			s.arts = append(s.arts, old.arts[i])
		}
	} else {
		s.arts = append(s.arts, old.arts[i:]...)
	}
	l.arts = s.arts
	s.arts = slices.Clip(s.arts)
	saved := o.orders != nil && n == 0 && len(o.orders[0]) == len(s.arts)
	if saved {
		s.orders = *o.orders
	}
	// A load merges batch after batch into the orders: its comparisons
	// use keys, kept while it runs and made as its snapshots grow. A
	// snapshot whose orders the index gave compares nothing, and an
	// edit of a live library a few articles, which compare their
	// summaries: the keys of 100,000 articles are 4 MB.
	keys := l.keys
	l.keys = nil
	switch {
	case saved || len(add) == 0 || !o.loading && keys == nil:
		keys = nil
	case remap != nil || keys.len() != n:
		keys = makeKeys(nil, s.arts)
	default:
		keys = makeKeys(keys, s.arts[n:])
	}
	if o.loading {
		l.keys = keys
	}
	order := func(by Sort) {
		kept := old.orders[by]
		switch {
		case saved:
			return
		case remap != nil:
			kept = make([]int32, 0, len(kept))
			for _, x := range old.orders[by] {
				if y := remap[x]; y >= 0 {
					kept = append(kept, y)
				}
			}
		}
		s.orders[by] = mergeOrder(by, kept, add, s.arts, keys)
	}
	if len(add) < parallelSort {
		for by := range sorts {
			order(by)
		}
	} else {
		// A large batch (the index's library, a first load's first
		// snapshots): the orders are independent, one per core.
		var wg sync.WaitGroup
		for by := range sorts {
			wg.Go(func() { order(by) })
		}
		wg.Wait()
	}
	fp := make([]fileProbs, len(rs))
	for x, r := range rs {
		fp[x].file = r.file
		if r.d != nil {
			fp[x].probs = r.d.probs
		}
	}
	s.problems, s.probFiles = spliceProblems(old, fp)
	s.hist = append(slices.Clip(old.hist[max(0, len(old.hist)-maxHist+1):]), ch)
	l.publish(s)
	res.snap = s
	return res
}

// appendOnly reports whether a batch whose first file (in load order) is
// first only adds files after every one old holds, to old's articles (a
// file of old without articles may be replaced: it has none to move).
func (l *Library) appendOnly(old *Snapshot, first int) bool {
	return len(old.arts) == 0 || first > old.arts[len(old.arts)-1].file()
}

// parallelSort is the number of new articles from which apply computes
// the sort orders in parallel.
const parallelSort = 8192

// fileProbs is one file's new problems, for spliceProblems.
type fileProbs struct {
	file  int
	probs []article.Problem
}

// spliceProblems is old's problems with those of the files in repl
// (sorted by file) replaced, keeping the load order.
func spliceProblems(old *Snapshot, repl []fileProbs) ([]article.Problem, []int32) {
	changed := false
	for _, r := range repl {
		if len(r.probs) > 0 {
			changed = true
			break
		}
	}
	if !changed {
		// Only files without problems: the old problems stay, unless
		// one of those files had some.
		for _, r := range repl {
			if hasFileProblems(old, r.file) {
				changed = true
				break
			}
		}
		if !changed {
			return old.problems, old.probFiles
		}
	}
	probs := make([]article.Problem, 0, len(old.problems))
	files := make([]int32, 0, len(old.problems))
	n, i := len(old.problems), 0
	for _, r := range repl {
		for i < n && int(old.probFiles[i]) < r.file {
			probs, files = append(probs, old.problems[i]), append(files, old.probFiles[i])
			i++
		}
		for i < n && int(old.probFiles[i]) == r.file {
			i++
		}
		for _, p := range r.probs {
			probs, files = append(probs, p), append(files, int32(r.file))
		}
	}
	probs, files = append(probs, old.problems[i:]...), append(files, old.probFiles[i:]...)
	return slices.Clip(probs), slices.Clip(files)
}

// hasFileProblems reports whether old lists a problem of file.
func hasFileProblems(old *Snapshot, file int) bool {
	i, ok := slices.BinarySearch(old.probFiles, int32(file))
	return ok && i < len(old.probFiles)
}
