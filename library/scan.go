package library

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// scanMode says what a scan reads.
type scanMode uint8

const (
	// scanChanged reads the files whose identity, size or modification
	// time differ from the records (a rescan, the check of a warm start).
	scanChanged scanMode = iota
	// scanReparse reads every file (Reload).
	scanReparse
)

// scanSpec is one scan: a walk, and what it covers.
type scanSpec struct {
	walk func(ctx context.Context, fn func(article.Entry) bool) bool
	// scope is the paths the walk covers, as the records name them (nil:
	// every record): the records at these paths, or under those of them
	// that are directories the library holds (dirs), that the walk did
	// not find are gone.
	scope []string
	dirs  bool
	mode  scanMode
	// stream publishes what has been read every PublishEvery while the
	// scan goes on (the first load), each snapshot loading.
	stream bool
	// hold, if set, may keep a file's data back from this scan's
	// snapshot (the watcher retries a file that fails right after a
	// change); it reports whether it did.
	hold func(d *fileData) bool
	// dir, if set, is told of each directory the walk enters (the
	// watcher watches it).
	dir func(article.Entry)
	// ready, if set, is closed once the records are ready to compare
	// with (a warm start's index snapshot): until then the walk goes on
	// and keeps what it finds.
	ready <-chan struct{}
	// cold, if set, is adjusted after each snapshot (a first load
	// without an index, with Options.TuneGC).
	cold *coldGC
}

// scanResult is what a scan did.
type scanResult struct {
	// files is how many paths the walk found; parsed how many were read
	// and parsed.
	files, parsed           int
	added, changed, removed int
	// complete says the walk ran to its end (not cancelled).
	complete bool
}

// fullScan is the scan of the whole library.
func (l *Library) fullScan(mode scanMode) scanSpec {
	sp := scanSpec{mode: mode}
	if l.onDisk() {
		sp.walk = func(ctx context.Context, fn func(article.Entry) bool) bool {
			return article.Walk(ctx, l.opt.Paths, fn)
		}
	} else if l.opt.FS != nil {
		sp.walk = func(ctx context.Context, fn func(article.Entry) bool) bool {
			return article.WalkFS(ctx, l.opt.FS, l.opt.FSPrefix, fn)
		}
	} else {
		sp.walk = func(context.Context, func(article.Entry) bool) bool { return true }
	}
	if lv := l.live.Load(); lv != nil {
		sp.dir = lv.watchDir
	}
	return sp
}

// scanQueue is how many files a scan's walk may find ahead of its
// workers, and how many read files may wait for the snapshot that takes
// them. A queue of one per worker kept the two processors of the cold
// load of 100,000 files 1.55 busy: the workers waited for the walk to be
// scheduled again every two files, and for each snapshot's merge to end
// before handing over what they had read (2.9 s of a 4.6 s load, in a
// trace). With 1,024, 1.8 busy, and the load 3.5 s against 4.1–4.3 s;
// 1.95 once the workers also yield between files (see scan). A
// file waiting to be read is its path; one read, its summaries (a few
// KiB, a few MiB at most in all).
const scanQueue = 1024

// scan walks, compares what it finds with the records, reads what
// changed (by opt.Load.Workers workers, as the walk goes on) and applies
// the difference. The caller holds scanMu.
func (l *Library) scan(ctx context.Context, sp scanSpec) scanResult {
	no := l.scans.Add(1)
	workers := l.opt.Load.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	type todo struct {
		e     article.Entry
		place int
	}
	todos := make(chan todo, scanQueue)
	results := make(chan *fileData, scanQueue)
	var res scanResult
	go func() {
		defer close(todos)
		send := func(t todo) bool {
			if sp.mode == scanChanged && l.unchanged(t.e, no) {
				return true
			}
			select {
			case todos <- t:
				return true
			case <-ctx.Done():
				return false
			}
		}
		// The files walked before the index is read wait to be checked
		// against it, in chunks (one slice grown by append would copy
		// them about twice over), and at most maxHeld of them: then the
		// walk waits too. Each waits with its stat, about 250 bytes in
		// all: 16 MB at maxHeld. Holding all 100,000 files of the
		// generated library (maxHeld 128 Ki) took the warm start's peak
		// to 190–199 MiB against 187–191 MiB, for a final count no
		// sooner (medians of 0.50 s and 0.48 s, nine starts of each run
		// by turns).
		const chunk = 1024
		var held [][]todo
		nHeld := 0
		ready := sp.ready
		catchUp := func() bool {
			for i, c := range held {
				for _, t := range c {
					if !send(t) {
						return false
					}
				}
				held[i] = nil // sent: what it holds may go
			}
			held, ready = nil, nil
			return true
		}
		res.complete = sp.walk(ctx, func(e article.Entry) bool {
			if e.Kind == article.EntryDir {
				if sp.dir != nil {
					sp.dir(e)
				}
				return true
			}
			t := todo{e, res.files}
			res.files++
			if ready != nil {
				if nHeld < maxHeld {
					select {
					case <-ready:
					default:
						if len(held) == 0 || len(held[len(held)-1]) == chunk {
							held = append(held, make([]todo, 0, chunk))
						}
						held[len(held)-1] = append(held[len(held)-1], t)
						nHeld++
						return true
					}
				} else {
					// Enough waiting: the walk waits too.
					select {
					case <-ready:
					case <-ctx.Done():
						return false
					}
				}
				if !catchUp() {
					return false
				}
			}
			return send(t)
		})
		if ready != nil && res.complete {
			select {
			case <-ready:
				res.complete = catchUp()
			case <-ctx.Done():
				res.complete = false
			}
		}
	}()
	if sp.ready != nil {
		select {
		case <-sp.ready:
		case <-ctx.Done():
		}
	}
	// Edits from here on are the scan's or newer than what it reads. A
	// library that holds nothing yet (a first load) gives each file its
	// place in the walk; else new files come after all others.
	l.editMu.Lock()
	since := l.edits
	places := len(l.files) == 0
	l.editMu.Unlock()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for t := range todos {
				if ctx.Err() != nil {
					continue // what is queued goes unread
				}
				d := l.readEntry(t.e, t.place)
				// Between files, whatever else waits for a processor
				// runs: the reader's keys, an SSH session, the walk,
				// the snapshots. Since the queues stopped making the
				// workers wait, they held both processors for up to the
				// scheduler's 10 ms slices, and a key pressed during a
				// first load took up to 47–66 ms instead of 16 ms
				// (BenchmarkLive_KeysDuringTheFirstLoad); a yield costs
				// nothing when nothing waits.
				runtime.Gosched()
				select {
				case results <- d:
				case <-ctx.Done():
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var batch []*fileData
	flush := func(loading, force bool) {
		var kept []*fileData
		for _, d := range batch {
			if sp.hold != nil && sp.hold(d) {
				continue
			}
			if !places {
				d.file = -1
			}
			kept = append(kept, d)
		}
		a := l.apply(kept, applyOpts{loading: loading, since: since, force: force, scan: no})
		l.note(a, &res)
		batch = batch[:0]
		sp.cold.adjust()
	}
	tick := time.NewTicker(l.opt.PublishEvery)
	defer tick.Stop()
	first := sp.stream
	for done := false; !done; {
		select {
		case d, ok := <-results:
			if !ok {
				done = true
				break
			}
			if d.parsed {
				res.parsed++
			}
			batch = append(batch, d)
			if first {
				// The first articles at once: the first frame should
				// not wait for a tick.
				flush(true, false)
				first = false
			}
		case <-tick.C:
			if sp.stream && len(batch) > 0 {
				flush(true, false)
			}
		}
	}
	if ctx.Err() != nil {
		return res // stopped: what was read stays, nothing is removed
	}
	if res.complete {
		batch = append(batch, l.unseen(no, sp.scope, sp.dirs)...)
	}
	flush(false, sp.stream)
	l.stats.parsed.Add(int64(res.parsed))
	if res.complete && sp.scope == nil {
		if sp.cold != nil {
			debug.FreeOSMemory() // room for the save (see coldGC)
		}
		l.saveIndex()
	}
	return res
}

// unchanged reports whether the records hold e as the walk sees it now
// (same identity, size and modification time, or the same problem), and
// stamps its record seen by scan no.
func (l *Library) unchanged(e article.Entry, no uint64) bool {
	l.editMu.Lock()
	defer l.editMu.Unlock()
	r, ok := l.files[e.Path]
	if !ok {
		return false
	}
	r.seen = no
	l.files[e.Path] = r
	switch e.Kind {
	case article.EntryFile:
		return r.id == e.ID && r.size == e.Size() && r.mtime == unixNano(e.ModTime()) && r.mtime != 0
	case article.EntryProblem:
		return r.arts == 0 && len(r.probs) == 1 && r.probs[0].Message == e.Problem && r.id == e.ID
	}
	return false
}

// unseen is the records in scope (see scanSpec) that scan no did not
// see: gone. A scope of files costs a lookup each; one with directories
// a look at every record's parents, never a comparison with each path.
func (l *Library) unseen(no uint64, scope []string, dirs bool) []*fileData {
	l.editMu.Lock()
	defer l.editMu.Unlock()
	var gone []*fileData
	add := func(p string, r fileRec) {
		if r.seen != no {
			gone = append(gone, &fileData{path: p, id: r.id, gone: true})
		}
	}
	switch {
	case scope == nil:
		for p, r := range l.files {
			add(p, r)
		}
	case !dirs:
		for _, p := range scope {
			if r, ok := l.files[p]; ok {
				add(p, r)
			}
		}
	default:
		in := make(map[string]bool, len(scope))
		for _, p := range scope {
			in[p] = true
		}
		for p, r := range l.files {
			for q := p; ; {
				if in[q] {
					add(p, r)
					break
				}
				up := filepath.Dir(q)
				if up == q {
					break
				}
				q = up
			}
		}
	}
	return gone
}

// readEntry is what the file of e gives now, read and parsed without its
// body, which a summary does not keep.
func (l *Library) readEntry(e article.Entry, place int) *fileData {
	opt := l.opt.Load
	opt.NoBody = true
	// Borrowed: dataOf copies all a summary keeps.
	var d *fileData
	e.ReadThen(opt, func(r article.Result) { d = dataOf(r, l.nameOf(e.Path), e.Named, l.opt.Now()) })
	d.file = place
	d.parsed = e.Kind == article.EntryFile
	return d
}

// note counts what an apply did.
func (l *Library) note(a applied, res *scanResult) {
	if a.snap != nil {
		c := a.snap.Changes()
		res.added += len(c.Added)
		res.changed += len(c.Changed)
		res.removed += len(c.Removed)
	}
}

// unixNano is t in Unix nanoseconds, 0 for the zero time.
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// under reports whether path is dir or inside it.
func under(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir) && (strings.HasSuffix(dir, "/") || path[len(dir)] == '/')
}

// initial is Start's load: from the index when it knows the library
// (published at once, while the files are walked and checked against it
// with a stat each), else by reading everything. It reports whether it
// ran to the end.
func (l *Library) initial(ctx context.Context) bool {
	start := time.Now()
	sp := l.fullScan(scanChanged)
	sp.stream = true
	var warm atomic.Int64
	if l.onDisk() && l.opt.IndexPath != "" && l.index == nil {
		l.index = openIndex(l.opt.IndexPath, l.log)
	}
	if l.index != nil {
		// Each path resolved once: the key serves the index's every use.
		l.indexKey = indexKey(l.opt.Paths)
	}
	var saved int64
	if l.index != nil {
		saved = l.index.savedSize(ctx, l.indexKey)
	}
	if saved == 0 && l.onDisk() {
		// Nothing to compare the files with: every one is read, and its
		// read looks at it (a stat in the walk was a system call in five
		// of a first load).
		sp.walk = func(ctx context.Context, fn func(article.Entry) bool) bool {
			return article.WalkToRead(ctx, l.opt.Paths, fn)
		}
	}
	var hold *gcHold
	if saved > 0 && l.opt.TuneGC {
		hold = holdGC(saved)
		defer hold.release()
	}
	if hold == nil && l.opt.TuneGC {
		if cold := tuneColdGC(); cold != nil {
			sp.cold = cold
			defer func() {
				// Not before the save is written (see coldGC).
				l.indexWritten(ctx)
				cold.restore()
			}()
		}
	}
	if l.index != nil {
		ready := make(chan struct{})
		sp.ready = ready
		go func() {
			defer close(ready)
			warm.Store(int64(l.fromIndex(ctx, hold)))
		}()
	}
	res := l.scan(ctx, sp)
	if ctx.Err() != nil {
		return false
	}
	took := time.Since(start).Round(time.Millisecond)
	l.log(slog.LevelInfo, "library loaded", "files", res.files, "articles", l.Snapshot().Len(),
		"parsed", res.parsed, "from_index", warm.Load(), "took", took)
	return true
}

// coldGC keeps the heap of a load without an index near coldHeapGoal
// (see Options.TuneGC). At the default GOGC of 100 a heap grows to twice
// what is live: a load of 100,000 articles holds 93 MiB at its end, and
// took the reader to 224–240 MiB resident. After each snapshot GOGC is
// set for the next collection to come at coldHeapGoal (coldPercent): the
// load then peaked at 197–203 MiB, for a final count 0.4 s later at the
// median (6.0 s against 5.7 s, three starts of each run by turns). The
// goal was 150 MiB until the load kept both processors busy: the heap
// then grew 6–8 MB further while each collection marked (to 150 MB at
// its end, where it had stayed at 142–144, GODEBUG=gctrace=1), and the
// reader's first start on the generated 100,000 articles peaked at
// 195–204 MiB (six starts); at 140 MiB, 189–193 MiB, the final count
// 8.3–10.1 s against 8.5–8.8 s (three starts of each by turns). Once the
// wire reads built their articles in scratch, the mixed library's first
// start peaked at 195.4–196.3 MiB (in the search build after the load,
// which starts from what the load left resident); at 130 MiB, 192.1–193.4
// MiB, the wire library's final count as soon (1.16–1.18 s against
// 1.20–1.40 s, two starts of each by turns). As a
// percentage it follows the live heap where a fixed limit would be passed
// by a larger library: a limit of 1.5 × the live heap made the runtime
// give memory back and take it again, and the load 1.1–1.6 s slower.
//
// The setting holds until the save at the end of the load is written
// (see initial): it is encoded beside the whole library. The heap is
// collected and given back before the save is encoded, so that its large
// buffers find room among the load's freed pages; without that, the
// resident memory rose 30 MiB while it was written.
type coldGC struct {
	was    int
	sample []metrics.Sample
}

// userTunesGC reports whether the environment sets the collector (GOGC,
// GOMEMLIMIT): then it is left as the user says.
func userTunesGC() bool { return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" }

// coldHeapGoal is the heap a load without an index is kept near.
const coldHeapGoal = 130 << 20

// coldPercent is the GOGC that puts the next collection at coldHeapGoal
// for a live heap of live bytes, from 25 (a heap already near or past the
// goal: collections at most four times as often as by default) to 100
// (the default, for a small heap).
func coldPercent(live int64) int {
	if live <= 0 {
		return 100
	}
	return int(min(100, max(25, (coldHeapGoal-live)*100/live)))
}

// tuneColdGC is a coldGC from now on; nil when the environment sets GOGC
// or GOMEMLIMIT, which then win.
func tuneColdGC() *coldGC {
	if userTunesGC() {
		return nil
	}
	return &coldGC{was: debug.SetGCPercent(100), sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
}

// adjust sets GOGC for the live heap now.
func (c *coldGC) adjust() {
	if c == nil {
		return
	}
	metrics.Read(c.sample)
	debug.SetGCPercent(coldPercent(int64(c.sample[0].Value.Uint64())))
}

// restore gives the collector back its setting.
func (c *coldGC) restore() { debug.SetGCPercent(c.was) }

// maxHeld is the most files a warm start's walk finds before the index
// is read that wait for it (see scan).
var maxHeld = 64 * 1024

// The memory limits of a gcHold: the saved size times decodingRoom, then
// checkingRoom, and never below minHold.
const (
	decodingRoom = 8
	checkingRoom = 5
	minHold      = 64 << 20
)

// gcHold is the garbage collector held back for a warm start from a
// saved library of saved bytes (see Options.TuneGC). A fresh process's
// heap grows from nothing, and collecting it ten times on the way cost a
// third of a warm start, so the collector is off (GOGC=-1) under a soft
// memory limit, with a collection started in the background at two
// points:
//   - while the saved library is read and decoded, the limit is 8 × its
//     size (about 250 MiB for the 32 MiB of 100,000 articles; that
//     phase allocates about 190 MiB). Once its text is read (textRead),
//     the parts it came in are collected: 25 MiB at 100,000 articles,
//     for marking 30 MiB. A collection later in the decoding, the
//     limit's, slowed it by half;
//   - from its snapshot on, 5 × (160 MiB), once one collection of the
//     decoding's garbage (decoded): the check of every file then has
//     the room it allocates.
//
// At 100,000 articles the reader's resident memory peaks at 185–191 MiB
// (TestMeasure_ReaderStart), where holding at 12 × and 8 × without the
// first collection, the walk holding every file, peaked at 224–230 MiB
// for a final count as soon (0.48–0.55 s, run by turns).
type gcHold struct {
	saved int64
	pct   int
	limit int64

	mu       sync.Mutex
	released bool // the settings are given back: decoded's collection must not lower the limit after
}

// holdGC holds the collector back for a saved library of saved bytes; nil
// when the environment sets GOGC or GOMEMLIMIT, which then win.
func holdGC(saved int64) *gcHold {
	if userTunesGC() {
		return nil
	}
	h := &gcHold{saved: saved}
	h.pct = debug.SetGCPercent(-1)
	h.limit = debug.SetMemoryLimit(max(minHold, decodingRoom*saved))
	return h
}

// textRead is told when the saved library's text is read: the parts it
// came in are garbage, and collecting them now (in the background) costs
// little, the heap holding little else yet.
func (h *gcHold) textRead() {
	if h != nil {
		go runtime.GC()
	}
}

// decoded is told when the saved library's snapshot is published: the
// decoding's garbage is collected, then the limit lowered; the channel
// is closed once that is done (or nothing needed doing).
func (h *gcHold) decoded() <-chan struct{} {
	done := make(chan struct{})
	if h == nil {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		runtime.GC()
		h.mu.Lock()
		defer h.mu.Unlock()
		if !h.released {
			debug.SetMemoryLimit(max(minHold, checkingRoom*h.saved))
		}
	}()
	return done
}

// release gives the collector back its settings.
func (h *gcHold) release() {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.released = true
	debug.SetMemoryLimit(h.limit)
	debug.SetGCPercent(h.pct)
}

// fromIndex publishes the library as the index saved it, sort orders and
// all (a snapshot still loading: the files are checked next), and returns
// how many files it held.
func (l *Library) fromIndex(ctx context.Context, hold *gcHold) int {
	batch, orders, err := l.index.load(ctx, l.indexKey, l.opt.Paths, hold.textRead)
	if err != nil || len(batch) == 0 {
		return 0
	}
	l.editMu.Lock()
	if len(l.files) == 0 {
		l.files = make(map[string]fileRec, len(batch))
	}
	l.editMu.Unlock()
	l.apply(batch, applyOpts{loading: true, force: true, orders: orders})
	hold.decoded()
	l.editMu.Lock()
	l.dirty = false // what the index holds
	l.editMu.Unlock()
	l.stats.indexed.Add(int64(len(batch)))
	return len(batch)
}

// maxSize is the largest file the loader reads.
func (l *Library) maxSize() int64 {
	if l.opt.Load.MaxSize > 0 {
		return l.opt.Load.MaxSize
	}
	return article.DefaultMaxSize
}
