package library

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// sampleLibrary writes a small library of every kind of file: wire,
// Markdown, a JSON array with a bad element, a broken file, a
// subdirectory, and a file outside it to be named on its own.
func sampleLibrary(t *testing.T) (dir string, paths []string) {
	t.Helper()
	dir = t.TempDir()
	files := map[string]string{
		"lib/bad.json":     `{`,
		"lib/sub/arr.json": `[{"headline":"Array one","date":"2026-04-01"},{"bad":1},{"headline":"Array three","tags":["x","y"],"reactions":[{"name":"Dr. Ann Lee","role":"Analyst","quote":"Q"}]}]`,
		"lib/md.md":        "---\ntitle: Markdown story\nplace: ROME\ndate: 2026-02-01\ntags: [a, b]\n---\n\nBody.\n",
		"named.log":        wire("Named story", "OSLO", "2026-01-05"),
	}
	for i := range 12 {
		files[fmt.Sprintf("lib/w%02d.txt", i)] = wire(fmt.Sprintf("Wire %02d", i), "PARIS", fmt.Sprintf("2026-03-%02d", i%5+1), "Ann Lee", "Bo Chan")
	}
	writeFiles(t, dir, files)
	return dir, []string{filepath.Join(dir, "lib"), filepath.Join(dir, "named.log")}
}

// encoded is l saved, in one slice.
func encoded(t *testing.T, l *Library) []byte {
	t.Helper()
	var b []byte
	n, err := l.encoder(true)(func(part []byte) error {
		if len(part) > savePart {
			t.Errorf("a part of %d bytes, over %d", len(part), savePart)
		}
		b = append(b, part...)
		return nil
	})
	if err != nil || n != int64(len(b)) {
		t.Fatalf("encoded %d bytes, said %d: %v", len(b), n, err)
	}
	return b
}

// view is everything a reader sees of a snapshot, to compare two: every
// field of every summary, the filter's key and a JSON element's number
// included.
func view(s *Snapshot) string {
	var b strings.Builder
	for _, by := range Sorts {
		fmt.Fprintf(&b, "%s:", by)
		for _, i := range s.Order(by) {
			a := s.At(int(i))
			fmt.Fprintf(&b, " %s|%x|%s|%s|%d|%s|%s|%s|%s|%v|%v|%v|%v|%x|%d|%v|%q@%d;", a.ID, a.Version, a.Format, a.Path, a.Elem, a.Headline, a.Byline, a.Place, a.Date, a.When.UnixNano(), a.Source, a.Tags, a.Names, a.Quotes, a.Reactions, a.Warnings, a.Key.text, a.Key.head)
		}
		b.WriteByte('\n')
	}
	probs := make([]string, 0, len(s.Problems()))
	for _, p := range s.Problems() {
		probs = append(probs, p.String())
	}
	slices.Sort(probs)
	fmt.Fprintf(&b, "problems: %q\n", probs)
	return b.String()
}

// A second start on a library the index knows parses nothing: its first
// snapshot is the indexed library, exactly as the first start ended;
// then only the files edited or added since are parsed.
func TestIndex_SecondStartParsesNothing(t *testing.T) {
	dir, paths := sampleLibrary(t)
	idx := filepath.Join(t.TempDir(), "cache", "index.db")
	first := started(t, Options{Paths: paths, IndexPath: idx})
	if got := first.Stats().Parsed; got != 16 {
		t.Fatalf("first start parsed %d files, want 16", got)
	}
	want := view(first.Snapshot())
	first.Close()
	if fi, err := os.Stat(idx); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("index file: %v %v", fi, err)
	}

	var firstSnap *Snapshot
	second := started(t, Options{Paths: paths, IndexPath: idx, onPublish: func(s *Snapshot) {
		if firstSnap == nil {
			firstSnap = s
		}
	}})
	if st := second.Stats(); st.Parsed != 0 || st.Indexed != 16 {
		t.Errorf("second start: %+v, want nothing parsed and 16 files from the index", st)
	}
	if firstSnap == nil || !firstSnap.Loading() || view(firstSnap) != want {
		t.Errorf("the first snapshot of a warm start is not the indexed library:\n%s\nwant\n%s", view(firstSnap), want)
	}
	if got := view(second.Snapshot()); got != want || second.Snapshot().Loading() {
		t.Errorf("warm start ended with\n%s\nwant\n%s", got, want)
	}
	second.Close()

	// An edit (same size, later time), a new file and a removal.
	p := filepath.Join(dir, "lib", "w03.txt")
	fi, _ := os.Stat(p)
	writeFiles(t, dir, map[string]string{"lib/w03.txt": wire("Wire 3x", "PARIS", "2026-03-04", "Ann Lee", "Bo Chan"), "lib/sub/new.md": "# New one\n\nBody.\n"})
	if err := os.Chtimes(p, fi.ModTime().Add(time.Second), fi.ModTime().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "lib", "w07.txt")); err != nil {
		t.Fatal(err)
	}
	// The walk waits for the index after two files (as it does after
	// maxHeld of a large library): every file is still checked.
	defer func(was int) { maxHeld = was }(maxHeld)
	maxHeld = 2
	third := started(t, Options{Paths: paths, IndexPath: idx})
	if got := third.Stats().Parsed; got != 2 {
		t.Errorf("third start parsed %d files, want the edited and the new one", got)
	}
	fresh := started(t, Options{Paths: paths})
	if got, want := view(third.Snapshot()), view(fresh.Snapshot()); got != want {
		t.Errorf("warm start after changes:\n%s\na fresh load:\n%s", got, want)
	}
}

// The index is found whatever the library is named: relative or
// absolute, through a link; the paths are shown as named this time.
func TestIndex_FoundUnderAnotherName(t *testing.T) {
	_, paths := sampleLibrary(t)
	idx := filepath.Join(t.TempDir(), "index.db")
	started(t, Options{Paths: paths, IndexPath: idx}).Close()
	t.Chdir(filepath.Dir(paths[0]))
	l := started(t, Options{Paths: []string{"lib", "./named.log"}, IndexPath: idx})
	if got := l.Stats().Parsed; got != 0 {
		t.Errorf("named relatively: %d files parsed", got)
	}
	s := l.Snapshot()
	for i := range s.Len() {
		if p := s.At(i).Path; !strings.HasPrefix(p, "lib/") && p != "./named.log" {
			t.Errorf("path %q not as named", p)
		}
	}
	if a, err := l.Open(t.Context(), byHeadline(s, "Wire 05")); err != nil || a.Headline != "Wire 05" {
		t.Errorf("Open from an indexed summary: %v %v", a, err)
	}
}

// A damaged index costs a full load and one log line, never the library;
// the next start is warm again.
func TestIndex_DamagedIsSetAsideAndRebuilt(t *testing.T) {
	_, paths := sampleLibrary(t)
	defer func(was int) { savePart = was }(savePart)
	savePart = 256 // a save of several parts
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, idx string)
	}{
		{"not a database", func(t *testing.T, idx string) {
			if err := os.WriteFile(idx, []byte(strings.Repeat("garbage ", 1000)), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"a saved library with a wrong byte", func(t *testing.T, idx string) {
			execIndex(t, idx, "UPDATE parts SET data = substr(data, 1, 40) || 'X' || substr(data, 42) WHERE part = 0")
		}},
		{"a saved library missing a part", func(t *testing.T, idx string) {
			execIndex(t, idx, "DELETE FROM parts WHERE part = 1")
		}},
		{"a truncated file", func(t *testing.T, idx string) {
			fi, err := os.Stat(idx)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(idx, fi.Size()/2); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			idx := filepath.Join(t.TempDir(), "index.db")
			started(t, Options{Paths: paths, IndexPath: idx}).Close()
			tc.damage(t, idx)
			var logs logBuffer
			l := started(t, Options{Paths: paths, IndexPath: idx, Logger: logs.logger()})
			if got := l.Stats().Parsed; got != 16 {
				t.Errorf("after damage: %d files parsed, want all 16", got)
			}
			if l.Snapshot().Len() != 16 {
				t.Errorf("after damage: %d articles", l.Snapshot().Len())
			}
			l.Close()
			if n := strings.Count(logs.String(), "msg=\"the index was damaged"); n != 1 {
				t.Errorf("%d lines about the damage:\n%s", n, logs.String())
			}
			aside, _ := filepath.Glob(idx + ".damaged-*")
			if len(aside) != 1 {
				t.Errorf("set aside: %q", aside)
			}
			again := started(t, Options{Paths: paths, IndexPath: idx})
			if got := again.Stats().Parsed; got != 0 {
				t.Errorf("the rebuilt index: %d files parsed", got)
			}
		})
	}
}

// execIndex runs query on the index file idx, as a damage would.
func execIndex(t *testing.T, idx, query string) {
	t.Helper()
	db, err := sql.Open("sqlite", idx)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(query); err != nil {
		t.Fatal(err)
	}
}

// An index path that cannot be made is said once; the library loads.
func TestIndex_UnusableIsSaidAndIgnored(t *testing.T) {
	_, paths := sampleLibrary(t)
	blocker := filepath.Join(t.TempDir(), "file")
	writeFiles(t, filepath.Dir(blocker), map[string]string{"file": "x"})
	var logs logBuffer
	l := started(t, Options{Paths: paths, IndexPath: filepath.Join(blocker, "index.db"), Logger: logs.logger()})
	if l.Snapshot().Len() != 16 || !strings.Contains(logs.String(), "the index cannot be used") {
		t.Errorf("%d articles, log %s", l.Snapshot().Len(), logs.String())
	}
}

// Two processes (here two libraries, each with its own connections) load
// and save the same library into one index at once; the next start is
// warm.
func TestIndex_SharedByTwoWriters(t *testing.T) {
	_, paths := sampleLibrary(t)
	idx := filepath.Join(t.TempDir(), "index.db")
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			l := New(Options{Paths: paths, IndexPath: idx})
			<-l.Start(context.Background())
			// A change of its own makes each save.
			l.Reload(context.Background())
			l.Close()
		})
	}
	wg.Wait()
	l := started(t, Options{Paths: paths, IndexPath: idx})
	if got := l.Stats().Parsed; got != 0 {
		t.Errorf("after two writers: %d files parsed", got)
	}
}

func TestDefaultIndexPath(t *testing.T) {
	t.Setenv("CACHE_DIRECTORY", "")
	t.Setenv("XDG_CACHE_HOME", "/var/cache/me")
	if p, err := DefaultIndexPath(); err != nil || p != "/var/cache/me/newsdesk/index.db" {
		t.Errorf("with XDG_CACHE_HOME: %q %v", p, err)
	}
	t.Setenv("HOME", "/home/me")
	for _, v := range []string{"", "relative/cache"} {
		t.Setenv("XDG_CACHE_HOME", v)
		if p, err := DefaultIndexPath(); err != nil || p != "/home/me/.cache/newsdesk/index.db" {
			t.Errorf("XDG_CACHE_HOME=%q: %q %v", v, p, err)
		}
	}
	// A systemd service's CacheDirectory= wins, as for the search index.
	t.Setenv("CACHE_DIRECTORY", "/var/cache/newsdesk")
	if p, err := DefaultIndexPath(); err != nil || p != "/var/cache/newsdesk/index.db" {
		t.Errorf("with CACHE_DIRECTORY: %q %v", p, err)
	}
}

// decodeLibrary is decodeParts of a saved library held whole, as one part.
func decodeLibrary(b []byte, roots []string) ([]*fileData, *[sorts][]int32, error) {
	done := false
	return decodeParts(int64(len(b)), func() ([]byte, error) {
		if done {
			return nil, nil
		}
		done = true
		return b, nil
	}, roots, nil)
}

// A saved library decodes to what was encoded, and no damage to its bytes
// is read as a library.
func TestCodec_RoundTripAndDamage(t *testing.T) {
	_, paths := sampleLibrary(t)
	l := started(t, Options{Paths: paths})
	data := encoded(t, l)
	files, orders, err := decodeLibrary(data, paths)
	if err != nil {
		t.Fatal(err)
	}
	rebuilt := New(Options{Paths: paths})
	rebuilt.apply(files, applyOpts{orders: orders})
	if got, want := view(rebuilt.Snapshot()), view(l.Snapshot()); got != want {
		t.Errorf("decoded:\n%s\nwant\n%s", got, want)
	}
	for i := range len(data) {
		for _, flip := range []byte{0x01, 0x80} {
			bad := slices.Clone(data)
			bad[i] ^= flip
			if _, _, err := decodeLibrary(bad, paths); err == nil {
				t.Fatalf("a flipped byte %d was read", i)
			}
		}
		if _, _, err := decodeLibrary(data[:i], paths); err == nil {
			t.Fatalf("%d bytes of %d were read", i, len(data))
		}
	}
}

// A saved library comes back the same whatever the parts it was stored
// in (each value may be cut anywhere), and a start reads one of many
// parts as it reads one of one. It says once when the text is read,
// with the parts that follow still to come.
func TestCodec_ReadInParts(t *testing.T) {
	_, paths := sampleLibrary(t)
	l := started(t, Options{Paths: paths})
	data := encoded(t, l)
	want := view(l.Snapshot())
	for _, size := range []int{1, 2, 3, 5, 8, 13, 64, len(data) - 1, len(data)} {
		rest := data
		var told []int // the bytes still to come each time textRead is called
		files, orders, err := decodeParts(int64(len(data)), func() ([]byte, error) {
			if len(rest) == 0 {
				return nil, nil
			}
			n := min(size, len(rest))
			p := slices.Clone(rest[:n]) // a driver's copy: gone at the next part
			rest = rest[n:]
			return p, nil
		}, paths, func() { told = append(told, len(rest)) })
		if err != nil {
			t.Fatalf("parts of %d bytes: %v", size, err)
		}
		if len(told) != 1 || size < len(data)/2 && told[0] == 0 {
			t.Errorf("parts of %d bytes: textRead told with %v bytes to come", size, told)
		}
		rebuilt := New(Options{Paths: paths})
		rebuilt.apply(files, applyOpts{orders: orders})
		if got := view(rebuilt.Snapshot()); got != want {
			t.Errorf("parts of %d bytes decoded:\n%s\nwant\n%s", size, got, want)
		}
	}

	defer func(was int) { savePart = was }(savePart)
	savePart = 100
	idx := filepath.Join(t.TempDir(), "index.db")
	started(t, Options{Paths: paths, IndexPath: idx}).Close()
	var parts int
	db, err := sql.Open("sqlite", idx)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT count(*) FROM parts").Scan(&parts); err != nil || parts < len(data)/100 {
		t.Errorf("saved in %d parts (%v), want %d", parts, err, (len(data)+99)/100)
	}
	db.Close()
	again := started(t, Options{Paths: paths, IndexPath: idx})
	if got := again.Stats().Parsed; got != 0 {
		t.Errorf("from a save of %d parts: %d files parsed", parts, got)
	}
	if got := view(again.Snapshot()); got != want {
		t.Errorf("from a save of %d parts:\n%s\nwant\n%s", parts, got, want)
	}
}

// A saved library whose counts are damaged is refused before they size
// anything: a damaged index must not make a start allocate gigabytes.
func TestCodec_DamagedCountsAllocateNothing(t *testing.T) {
	_, paths := sampleLibrary(t)
	l := started(t, Options{Paths: paths})
	data := encoded(t, l)
	// The first count (articles) made 2^27, a varint of four bytes.
	bad := append([]byte{data[0], 0x80, 0x80, 0x80, 0x40}, data[2:]...)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := decodeLibrary(bad, paths)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a damaged count was read")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("refusing a damaged count allocated %d bytes", n)
	}
}

// An index written by an earlier layout of newsdesk's is made again in
// this one, without calling it damaged.
func TestIndex_AnOlderLayoutIsRebuiltQuietly(t *testing.T) {
	_, paths := sampleLibrary(t)
	idx := filepath.Join(t.TempDir(), "index.db")
	execIndex(t, idx, fmt.Sprintf(`PRAGMA application_id = %d; PRAGMA user_version = 2;
		CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
		CREATE TABLE libraries (key TEXT PRIMARY KEY, saved INTEGER NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;`, indexAppID))
	var logs logBuffer
	started(t, Options{Paths: paths, IndexPath: idx, Logger: logs.logger()}).Close()
	if strings.Contains(logs.String(), "damaged") || strings.Contains(logs.String(), "cannot be used") {
		t.Errorf("an older layout was reported:\n%s", logs.String())
	}
	if got := started(t, Options{Paths: paths, IndexPath: idx}).Stats().Parsed; got != 0 {
		t.Errorf("after the rebuild: %d files parsed", got)
	}
}

// The index holds the summaries of the files, keyed by their identity:
// what a named file or a JSON array element gives comes back the same.
func TestIndex_KeepsIdentityAndProblems(t *testing.T) {
	_, paths := sampleLibrary(t)
	idx := filepath.Join(t.TempDir(), "index.db")
	a := started(t, Options{Paths: paths, IndexPath: idx})
	a.Close()
	b := started(t, Options{Paths: paths, IndexPath: idx})
	s := b.Snapshot()
	three := byHeadline(s, "Array three")
	if three == nil || !strings.HasSuffix(string(three.ID), "arr.json#3") || !slices.Equal(three.Names, []string{"Dr. Ann Lee"}) {
		t.Fatalf("array element from the index: %+v", three)
	}
	var msgs []string
	for _, p := range errorsOf(s) {
		msgs = append(msgs, filepath.Base(p.Path)+": "+p.Message)
	}
	if len(msgs) != 2 || !strings.HasPrefix(msgs[0], "bad.json") || !strings.Contains(msgs[1], "article 2") {
		t.Errorf("errors from the index: %q", msgs)
	}
	if got, err := b.Open(t.Context(), three); err != nil || got.Reactions[0].Quote != "Q" {
		t.Errorf("Open of an indexed array element: %v %v", got, err)
	}
}

// gcSettings are the collector's percent and memory limit, read without
// changing them.
func gcSettings() (pct int, limit int64) {
	pct = debug.SetGCPercent(100)
	debug.SetGCPercent(pct)
	return pct, debug.SetMemoryLimit(-1)
}

func TestHoldGC_HoldsTheCollectorBackAndRestoresIt(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	pct, limit := gcSettings()
	hold := holdGC(100 << 20)
	if p, l := gcSettings(); p != -1 || l != decodingRoom*100<<20 {
		t.Errorf("while decoding: percent %d, limit %d; want -1 and %d × the saved size", p, l, decodingRoom)
	}
	<-hold.decoded()
	if p, l := gcSettings(); p != -1 || l != checkingRoom*100<<20 {
		t.Errorf("once decoded: percent %d, limit %d; want -1 and %d × the saved size", p, l, checkingRoom)
	}
	hold.release()
	if p, l := gcSettings(); p != pct || l != limit {
		t.Errorf("after: percent %d, limit %d; want %d and %d as before", p, l, pct, limit)
	}
	// A load that ends before the collection does keeps its settings.
	hold = holdGC(100 << 20)
	done := hold.decoded()
	hold.release()
	<-done
	if p, l := gcSettings(); p != pct || l != limit {
		t.Errorf("released before the collection ended: percent %d, limit %d; want %d and %d", p, l, pct, limit)
	}
	hold = holdGC(1 << 20)
	if _, l := gcSettings(); l != minHold {
		t.Errorf("a small index: limit %d, want %d", l, minHold)
	}
	hold.release()

	// The user's own settings win.
	t.Setenv("GOGC", "50")
	hold = holdGC(100 << 20)
	<-hold.decoded()
	if p, l := gcSettings(); p != pct || l != limit {
		t.Errorf("with GOGC set: percent %d, limit %d; want them untouched", p, l)
	}
	hold.release()
}

func TestIndex_WarmStartWithTuneGCLeavesTheCollectorAsItWas(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	_, paths := sampleLibrary(t)
	idx := filepath.Join(t.TempDir(), "index.db")
	started(t, Options{Paths: paths, IndexPath: idx}).Close()
	pct, limit := gcSettings()
	l := started(t, Options{Paths: paths, IndexPath: idx, TuneGC: true})
	if st := l.Stats(); st.Parsed != 0 || st.Indexed == 0 {
		t.Fatalf("not a warm start: %+v", st)
	}
	if p, lim := gcSettings(); p != pct || lim != limit {
		t.Errorf("after the load: percent %d, limit %d; want %d and %d", p, lim, pct, limit)
	}
}

// Saved returns once the first load's save is in the index: what the
// search index waits for before it builds. A library never started, or
// without an index, has nothing to wait for.
func TestLibrary_SavedOnceTheIndexIsWritten(t *testing.T) {
	_, paths := sampleLibrary(t)
	if err := New(Options{Paths: paths}).Saved(context.Background()); err != nil {
		t.Fatalf("a library not started: %v", err)
	}
	idx := filepath.Join(t.TempDir(), "index.db")
	l := New(Options{Paths: paths, IndexPath: idx})
	t.Cleanup(l.Close)
	l.Start(context.Background())
	if err := l.Saved(context.Background()); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", idx)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var saves int
	if err := db.QueryRow("SELECT count(*) FROM libraries").Scan(&saves); err != nil || saves != 1 {
		t.Errorf("once Saved returned, the index holds %d saved libraries (%v), want 1", saves, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := New(Options{Paths: paths}).Saved(ctx); err != nil {
		t.Errorf("a library not started, ctx done: %v", err)
	}
}

// A load without an index, with TuneGC, runs with the collector set for
// its live heap, and leaves it as it was once the save is written.
func TestIndex_ColdStartWithTuneGCSetsTheCollectorAndRestoresIt(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	_, paths := sampleLibrary(t)
	idx := filepath.Join(t.TempDir(), "index.db")
	var during []int
	var mu sync.Mutex
	l := started(t, Options{Paths: paths, IndexPath: idx, TuneGC: true, onPublish: func(*Snapshot) {
		p, _ := gcSettings()
		mu.Lock()
		during = append(during, p)
		mu.Unlock()
	}})
	if st := l.Stats(); st.Parsed == 0 {
		t.Fatalf("not a cold start: %+v", st)
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(during, 100) {
		t.Errorf("GOGC during the load: %v, want 100 (a small live heap) at some snapshot", during)
	}
	if p, _ := gcSettings(); p != 77 {
		t.Errorf("after the load: GOGC %d, want 77 as before", p)
	}
	if err := l.Saved(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// coldPercent puts the next collection at coldHeapGoal, between the
// default and a quarter of it.
func TestColdPercent(t *testing.T) {
	for _, c := range []struct {
		live int64
		want int
	}{
		{0, 100},
		{10 << 20, 100},
		{65 << 20, 100},
		{70 << 20, 85},
		{75 << 20, 73},
		{100 << 20, 30},
		{120 << 20, 25},
		{150 << 20, 25},
		{1 << 30, 25},
	} {
		if got := coldPercent(c.live); got != c.want {
			t.Errorf("coldPercent(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}
