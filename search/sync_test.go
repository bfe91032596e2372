package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// writeWire writes a small wire article to dir/name.
func writeWire(t *testing.T, dir, name, headline, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	text := fmt.Sprintf("%s\n\nMOSCOW, Feb 1 (Reuters) — %s\n\nReaction & Analysis\n\nLi Wei, Analyst (Beijing): \"A quote about %s.\"\n", headline, body, headline)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// loadLibrary loads dir to the end.
func loadLibrary(t *testing.T, dir string) *library.Library {
	t.Helper()
	lib := library.New(library.Options{Paths: []string{dir}})
	waitDone(t, lib.Start(t.Context()))
	return lib
}

// waitDone waits for a load to end.
func waitDone(t *testing.T, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the library did not load")
	}
}

// headlines are the headlines of query's hits, sorted.
func headlines(t *testing.T, x *Index, query string) []string {
	t.Helper()
	hits, err := x.Search(t.Context(), query, MaxLimit)
	if err != nil {
		t.Fatalf("Search(%q): %v", query, err)
	}
	out := []string{}
	for _, h := range hits {
		out = append(out, h.Headline.Text)
	}
	slices.Sort(out)
	return out
}

// progressLog records the progress calls.
type progressLog struct {
	mu    sync.Mutex
	calls [][2]int
}

func (p *progressLog) f(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, [2]int{done, total})
}

func (p *progressLog) last() [2]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.calls) == 0 {
		return [2]int{-1, -1}
	}
	return p.calls[len(p.calls)-1]
}

// TestSync_AddChangeRemove: the index follows the library's snapshots:
// a new file is found, a changed file is found by its new words only, a
// removed file is no longer found.
func TestSync_AddChangeRemove(t *testing.T) {
	dir := t.TempDir()
	writeWire(t, dir, "a.txt", "Kestrels return to Moscow", "Birds were seen.")
	writeWire(t, dir, "b.txt", "Talks on the Taiwan Strait", "Security officials met.")
	lib := loadLibrary(t, dir)
	x := openTemp(t, Options{})
	var log progressLog
	if err := x.Sync(t.Context(), lib, lib.Snapshot(), log.f); err != nil {
		t.Fatal(err)
	}
	if got := log.last(); got != [2]int{2, 2} || log.calls[0] != [2]int{0, 2} {
		t.Errorf("progress %v", log.calls)
	}
	if got := headlines(t, x, "kestrels"); !slices.Equal(got, []string{"Kestrels return to Moscow"}) {
		t.Errorf("kestrels: %q", got)
	}
	if x.Len() != 2 {
		t.Errorf("Len %d", x.Len())
	}

	// Nothing changed: nothing is read again.
	log = progressLog{}
	if err := x.Sync(t.Context(), lib, lib.Snapshot(), log.f); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(log.calls, [][2]int{{2, 2}}) {
		t.Errorf("progress of a sync with nothing to do: %v", log.calls)
	}

	// Add, change, remove.
	needVersions(t, lib.Snapshot())
	writeWire(t, dir, "c.txt", "Harbour reopens", "Ships sail again.")
	writeWire(t, dir, "a.txt", "Falcons return to Moscow", "Birds were seen.")
	os.Remove(filepath.Join(dir, "b.txt"))
	waitDone(t, lib.Reload(t.Context()))
	log = progressLog{}
	if err := x.Sync(t.Context(), lib, lib.Snapshot(), log.f); err != nil {
		t.Fatal(err)
	}
	if got := log.last(); got != [2]int{2, 2} || log.calls[0] != [2]int{0, 2} {
		t.Errorf("progress %v", log.calls)
	}
	for query, want := range map[string][]string{
		"harbour":  {"Harbour reopens"},
		"falcons":  {"Falcons return to Moscow"},
		"kestrels": {},
		"taiwan":   {},
		"moscow":   {"Falcons return to Moscow", "Harbour reopens"}, // the dateline
		"li":       {"Falcons return to Moscow", "Harbour reopens"},
	} {
		if got := headlines(t, x, query); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", query, got, want)
		}
	}
	if x.Len() != 2 {
		t.Errorf("Len %d", x.Len())
	}
}

// TestSync_StaleSnapshot: a file changed after the snapshot was made is
// indexed as it is now (Open reads it again), never as the snapshot knew it.
func TestSync_StaleSnapshot(t *testing.T) {
	dir := t.TempDir()
	writeWire(t, dir, "a.txt", "Kestrels return", "Birds were seen.")
	lib := loadLibrary(t, dir)
	snap := lib.Snapshot()
	writeWire(t, dir, "a.txt", "Falcons return", "Birds were seen.")
	x := openTemp(t, Options{})
	if err := x.Sync(t.Context(), lib, snap, nil); err != nil {
		t.Fatal(err)
	}
	if got := headlines(t, x, "falcons"); len(got) != 1 {
		t.Errorf("falcons: %q", got)
	}
	if got := headlines(t, x, "kestrels"); len(got) != 0 {
		t.Errorf("kestrels: %q", got)
	}
	// The library published the file's new summary: in step already.
	var log progressLog
	if err := x.Sync(t.Context(), lib, lib.Snapshot(), log.f); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(log.calls, [][2]int{{1, 1}}) {
		t.Errorf("progress %v", log.calls)
	}
}

// TestSync_UnreadableFile: an article whose file went away since the
// snapshot is skipped (a later snapshot drops it), and an older version
// of it leaves the index.
func TestSync_UnreadableFile(t *testing.T) {
	dir := t.TempDir()
	writeWire(t, dir, "a.txt", "Kestrels return", "Birds were seen.")
	lib := loadLibrary(t, dir)
	x := openTemp(t, Options{})
	if err := x.Sync(t.Context(), lib, lib.Snapshot(), nil); err != nil {
		t.Fatal(err)
	}
	writeWire(t, dir, "b.txt", "Falcons return", "Birds were seen.")
	waitDone(t, lib.Reload(t.Context()))
	snap := lib.Snapshot()
	os.Remove(filepath.Join(dir, "b.txt"))
	if err := x.Sync(t.Context(), lib, snap, nil); err != nil {
		t.Fatal(err)
	}
	if got := headlines(t, x, "falcons"); len(got) != 0 {
		t.Errorf("falcons: %q", got)
	}
	if got := headlines(t, x, "kestrels"); len(got) != 1 {
		t.Errorf("kestrels: %q", got)
	}

	needVersions(t, snap)
	writeWire(t, dir, "a.txt", "Kestrels leave", "Birds were seen.")
	waitDone(t, lib.Reload(t.Context()))
	snap = lib.Snapshot()
	os.Remove(filepath.Join(dir, "a.txt"))
	if err := x.Sync(t.Context(), lib, snap, nil); err != nil {
		t.Fatal(err)
	}
	if got := headlines(t, x, "kestrels"); len(got) != 0 {
		t.Errorf("kestrels: %q", got)
	}
}

// needVersions skips the rest of a test when the loader does not give
// articles a Version (a hash of the file; zero means unknown): without
// one, an edited file cannot be told from the one indexed.
func needVersions(t *testing.T, snap *library.Snapshot) {
	t.Helper()
	if snap.Len() > 0 && snap.At(0).Version == 0 {
		t.Skip("the loader gives no article.Version yet: edits cannot be seen")
	}
}

// TestSync_Cancelled: a cancelled Sync keeps what it committed and the
// next one goes on from there.
func TestSync_Cancelled(t *testing.T) {
	dir := t.TempDir()
	for i := range 30 {
		writeWire(t, dir, fmt.Sprintf("%02d.txt", i), fmt.Sprintf("Story %d about kestrels", i), "Birds.")
	}
	lib := loadLibrary(t, dir)
	x := openTemp(t, Options{})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := x.Sync(ctx, lib, lib.Snapshot(), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	var log progressLog
	if err := x.Sync(t.Context(), lib, lib.Snapshot(), log.f); err != nil {
		t.Fatal(err)
	}
	if got := log.last(); got != [2]int{30, 30} {
		t.Errorf("progress %v", log.calls)
	}
	if got := len(headlines(t, x, "kestrels")); got != 30 {
		t.Errorf("%d hits", got)
	}
}

// TestFollow_NewFileSearchable: Follow indexes each new snapshot as it
// is published: a file added to the library is found once its snapshot
// is out.
func TestFollow_NewFileSearchable(t *testing.T) {
	dir := t.TempDir()
	writeWire(t, dir, "a.txt", "Kestrels return", "Birds were seen.")
	lib := loadLibrary(t, dir)
	x := openTemp(t, Options{})
	progress := make(chan [2]int, 100)
	ctx, cancel := context.WithCancel(t.Context())
	followed := make(chan error, 1)
	go func() {
		followed <- x.Follow(ctx, lib, func(done, total int) { progress <- [2]int{done, total} })
	}()
	waitProgress(t, progress, [2]int{1, 1})

	writeWire(t, dir, "b.txt", "Harbour reopens", "Ships sail again.")
	waitDone(t, lib.Reload(t.Context()))
	waitProgress(t, progress, [2]int{2, 2})
	if got := headlines(t, x, "harbour"); len(got) != 1 {
		t.Errorf("harbour: %q", got)
	}
	cancel()
	if err := <-followed; !errors.Is(err, context.Canceled) {
		t.Errorf("Follow returned %v", err)
	}
}

// TestFollow_WaitsForTheFirstLoadToEnd: the index syncs the library once
// its first load has ended (the user waits for that load), never a
// snapshot still loading.
func TestFollow_WaitsForTheFirstLoadToEnd(t *testing.T) {
	dir := t.TempDir()
	for i := range 80 {
		writeWire(t, dir, fmt.Sprintf("%02d.txt", i), fmt.Sprintf("Story %d", i), "Text.")
	}
	lib := library.New(library.Options{Paths: []string{dir}, PublishEvery: time.Microsecond})
	x := openTemp(t, Options{})
	var mu sync.Mutex
	var totals []int
	progress := make(chan [2]int, 1000)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go x.Follow(ctx, lib, func(done, total int) {
		mu.Lock()
		totals = append(totals, total)
		mu.Unlock()
		progress <- [2]int{done, total}
	})
	waitDone(t, lib.Start(t.Context()))
	waitProgress(t, progress, [2]int{80, 80})
	mu.Lock()
	defer mu.Unlock()
	for _, n := range totals {
		if n != 80 {
			t.Fatalf("the index synced a snapshot of %d articles while the library loaded (progress totals %v)", n, totals)
		}
	}
}

// waitProgress waits for the progress report want.
func waitProgress(t *testing.T, ch <-chan [2]int, want [2]int) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case got := <-ch:
			if got == want {
				return
			}
		case <-deadline:
			t.Fatalf("no progress %v", want)
		}
	}
}

// TestSync_SharedFile: two indexes on one file (two processes) see each
// other's writes: the second's Sync knows what the first indexed.
func TestSync_SharedFile(t *testing.T) {
	dir := t.TempDir()
	writeWire(t, dir, "a.txt", "Kestrels return", "Birds were seen.")
	lib := loadLibrary(t, dir)
	path := filepath.Join(t.TempDir(), FileName)
	x1, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x1.Close()
	x2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x2.Close()
	if err := x1.Sync(t.Context(), lib, lib.Snapshot(), nil); err != nil {
		t.Fatal(err)
	}
	if got := headlines(t, x2, "kestrels"); len(got) != 1 {
		t.Errorf("the other index does not see the article: %q", got)
	}
	var log progressLog
	if err := x2.Sync(t.Context(), lib, lib.Snapshot(), log.f); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(log.calls, [][2]int{{1, 1}}) {
		t.Errorf("the other index read the article again: %v", log.calls)
	}
}

// TestSync_TwoWritersAtOnce: two processes syncing one file at once
// both succeed (one waits for the other's transaction), and the index
// holds each article once.
func TestSync_TwoWritersAtOnce(t *testing.T) {
	dir := t.TempDir()
	for i := range 60 {
		writeWire(t, dir, fmt.Sprintf("%02d.txt", i), fmt.Sprintf("Story %d about kestrels", i), "Birds.")
	}
	lib := loadLibrary(t, dir)
	path := filepath.Join(t.TempDir(), FileName)
	var xs [2]*Index
	for i := range xs {
		x, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		xs[i] = x
	}
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Go(func() {
			if err := x.Sync(t.Context(), lib, lib.Snapshot(), nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := len(headlines(t, xs[0], "kestrels")); got != 60 {
		t.Errorf("%d hits, want 60", got)
	}
}

// countingFS counts the opens of each file of a library's file system.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// Stat is not counted: the loader looks at a file before it reads it.
func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *countingFS) count(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opens[name]
}

// TestSync_ReadsEachFileOnceAndKeepsReadersArticles: a build reads a
// JSON array of many articles once (not once per article), and does not
// push out of the library's cache the article a reader has open.
func TestSync_ReadsEachFileOnceAndKeepsReadersArticles(t *testing.T) {
	var arr strings.Builder
	arr.WriteString("[")
	for i := range 50 {
		if i > 0 {
			arr.WriteString(",")
		}
		fmt.Fprintf(&arr, `{"headline":"Wire %d","body":"Kestrels number %d were counted."}`, i, i)
	}
	arr.WriteString("]")
	files := fstest.MapFS{"wires.json": {Data: []byte(arr.String())}}
	for i := range 5 {
		files[fmt.Sprintf("a%d.txt", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "Story %d\n\nMOSCOW, Feb 1 (Reuters) — Harbour %d.\n", i, i)}
	}
	fsys := &countingFS{FS: files, opens: map[string]int{}}
	lib := library.New(library.Options{FS: fsys, FSPrefix: "seeds", CacheSize: 2})
	waitDone(t, lib.Start(t.Context()))
	snap := lib.Snapshot()
	i, ok := snap.Lookup("seeds/a0.txt")
	if !ok {
		t.Fatal("no seeds/a0.txt")
	}
	open, err := lib.Open(t.Context(), snap.At(i))
	if err != nil {
		t.Fatal(err)
	}
	loaded := fsys.count("wires.json")

	x := openTemp(t, Options{})
	if err := x.Sync(t.Context(), lib, snap, nil); err != nil {
		t.Fatal(err)
	}
	if got := len(headlines(t, x, "kestrels")); got != 50 {
		t.Errorf("%d of the array's 50 articles found", got)
	}
	if n := fsys.count("wires.json") - loaded; n != 1 {
		t.Errorf("the build opened the array %d times, want once", n)
	}
	again, err := lib.Open(t.Context(), snap.At(i))
	if err != nil || again != open {
		t.Errorf("the reader's article was pushed out of the cache by the build (%p, then %p, %v)", open, again, err)
	}
}

// TestSync_TrigramsOnlyOfCJKFields: an English article that quotes a
// commentator whose name is in Chinese is found by that name and by a CJK
// phrase in its body, while the trigram index keeps only the fields that
// have CJK text (the English body is not in it).
func TestSync_TrigramsOnlyOfCJKFields(t *testing.T) {
	x := openTemp(t, Options{})
	put(t, x, &article.Article{ID: "mixed", Version: 1, Headline: "Summit Ends With a Statement",
		Paragraphs: []string{"Delegates at the G20峰会 summit agreed on little.", "Security officials watched."},
		Reactions:  []article.Reaction{{Name: "王小明", Role: "Analyst", Quote: "Nothing new."}}})
	for _, q := range []string{"王小明", `"G20峰会 summit"`, "峰会", "officials"} {
		if got := headlines(t, x, q); len(got) != 1 {
			t.Errorf("%s: %q, want the article", q, got)
		}
	}
	var body, names, quotes string
	if err := x.r.QueryRowContext(t.Context(), `SELECT body, names, quotes FROM tri`).Scan(&body, &names, &quotes); err != nil {
		t.Fatal(err)
	}
	if names != "王小明" || quotes != "" || !strings.Contains(body, "G20峰会") {
		t.Errorf("trigram index holds body %q, names %q, quotes %q", body, names, quotes)
	}
	put(t, x, &article.Article{ID: "mixed", Version: 2, Headline: "Summit Ends",
		Paragraphs: []string{"No CJK now."}, Reactions: []article.Reaction{{Name: "王小明", Role: "Analyst", Quote: "Nothing."}}})
	if got := headlines(t, x, "峰会"); len(got) != 0 {
		t.Errorf("the old version is still found: %q", got)
	}
}

// gcPercent is the collector's GOGC, read without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// A build of many articles with TuneGC keeps the heap near what is live,
// and gives the collector back its setting; a small Sync, an index
// without TuneGC, and a GOGC the user set leave it alone.
func TestSync_TuneGCDuringABuild(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	was := gcPercent()
	tuned := &Index{opt: Options{TuneGC: true}}
	restore := tuned.tuneGC(buildGCFrom)
	if p := gcPercent(); p != buildGCPercent {
		t.Errorf("during a build of %d articles: GOGC %d, want %d", buildGCFrom, p, buildGCPercent)
	}
	restore()
	if p := gcPercent(); p != was {
		t.Errorf("after the build: GOGC %d, want %d as before", p, was)
	}
	for name, restore := range map[string]func(){
		"a Sync of one article":   tuned.tuneGC(1),
		"an index without TuneGC": (&Index{}).tuneGC(buildGCFrom),
	} {
		if p := gcPercent(); p != was {
			t.Errorf("%s: GOGC %d, want %d untouched", name, p, was)
		}
		restore()
	}
	t.Setenv("GOGC", "80")
	restore = tuned.tuneGC(buildGCFrom)
	if p := gcPercent(); p != was {
		t.Errorf("with GOGC set: %d, want %d untouched", p, was)
	}
	restore()
}

// A build reads each file once for its articles: byFile groups a JSON
// array's articles, which a snapshot holds one after another, and a file
// whose articles were ever apart is read once for each run, never
// dropped.
func TestByFile_GroupsEachFilesRun(t *testing.T) {
	sum := func(path string, n int) *library.Summary {
		return &library.Summary{ID: article.ID(fmt.Sprintf("%s#%d", path, n)), Path: path}
	}
	a1, a2, a3 := sum("a.json", 1), sum("a.json", 2), sum("a.json", 3)
	b, c := sum("b.txt", 0), sum("c.md", 0)
	late := sum("b.txt", 9)
	got := byFile([]*library.Summary{a1, a2, a3, b, c, late})
	want := [][]*library.Summary{{a1, a2, a3}, {b}, {c}, {late}}
	if !slices.EqualFunc(got, want, func(x, y []*library.Summary) bool { return slices.Equal(x, y) }) {
		t.Errorf("byFile = %v, want %v", got, want)
	}
	if got := byFile(nil); len(got) != 0 {
		t.Errorf("byFile(nil) = %v", got)
	}
}
