package library

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// liveTimeout bounds every wait for the watcher: far above the second a
// change takes (BenchmarkLive_* measure that), so that a loaded machine
// running the race detector does not fail the test, while a change that
// never shows still does.
const liveTimeout = 15 * time.Second

// started returns a library of opt loaded to the end (and live, with
// Watch or Poll), stopped when the test ends.
func started(t *testing.T, opt Options) *Library {
	t.Helper()
	if opt.Now == nil {
		opt.Now = func() time.Time { return fixedNow }
	}
	l := New(opt)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); l.Close() })
	select {
	case <-l.Start(ctx):
	case <-time.After(liveTimeout):
		t.Fatal("load did not end")
	}
	return l
}

// waitFor waits (on Wait, no sleeping) for a snapshot of l for which ok
// holds, and returns it.
func waitFor(t *testing.T, l *Library, what string, ok func(*Snapshot) bool) *Snapshot {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), liveTimeout)
	defer cancel()
	s := l.Snapshot()
	for !ok(s) {
		var err error
		if s, err = l.Wait(ctx, s.Gen()); err != nil {
			t.Fatalf("%s: not seen within %s (last snapshot %d: %q)", what, liveTimeout, s.Gen(), headlines(s, ByPath))
		}
	}
	return s
}

// byHeadline is the summary of s with headline h, or nil.
func byHeadline(s *Snapshot, h string) *Summary {
	for i := range s.Len() {
		if a := s.At(i); a.Headline == h {
			return a
		}
	}
	return nil
}

func has(h string) func(*Snapshot) bool {
	return func(s *Snapshot) bool { return byHeadline(s, h) != nil }
}

// renameIn writes content to a hidden temporary name in dir and renames
// it to name: what a feeder should do.
func renameIn(t *testing.T, dir, name, content string) {
	t.Helper()
	tmp := filepath.Join(dir, ".tmp-"+filepath.Base(name))
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

// A watched library sees files added, edited, renamed and removed, and
// directories made later with files in them, each in a new snapshot whose
// Changes say what happened.
func TestLive_SeesEveryKindOfChange(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01", "Ann Lee")})
	l := started(t, Options{Paths: []string{dir}, Watch: true})
	s0 := l.Snapshot()
	if s0.Len() != 1 {
		t.Fatalf("%d articles at start", s0.Len())
	}
	alpha := s0.At(0)

	// A new file, written in place.
	writeFiles(t, dir, map[string]string{"b.txt": wire("Bravo", "ROME", "2026-01-02")})
	s1 := waitFor(t, l, "a new file", has("Bravo"))
	if c, ok := s1.ChangesSince(s0.Gen()); !ok || !slices.Equal(c.Added, []article.ID{byHeadline(s1, "Bravo").ID}) || len(c.Changed)+len(c.Removed) != 0 {
		t.Errorf("changes for a new file: %+v %v", c, ok)
	}

	// An edit: a reaction added.
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01", "Ann Lee", "Bo Chan")})
	s2 := waitFor(t, l, "an edit", func(s *Snapshot) bool { a := byHeadline(s, "Alpha"); return a != nil && a.Reactions == 2 })
	if c, _ := s2.ChangesSince(s1.Gen()); !slices.Equal(c.Changed, []article.ID{alpha.ID}) || len(c.Added)+len(c.Removed) != 0 {
		t.Errorf("changes for an edit: %+v", c)
	}
	if byHeadline(s2, "Alpha").ID != alpha.ID {
		t.Error("an edited file changed identity")
	}

	// A rename: the old ID goes, the new one comes.
	bravo := byHeadline(s2, "Bravo")
	if err := os.Rename(filepath.Join(dir, "b.txt"), filepath.Join(dir, "c.txt")); err != nil {
		t.Fatal(err)
	}
	s3 := waitFor(t, l, "a rename", func(s *Snapshot) bool { b := byHeadline(s, "Bravo"); return b != nil && b.ID != bravo.ID })
	if c, _ := s3.ChangesSince(s2.Gen()); !slices.Equal(c.Removed, []article.ID{bravo.ID}) || len(c.Added) != 1 || s3.Len() != 2 {
		t.Errorf("changes for a rename: %+v, %d articles", c, s3.Len())
	}

	// A removal.
	if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	s4 := waitFor(t, l, "a removal", func(s *Snapshot) bool { return byHeadline(s, "Alpha") == nil })
	if c, _ := s4.ChangesSince(s3.Gen()); !slices.Equal(c.Removed, []article.ID{alpha.ID}) {
		t.Errorf("changes for a removal: %+v", c)
	}

	// A directory made with files in it, and a file made in it later.
	writeFiles(t, dir, map[string]string{"sub/d.txt": wire("Delta", "OSLO", "2026-01-03"), "sub/deep/e.md": "# Echo\n\nBody.\n"})
	waitFor(t, l, "a new directory's files", func(s *Snapshot) bool { return has("Delta")(s) && has("Echo")(s) })
	writeFiles(t, dir, map[string]string{"sub/deep/f.json": `{"headline":"Foxtrot"}`})
	waitFor(t, l, "a file in a new directory", has("Foxtrot"))

	// A directory removed takes its files along; hidden and other files
	// never count.
	if err := os.RemoveAll(filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{".hidden.txt": wire("Hidden", "ROME", "2026-01-04"), "notes.log": "x", "g.txt": wire("Golf", "ROME", "2026-01-05")})
	s := waitFor(t, l, "a directory removed", func(s *Snapshot) bool { return has("Golf")(s) && !has("Delta")(s) && !has("Foxtrot")(s) })
	if got := headlines(s, ByHeadline); !slices.Equal(got, []string{"Bravo", "Golf"}) {
		t.Errorf("at the end %q", got)
	}
	if st := l.Stats(); st.Watching != 1 || st.Polling {
		t.Errorf("stats %+v: want the one directory left watched", st)
	}
}

// A burst of a thousand files is read in a few snapshots, not a thousand,
// and every file is in.
func TestLive_BurstIsCoalesced(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01")})
	var published atomic.Int64
	l := started(t, Options{Paths: []string{dir}, Watch: true, onPublish: func(*Snapshot) { published.Add(1) }})
	before := published.Load()
	const n = 1000
	for i := range n {
		content := wire(fmt.Sprintf("Story %04d", i), "PARIS", "2026-02-01")
		if i%2 == 0 {
			renameIn(t, dir, fmt.Sprintf("r%04d.txt", i), content)
		} else {
			writeFiles(t, dir, map[string]string{fmt.Sprintf("w%04d.txt", i): content})
		}
	}
	s := waitFor(t, l, "a burst", func(s *Snapshot) bool { return s.Len() == n+1 })
	snaps := published.Load() - before
	t.Logf("%d files in %d snapshots", n, snaps)
	if snaps > n/20 {
		t.Errorf("%d files made %d snapshots", n, snaps)
	}
	for _, by := range Sorts {
		if len(s.Order(by)) != n+1 {
			t.Errorf("order %s holds %d", by, len(s.Order(by)))
		}
	}
}

// A file written in two halves with a pause shorter than Quiet between
// them is never published half; one that fails to parse half-way is read
// again before its error is reported.
func TestLive_HalfWrittenFileIsNeverPublished(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01")})
	var mu sync.Mutex
	var bad []string
	full := wire("Half", "ROME", "2026-01-02", "Ann Lee", "Bo Chan", "Cy Dee")
	fullJSON := `{"headline":"Jay","reactions":[{"name":"Ann Lee","quote":"Q"}]}`
	check := func(s *Snapshot) {
		mu.Lock()
		defer mu.Unlock()
		if a := byHeadline(s, "Half"); a != nil && a.Reactions != 3 {
			bad = append(bad, fmt.Sprintf("snapshot %d: Half with %d reactions", s.Gen(), a.Reactions))
		}
		for _, p := range errorsOf(s) {
			if strings.Contains(p.Path, "j.json") {
				bad = append(bad, fmt.Sprintf("snapshot %d: %s", s.Gen(), p))
			}
		}
	}
	quiet := 300 * time.Millisecond
	l := started(t, Options{Paths: []string{dir}, Watch: true, Quiet: quiet, onPublish: check})
	write := func(name, first, rest string, pause time.Duration) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(first); err != nil {
			t.Fatal(err)
		}
		// The pause is the writer's, part of what is tested: it is not
		// waiting for the library.
		time.Sleep(pause)
		if _, err := f.WriteString(rest); err != nil {
			t.Fatal(err)
		}
	}
	// The first half is an article on its own (it has fewer reactions).
	cut := strings.Index(full, "Bo Chan")
	write("h.txt", full[:cut], full[cut:], quiet/3)
	// The first half does not parse, and the pause is longer than Quiet:
	// the retry reads it whole.
	write("j.json", fullJSON[:20], fullJSON[20:], quiet+quiet/3)
	waitFor(t, l, "both files", func(s *Snapshot) bool { return has("Half")(s) && has("Jay")(s) })
	mu.Lock()
	defer mu.Unlock()
	if len(bad) > 0 {
		t.Errorf("published half-written: %q", bad)
	}
}

// A file that stays broken is reported, after its one retry.
func TestLive_BrokenFileIsReportedAfterItsRetry(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01")})
	l := started(t, Options{Paths: []string{dir}, Watch: true, Quiet: 50 * time.Millisecond})
	renameIn(t, dir, "bad.json", "{")
	s := waitFor(t, l, "the error of a broken file", func(s *Snapshot) bool { return len(errorsOf(s)) > 0 })
	if p := errorsOf(s); len(p) != 1 || !strings.HasSuffix(p[0].Path, "bad.json") {
		t.Errorf("errors %v", p)
	}
	renameIn(t, dir, "bad.json", `{"headline":"Fixed"}`)
	s = waitFor(t, l, "the fixed file", has("Fixed"))
	if p := errorsOf(s); len(p) != 0 {
		t.Errorf("the fixed file's error stayed: %v", p)
	}
}

// A file named on its own is watched too: edited, removed (then an error,
// as at start) and back.
func TestLive_NamedFileIsWatched(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "story.log")
	writeFiles(t, dir, map[string]string{"story.log": wire("One", "PARIS", "2026-01-01"), "other.txt": wire("Other", "ROME", "2026-01-01")})
	l := started(t, Options{Paths: []string{p}, Watch: true, Quiet: 50 * time.Millisecond})
	renameIn(t, dir, "story.log", wire("Two", "PARIS", "2026-01-01"))
	waitFor(t, l, "an edit of a named file", has("Two"))
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	s := waitFor(t, l, "a named file removed", func(s *Snapshot) bool { return s.Len() == 0 })
	if pr := errorsOf(s); len(pr) != 1 || pr[0].Message != "no such file or directory" {
		t.Errorf("problems of a named file removed: %v", pr)
	}
	writeFiles(t, dir, map[string]string{"other.txt": wire("Other two", "ROME", "2026-01-01")})
	renameIn(t, dir, "story.log", wire("Three", "PARIS", "2026-01-01"))
	s = waitFor(t, l, "a named file back", has("Three"))
	if s.Len() != 1 || len(errorsOf(s)) != 0 {
		t.Errorf("after: %q, problems %v", headlines(s, ByPath), s.Problems())
	}
}

// errorsOf is the error problems of s.
func errorsOf(s *Snapshot) []article.Problem {
	var errs []article.Problem
	for _, p := range s.Problems() {
		if p.Severity == article.SeverityError {
			errs = append(errs, p)
		}
	}
	return errs
}

// limitedWatcher is fsnotify's watcher that refuses more than n watches,
// as inotify does at its limit.
type limitedWatcher struct {
	fsWatcher
	mu sync.Mutex
	n  int
}

func (w *limitedWatcher) Add(p string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.n == 0 {
		return fmt.Errorf("inotify_add_watch %s: %w", p, syscall.ENOSPC)
	}
	w.n--
	return w.fsWatcher.Add(p)
}

// logBuffer is a logger whose lines the test reads.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *logBuffer) logger() *slog.Logger { return slog.New(slog.NewTextHandler(b, nil)) }

// At the system's watch limit the library says so once, with the limit
// and how to raise it, and rescans what it could not watch.
func TestLive_WatchLimitFallsBackToRescans(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a/x.txt": wire("Ax", "PARIS", "2026-01-01"), "b/y.txt": wire("By", "ROME", "2026-01-01"), "c/z.txt": wire("Cz", "OSLO", "2026-01-01")})
	var logs logBuffer
	l := started(t, Options{Paths: []string{dir}, Watch: true, UnwatchedEvery: 50 * time.Millisecond, Logger: logs.logger(),
		watcher: func() (fsWatcher, error) {
			w, err := newNotifyWatcher()
			return &limitedWatcher{fsWatcher: w, n: 2}, err // the root and a/
		}})
	st := l.Stats()
	if st.Watching != 2 || st.Unwatched != 2 || st.WatchLimit != watchLimit() {
		t.Errorf("stats %+v", st)
	}
	// In a watched directory, as ever; in unwatched ones, by rescans.
	writeFiles(t, dir, map[string]string{"a/x2.txt": wire("Ax two", "PARIS", "2026-01-01"), "c/z2.txt": wire("Cz two", "OSLO", "2026-01-01")})
	waitFor(t, l, "files in watched and unwatched directories", func(s *Snapshot) bool { return has("Ax two")(s) && has("Cz two")(s) })
	if err := os.Remove(filepath.Join(dir, "b", "y.txt")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, l, "a file removed from an unwatched directory", func(s *Snapshot) bool { return !has("By")(s) })
	out := logs.String()
	if n := strings.Count(out, "limit"); n != 1 {
		t.Fatalf("%d messages about the limit:\n%s", n, out)
	}
	for _, want := range []string{"fs.inotify.max_user_watches", "sudo sysctl", "rescanned every 50ms"} {
		if !strings.Contains(out, want) {
			t.Errorf("the message lacks %q:\n%s", want, out)
		}
	}
	if lim := watchLimit(); lim > 0 && !strings.Contains(out, fmt.Sprintf("limit of %d", lim)) {
		t.Errorf("the message does not give the limit %d:\n%s", lim, out)
	}
}

// When no watcher can be made, the library says so and rescans instead.
func TestLive_NoWatcherFallsBackToRescans(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01")})
	var logs logBuffer
	l := started(t, Options{Paths: []string{dir}, Watch: true, UnwatchedEvery: 50 * time.Millisecond, Logger: logs.logger(),
		watcher: func() (fsWatcher, error) { return nil, errors.New("too many open files") }})
	writeFiles(t, dir, map[string]string{"b.txt": wire("Bravo", "ROME", "2026-01-01")})
	waitFor(t, l, "a file without a watcher", has("Bravo"))
	if !l.Stats().Polling || !strings.Contains(logs.String(), "cannot be watched") {
		t.Errorf("stats %+v, log %s", l.Stats(), logs.String())
	}
}

// With Poll the library is rescanned on a timer, never watched.
func TestLive_PollMode(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01")})
	made := false
	l := started(t, Options{Paths: []string{dir}, Watch: true, Poll: 50 * time.Millisecond,
		watcher: func() (fsWatcher, error) { made = true; return newNotifyWatcher() }})
	writeFiles(t, dir, map[string]string{"sub/b.txt": wire("Bravo", "ROME", "2026-01-01")})
	waitFor(t, l, "a polled new file", has("Bravo"))
	if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, l, "a polled removal", func(s *Snapshot) bool { return !has("Alpha")(s) })
	if st := l.Stats(); !st.Polling || st.Watching != 0 || made {
		t.Errorf("poll mode: stats %+v, watcher made %v", st, made)
	}
}

// What a hostile or careless feeder can put in a watched directory gets
// the loader's treatment: a FIFO is never opened, a link loop is not
// walked twice, a directory named like an article is an error, a
// directory swapped for a file takes its articles along; the live
// library ends as a fresh load of the same files.
func TestLive_HostileChangesEndAsAFreshLoad(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01"), "sub/b.txt": wire("Bravo", "ROME", "2026-01-02")})
	l := started(t, Options{Paths: []string{dir}, Watch: true, Quiet: 50 * time.Millisecond})
	if err := syscall.Mkfifo(filepath.Join(dir, "p.txt"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "d.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"sub": "a file now", "c.txt": wire("Charlie", "OSLO", "2026-01-03")})
	s := waitFor(t, l, "the hostile changes", func(s *Snapshot) bool { return has("Charlie")(s) && !has("Bravo")(s) && len(errorsOf(s)) == 2 })
	fresh := started(t, Options{Paths: []string{dir}}).Snapshot()
	if a, b := articleSet(s), articleSet(fresh); !slices.Equal(a, b) {
		t.Errorf("live\n%q\nfresh\n%q", a, b)
	}
	if a, b := problemSet(s), problemSet(fresh); !slices.Equal(a, b) {
		t.Errorf("live problems\n%q\nfresh\n%q", a, b)
	}
}
