package search

import (
	"compress/flate"
	"context"
	"database/sql"
	"errors"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// Bounds of a Sync's work in flight: articles are committed in batches,
// so a search sees a growing index while a large library is indexed, and
// a cancelled Sync keeps what it did.
const (
	// batchSize is the most articles one transaction writes (2 MB of
	// seed-sized text: one segment of the word index each). The batch
	// waits in memory, prepared: at 2,000 it held 12 MB more of the
	// build's heap, for a build no faster (60 s against 52 s at 500, at
	// 100,000 articles) and searches as fast (15 and 46 ms a keystroke).
	batchSize = 500
	// batchEvery is the longest a read article waits to be committed.
	batchEvery = 250 * time.Millisecond
)

// buildGCPercent is the collector's GOGC while a Sync with Options.TuneGC
// indexes at least buildGCFrom articles. A build reads the whole library
// again, so it makes garbage fast beside a heap that is mostly the
// library, which the default of 100 lets grow to twice what is live: at
// 100,000 articles, 120–150 MB live became 390–430 MB resident. At 10
// the heap stays within 10 % of what is live (a collection every 12 MB
// or so the build allocates): the reader's first start peaks at 193–194
// MiB while it builds, against 197–199 MiB at 15 and 206–216 MiB at 30,
// and the build takes as long (46–49 s, 45–49 s at 15, 43–52 s at 30).
// As a percentage it follows the live heap (more readers, a larger
// library) instead of fixing a limit that a growing heap could reach.
const buildGCPercent = 10

// buildGCFrom is the fewest articles a Sync indexes for TuneGC to apply:
// a build, not the files a live library brings.
const buildGCFrom = 10_000

// tuneGC sets the collector for a build of n articles and returns what
// restores it.
func (x *Index) tuneGC(n int) (restore func()) {
	if !x.opt.TuneGC || n < buildGCFrom || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	was := debug.SetGCPercent(buildGCPercent)
	return func() {
		debug.SetGCPercent(was)
		// What the build used for itself goes back to the system now,
		// not over minutes.
		debug.FreeOSMemory()
	}
}

// Sync brings the index in step with snap: it indexes the articles that
// snap has and the index has not (by ID and Version: a changed file is
// indexed again), and removes the ones snap no longer has. The full text
// is read with lib.ReadFile, each file once. progress, if not nil, is
// told how many of snap's articles are indexed (done of total) at the
// start and after every commit, from Sync's goroutine; it should return
// quickly.
//
// Syncs run one at a time. A Sync cancelled through ctx keeps what it
// committed, so the next one continues from there; Follow relies on this
// to move on to a newer snapshot at once. An article that cannot be read
// (its file was removed or broken since snap was made) is skipped: the
// library publishes a snapshot without it, and the next Sync removes it.
func (x *Index) Sync(ctx context.Context, lib *library.Library, snap *library.Snapshot, progress func(done, total int)) error {
	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	for attempt := 0; ; attempt++ {
		err := x.sync(ctx, lib, snap, progress)
		if err == nil || !isCorrupt(err) || attempt > 0 {
			return err
		}
		// Damaged under our feet: start again on a new file.
		if err := x.rebuildLocked(err); err != nil {
			return err
		}
	}
}

// rebuildLocked rebuilds with the handles locked; the caller holds syncMu.
func (x *Index) rebuildLocked(cause error) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.damaged.Store(nil) // this rebuild answers the searches that saw it
	return x.rebuild(cause)
}

// sync is one Sync with syncMu held.
func (x *Index) sync(ctx context.Context, lib *library.Library, snap *library.Snapshot, progress func(done, total int)) error {
	if cause := x.damaged.Load(); cause != nil {
		if err := x.rebuildLocked(*cause); err != nil {
			return err
		}
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.w == nil {
		return errClosed
	}
	if err := x.refreshKnown(ctx); err != nil {
		return err
	}

	x.mark++
	total := snap.Len()
	var add []*library.Summary
	for i := range total {
		s := snap.At(i)
		k, ok := x.known[s.ID]
		if ok {
			k.mark = x.mark
			x.known[s.ID] = k
			if k.version == s.Version {
				continue
			}
		}
		add = append(add, s)
	}
	var gone []article.ID
	for id, k := range x.known {
		if k.mark != x.mark {
			gone = append(gone, id)
		}
	}
	for len(gone) > 0 {
		n := min(len(gone), batchSize)
		if err := x.write(ctx, nil, gone[:n]); err != nil {
			return err
		}
		gone = gone[n:]
	}
	done := total - len(add)
	report := func() {
		if progress != nil {
			progress(done, total)
		}
	}
	report()
	if len(add) == 0 {
		return nil
	}
	return x.index(ctx, lib, add, func(n int) { done += n; report() })
}

// read is one article read for the index: a nil p means it could not be
// read, and its old version (if any) leaves the index.
type read struct {
	s *library.Summary
	p *prepared
}

// prepared is an article made ready to write, by the reading workers so
// that the one writer only writes: its ID and Version (those of the file
// as Open read it, which may be newer than the summary's), doc and
// compressed text. The article itself is not kept.
type prepared struct {
	id      article.ID
	version article.Version
	d       doc
	cjk     bool
	text    []byte
}

// prepareDoc makes a's prepared form, compressing with zw.
func prepareDoc(a *article.Article, zw *flate.Writer) *prepared {
	d := docOf(a)
	return &prepared{id: a.ID, version: a.Version, d: d, cjk: d.cjk(), text: d.encode(zw)}
}

// byFile groups summaries by the file they came from, in the order of
// each file's first summary: the articles of a JSON array are read at
// once. A snapshot holds a file's articles one after another, and add
// keeps a snapshot's order, so each group is a run of add: cut without a
// copy or a map (which, with a list grown one file at a time, were 20 MB
// at the start of a build of 100,000 articles). Should a file's articles
// ever be apart, it is read once for each run.
func byFile(add []*library.Summary) [][]*library.Summary {
	runs := 0
	for i, s := range add {
		if i == 0 || s.Path != add[i-1].Path {
			runs++
		}
	}
	files := make([][]*library.Summary, 0, runs)
	for i := 0; i < len(add); {
		j := i + 1
		for j < len(add) && add[j].Path == add[i].Path {
			j++
		}
		files = append(files, add[i:j:j])
		i = j
	}
	return files
}

// articleFinder finds an article of arts (one file's) by ID: by its
// place when the file is small, through a map when it is a large JSON
// array (half a million articles, whose summaries would each scan them).
func articleFinder(arts []article.Article) func(article.ID) *article.Article {
	if len(arts) <= 16 {
		return func(id article.ID) *article.Article {
			for i := range arts {
				if arts[i].ID == id {
					return &arts[i]
				}
			}
			return nil
		}
	}
	at := make(map[article.ID]int, len(arts))
	for i := range arts {
		at[arts[i].ID] = i
	}
	return func(id article.ID) *article.Article {
		if i, ok := at[id]; ok {
			return &arts[i]
		}
		return nil
	}
}

// index reads the summaries' articles with a few workers and writes them
// in batches; committed(n) is told after each batch. On cancellation it
// commits what was read and returns ctx's error.
//
// Each file is read once, whole, with Library.ReadFile, past the cache
// that readers' Opens fill: a build must not push out the articles
// readers have open, nor read a JSON array of n articles n times.
func (x *Index) index(ctx context.Context, lib *library.Library, add []*library.Summary, committed func(n int)) error {
	defer x.tuneGC(len(add))()
	// rctx stops the readers on cancellation or on a failed write.
	rctx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	jobs := make(chan []*library.Summary)
	results := make(chan read, 64)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), 4)) {
		wg.Go(func() {
			zw, _ := flate.NewWriter(nil, flate.BestSpeed)
			for file := range jobs {
				arts, err := lib.ReadFile(rctx, file[0])
				if err != nil && rctx.Err() != nil {
					return
				}
				find := articleFinder(arts)
				for _, s := range file {
					// An article the file no longer holds leaves the
					// index (r.p nil).
					r := read{s: s}
					if a := find(s.ID); a != nil {
						r.p = prepareDoc(a, zw)
					}
					results <- r
				}
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, file := range byFile(add) {
			select {
			case jobs <- file:
			case <-rctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	// Writes outlive a cancellation: what was read is committed.
	wctx := context.WithoutCancel(ctx)
	batch := make([]read, 0, batchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := x.write(wctx, batch, nil)
		if err == nil {
			committed(len(batch))
		}
		batch = batch[:0]
		return err
	}
	tick := time.NewTicker(batchEvery)
	defer tick.Stop()
	var err error
	for {
		select {
		case r, ok := <-results:
			if !ok {
				if err == nil {
					err = flush()
				}
				if err == nil {
					err = ctx.Err()
				}
				return err
			}
			if err != nil {
				continue // drain the workers
			}
			batch = append(batch, r)
			if len(batch) == batchSize {
				err = flush()
			}
		case <-tick.C:
			if err == nil {
				err = flush()
			}
		}
		if err != nil {
			stopReading()
		}
	}
}

// errClosed is returned after Close.
var errClosed = errors.New("search index closed")

// write commits one transaction: the articles read (indexed, replacing
// their old version; or removed, when they could not be read) and the IDs
// to remove. known follows what was committed.
func (x *Index) write(ctx context.Context, batch []read, gone []article.ID) error {
	tx, err := x.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := prepare(ctx, tx)
	if err != nil {
		return err
	}
	defer st.close()
	for _, id := range gone {
		if err := st.remove(ctx, id); err != nil {
			return err
		}
	}
	for _, r := range batch {
		if r.p == nil {
			if err := st.remove(ctx, r.s.ID); err != nil {
				return err
			}
			continue
		}
		if err := st.put(ctx, r.p); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, id := range gone {
		delete(x.known, id)
	}
	for _, r := range batch {
		if r.p == nil {
			delete(x.known, r.s.ID)
			continue
		}
		// The summary's ID, which the library keeps anyway: the article's
		// is cut from a string of all its short fields, which a key of
		// the map would keep alive (30 MB at 100,000 articles).
		id := r.s.ID
		if id != r.p.id {
			id = article.ID(strings.Clone(string(r.p.id)))
		}
		x.known[id] = knownDoc{version: r.p.version, mark: x.mark}
	}
	x.count.Store(int64(len(x.known)))
	return nil
}

// refreshKnown reads known when it has not been read since the file was
// opened, or again when another process has written the file since
// (PRAGMA data_version changes only for commits made through other
// connections).
func (x *Index) refreshKnown(ctx context.Context) error {
	dv, err := x.readDataVersion(ctx)
	if err != nil {
		return err
	}
	if x.known != nil && dv == x.dataVersion {
		return nil
	}
	return x.readKnown(ctx)
}

// stmts are a write transaction's prepared statements.
type stmts struct {
	find, insertDoc, updateDoc, deleteDoc *sql.Stmt
	insertFTS, deleteFTS                  *sql.Stmt
	insertTri, deleteTri                  *sql.Stmt
}

func prepare(ctx context.Context, tx *sql.Tx) (*stmts, error) {
	s := &stmts{}
	words := columnList(wordColumns)
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&s.find, `SELECT rowid, cjk, text FROM docs WHERE id = ?`},
		{&s.insertDoc, `INSERT INTO docs(id, version, cjk, text) VALUES(?, ?, ?, ?)`},
		{&s.updateDoc, `UPDATE docs SET version = ?, cjk = ?, text = ? WHERE rowid = ?`},
		{&s.deleteDoc, `DELETE FROM docs WHERE rowid = ?`},
		{&s.insertFTS, `INSERT INTO fts(rowid, ` + words + `) VALUES(?, ` + placeholders(len(wordColumns)) + `)`},
		// A contentless index deletes an article's words given its text
		// (see stored).
		{&s.deleteFTS, `INSERT INTO fts(fts, rowid, ` + words + `) VALUES('delete', ?, ` + placeholders(len(wordColumns)) + `)`},
		{&s.insertTri, `INSERT INTO tri(rowid, ` + columnList(triColumns) + `) VALUES(?, ` + placeholders(len(triColumns)) + `)`},
		{&s.deleteTri, `DELETE FROM tri WHERE rowid = ?`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			s.close()
			return nil, err
		}
		*p.dst = st
	}
	return s, nil
}

func (s *stmts) close() {
	for _, st := range []*sql.Stmt{s.find, s.insertDoc, s.updateDoc, s.deleteDoc, s.insertFTS, s.deleteFTS, s.insertTri, s.deleteTri} {
		if st != nil {
			st.Close()
		}
	}
}

// stored is an article's row as the index holds it, with the text
// indexed: the word index, contentless, is given it back to delete the
// article's words (FTS5 needs the very text it indexed). A contentless
// index with contentless_delete=1 could delete by rowid alone, but it
// checks every match against its tombstones: a search of a common word
// took 4.6× the CPU (profiled at 100,000 articles).
type stored struct {
	rowid int64
	cjk   bool
	text  []byte
}

// lookup finds id's row.
func (s *stmts) lookup(ctx context.Context, id article.ID) (stored, bool, error) {
	var r stored
	err := s.find.QueryRowContext(ctx, string(id)).Scan(&r.rowid, &r.cjk, &r.text)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

// clear removes a row's words from both indexes.
func (s *stmts) clear(ctx context.Context, r stored) error {
	d, err := decodeDoc(r.text)
	if err != nil {
		return err
	}
	if _, err := s.deleteFTS.ExecContext(ctx, append([]any{r.rowid}, d.wordValues()...)...); err != nil {
		return err
	}
	if r.cjk {
		if _, err := s.deleteTri.ExecContext(ctx, r.rowid); err != nil {
			return err
		}
	}
	return nil
}

// remove takes id out of the index (nothing when it is not in).
func (s *stmts) remove(ctx context.Context, id article.ID) error {
	r, ok, err := s.lookup(ctx, id)
	if err != nil || !ok {
		return err
	}
	if err := s.clear(ctx, r); err != nil {
		return err
	}
	_, err = s.deleteDoc.ExecContext(ctx, r.rowid)
	return err
}

// put indexes p, replacing what the index holds under its ID.
func (s *stmts) put(ctx context.Context, p *prepared) error {
	d, cjk, text := &p.d, p.cjk, p.text
	old, ok, err := s.lookup(ctx, p.id)
	if err != nil {
		return err
	}
	rowid := old.rowid
	if ok {
		if err := s.clear(ctx, old); err != nil {
			return err
		}
		if _, err := s.updateDoc.ExecContext(ctx, int64(p.version), cjk, text, rowid); err != nil {
			return err
		}
	} else {
		res, err := s.insertDoc.ExecContext(ctx, string(p.id), int64(p.version), cjk, text)
		if err != nil {
			return err
		}
		if rowid, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	if _, err := s.insertFTS.ExecContext(ctx, append([]any{rowid}, d.wordValues()...)...); err != nil {
		return err
	}
	if cjk {
		if _, err := s.insertTri.ExecContext(ctx, append([]any{rowid}, d.triValues()...)...); err != nil {
			return err
		}
	}
	return nil
}

// Follow keeps the index in step with lib until ctx ends (it then returns
// ctx's error) or a Sync fails: it syncs the current snapshot and every
// newer one, moving to a newer snapshot as soon as one is published (the
// Sync in progress is cancelled and keeps what it committed), and syncs
// again when a search found the file damaged. progress is as for Sync.
//
// It starts once the library's first load has ended: that load is what
// the user waits for (a warm start's check of every file took 1.3 s
// instead of 0.55 s with a Sync reading the index's 100,000 rows beside
// it on two cores), and a Sync of a snapshot still loading is superseded
// by the next one anyway.
func (x *Index) Follow(ctx context.Context, lib *library.Library, progress func(done, total int)) error {
	for {
		snap := lib.Snapshot()
		if snap.Loading() {
			if _, err := lib.Wait(ctx, snap.Gen()); err != nil {
				return ctx.Err()
			}
			continue
		}
		// The library's own save first: both at once held 40–50 MiB
		// more at 100,000 articles.
		if err := lib.Saved(ctx); err != nil {
			return ctx.Err()
		}
		sctx, cancel := context.WithCancel(ctx)
		go func() {
			lib.Wait(sctx, snap.Gen())
			cancel()
		}()
		err := x.Sync(sctx, lib, snap, progress)
		newer := sctx.Err() != nil
		cancel()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil && !(newer && errors.Is(err, context.Canceled)) {
			return err
		}
		if err != nil {
			continue // a newer snapshot came
		}
		// Up to date: wait for a newer snapshot or a damaged file.
		wctx, stop := context.WithCancel(ctx)
		go func() {
			select {
			case <-x.wake:
				stop()
			case <-wctx.Done():
			}
		}()
		lib.Wait(wctx, snap.Gen())
		stop()
	}
}
