package library

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// A rescan reads again only the files whose size or time changed, and
// publishes what changed as one snapshot.
func TestRescan_ReadsOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01"), "b.txt": wire("Bravo", "ROME", "2026-01-02"), "c.txt": wire("Charlie", "OSLO", "2026-01-03")})
	l := started(t, Options{Paths: []string{dir}})
	before := l.Snapshot()
	p := filepath.Join(dir, "a.txt")
	fi, _ := os.Stat(p)
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01", "Ann Lee"), "d/e.txt": wire("Echo", "KYIV", "2026-01-04")})
	if err := os.Chtimes(p, fi.ModTime().Add(time.Second), fi.ModTime().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "b.txt")); err != nil {
		t.Fatal(err)
	}
	parsed := l.Stats().Parsed
	r, err := l.Rescan(t.Context())
	if err != nil || !r.Started || r.Files != 3 || r.Parsed != 2 || r.Added != 1 || r.Changed != 1 || r.Removed != 1 {
		t.Fatalf("rescan: %+v %v", r, err)
	}
	if got := l.Stats().Parsed - parsed; got != 2 {
		t.Errorf("%d files parsed", got)
	}
	s := l.Snapshot()
	if s.Gen() != before.Gen()+1 {
		t.Errorf("the rescan published %d snapshots", s.Gen()-before.Gen())
	}
	if got := headlines(s, ByHeadline); !slices.Equal(got, []string{"Alpha", "Charlie", "Echo"}) || byHeadline(s, "Alpha").Reactions != 1 {
		t.Errorf("after the rescan: %q", got)
	}
	// Nothing changed: nothing read, nothing published.
	r, _ = l.Rescan(t.Context())
	if r.Parsed != 0 || l.Snapshot() != s {
		t.Errorf("a rescan of an unchanged library: %+v, gen %d → %d", r, s.Gen(), l.Snapshot().Gen())
	}
}

// Rescans are shared by every caller: one at a time, and none sooner than
// MinRescan after the last one ended, whoever asked.
func TestRescan_MinimumIntervalIsShared(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01")})
	var mu sync.Mutex
	now := fixedNow
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	l := started(t, Options{Paths: []string{dir}, MinRescan: 30 * time.Second, Now: clock})
	if st := l.RescanStatus(); !st.Last.IsZero() || !st.Next.IsZero() {
		t.Errorf("before any rescan: %+v", st)
	}
	r, _ := l.Rescan(t.Context())
	if !r.Started || !r.Last.Equal(fixedNow) || !r.Next.Equal(fixedNow.Add(30*time.Second)) {
		t.Fatalf("first rescan: %+v", r)
	}
	advance(12 * time.Second)
	r, _ = l.Rescan(t.Context())
	if r.Started || !r.Next.Equal(fixedNow.Add(30*time.Second)) || !r.Last.Equal(fixedNow) {
		t.Errorf("a rescan 12 s later: %+v", r)
	}
	advance(19 * time.Second)
	if r, _ = l.Rescan(t.Context()); !r.Started || l.Stats().Rescans != 2 {
		t.Errorf("a rescan 31 s later: %+v", r)
	}
	// Many callers at once: one rescans, the others are told.
	advance(time.Minute)
	var wg sync.WaitGroup
	var mu2 sync.Mutex
	startedN := 0
	for range 8 {
		wg.Go(func() {
			r, _ := l.Rescan(context.Background())
			mu2.Lock()
			defer mu2.Unlock()
			if r.Started {
				startedN++
			} else if !r.Running && r.Next.IsZero() {
				t.Errorf("a refused rescan says neither running nor when: %+v", r)
			}
		})
	}
	wg.Wait()
	if startedN != 1 {
		t.Errorf("%d of 8 simultaneous rescans ran", startedN)
	}
}

// ChangesSince merges what the snapshots in between changed, and says so
// when it cannot.
func TestChangesSince_MergesTheSnapshotsInBetween(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01"), "b.txt": wire("Bravo", "ROME", "2026-01-02")})
	l := started(t, Options{Paths: []string{dir}})
	rescan := func(files map[string]string, remove ...string) *Snapshot {
		t.Helper()
		for name, content := range files {
			p := filepath.Join(dir, name)
			writeFiles(t, dir, map[string]string{name: content})
			// A later time, as any edit gives (the test runs faster
			// than some file systems' clocks).
			later := time.Now().Add(time.Duration(l.Snapshot().Gen()) * time.Second)
			if err := os.Chtimes(p, later, later); err != nil {
				t.Fatal(err)
			}
		}
		for _, name := range remove {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := l.Rescan(t.Context()); err != nil {
			t.Fatal(err)
		}
		return l.Snapshot()
	}
	id := func(s *Snapshot, h string) article.ID { return byHeadline(s, h).ID }
	s0 := l.Snapshot()
	alpha, bravo := id(s0, "Alpha"), id(s0, "Bravo")
	s1 := rescan(map[string]string{"c.txt": wire("Charlie", "OSLO", "2026-01-03")})
	charlie := id(s1, "Charlie")
	s2 := rescan(map[string]string{"c.txt": wire("Charlie", "OSLO", "2026-01-03", "Ann Lee"), "a.txt": wire("Alpha", "PARIS", "2026-01-01", "Bo Chan")})
	s3 := rescan(map[string]string{"d.txt": wire("Delta", "KYIV", "2026-01-04")}, "b.txt")
	delta := id(s3, "Delta")
	s4 := rescan(nil, "d.txt")

	ids := func(list []article.ID) []article.ID { out := slices.Clone(list); slices.Sort(out); return out }
	for _, tc := range []struct {
		from                    *Snapshot
		to                      *Snapshot
		added, changed, removed []article.ID
	}{
		{s0, s1, []article.ID{charlie}, nil, nil},
		{s1, s2, nil, ids([]article.ID{alpha, charlie}), nil},
		// Added then changed: added. Added then removed: nothing.
		{s0, s4, []article.ID{charlie}, []article.ID{alpha}, []article.ID{bravo}},
		{s2, s4, nil, nil, []article.ID{bravo}},
		{s2, s3, []article.ID{delta}, nil, []article.ID{bravo}},
		{s4, s4, nil, nil, nil},
	} {
		c, ok := tc.to.ChangesSince(tc.from.Gen())
		if !ok || c.From != tc.from.Gen() || c.To != tc.to.Gen() ||
			!slices.Equal(ids(c.Added), tc.added) || !slices.Equal(ids(c.Changed), tc.changed) || !slices.Equal(ids(c.Removed), tc.removed) {
			t.Errorf("changes %d→%d: %+v %v, want added %v changed %v removed %v", tc.from.Gen(), tc.to.Gen(), c, ok, tc.added, tc.changed, tc.removed)
		}
	}
	if c := s2.Changes(); len(c.Changed) != 2 || c.From != s1.Gen() {
		t.Errorf("Changes of s2: %+v", c)
	}
	if _, ok := s1.ChangesSince(s4.Gen()); ok {
		t.Error("changes from a newer snapshot")
	}
	// Past the snapshots a snapshot remembers, it says it cannot tell.
	for i := range maxHist + 1 {
		rescan(map[string]string{"c.txt": wire("Charlie", "OSLO", "2026-01-03", fmt.Sprint("Name ", i))})
	}
	if _, ok := l.Snapshot().ChangesSince(s4.Gen()); ok {
		t.Error("changes from a snapshot older than the history")
	}
}

// Whatever happens to the files, a live library ends as a fresh load of
// them would: the same articles at the same versions, the same problems,
// and orders that are each a full sort.
func TestLibrary_IncrementalEqualsAFreshLoad(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(7, 8))
	names := []string{"a.txt", "b.md", "c.json", "sub/d.txt", "sub/e.json", "sub/deep/f.txt", "g.txt", ".hidden.txt", "h.log"}
	content := func(name string, v int) string {
		switch filepath.Ext(name) {
		case ".md":
			return fmt.Sprintf("---\ntitle: Story %s v%d\ndate: 2026-0%d-01\n---\n\nBody.\n", name, v, v%9+1)
		case ".json":
			if v%5 == 0 {
				return "{"
			}
			return fmt.Sprintf(`[{"headline":"Story %s v%d a"},{"headline":"Story %s v%d b","date":"2026-02-0%d"}]`, name, v, name, v, v%9+1)
		}
		return wire(fmt.Sprintf("Story %s v%d", name, v), "PARIS", fmt.Sprintf("2026-03-0%d", v%9+1), "Ann Lee")
	}
	l := started(t, Options{Paths: []string{dir}})
	for round := range 30 {
		for range 3 {
			name := names[rng.IntN(len(names))]
			p := filepath.Join(dir, filepath.FromSlash(name))
			switch rng.IntN(4) {
			case 0:
				os.Remove(p)
			case 1:
				os.RemoveAll(filepath.Join(dir, "sub", "deep"))
			default:
				writeFiles(t, dir, map[string]string{name: content(name, round)})
				later := time.Now().Add(time.Duration(round) * time.Second)
				os.Chtimes(p, later, later)
			}
		}
		if _, err := l.Rescan(t.Context()); err != nil {
			t.Fatal(err)
		}
		got := l.Snapshot()
		fresh := started(t, Options{Paths: []string{dir}}).Snapshot()
		if a, b := articleSet(got), articleSet(fresh); !slices.Equal(a, b) {
			t.Fatalf("round %d: live library\n%q\nfresh load\n%q", round, a, b)
		}
		if a, b := problemSet(got), problemSet(fresh); !slices.Equal(a, b) {
			t.Fatalf("round %d: problems\n%q\nfresh\n%q", round, a, b)
		}
		for _, by := range Sorts {
			want := slices.Clone(got.Order(by))
			slices.SortFunc(want, func(x, y int32) int { return article.Compare(by, got.arts[x].key(), got.arts[y].key()) })
			if !slices.Equal(got.Order(by), want) || len(want) != got.Len() {
				t.Fatalf("round %d: order %s is not a full sort", round, by)
			}
		}
		for i := 1; i < got.Len(); i++ {
			if got.At(i-1).Seq() >= got.At(i).Seq() {
				t.Fatalf("round %d: articles out of load order at %d", round, i)
			}
		}
	}
}

func articleSet(s *Snapshot) []string {
	var out []string
	for i := range s.Len() {
		a := s.At(i)
		out = append(out, fmt.Sprintf("%s %x %s %s", a.ID, a.Version, a.Path, a.Headline))
	}
	slices.Sort(out)
	return out
}

func problemSet(s *Snapshot) []string {
	var out []string
	for _, p := range s.Problems() {
		out = append(out, p.String())
	}
	slices.Sort(out)
	return out
}

// A reader holding the summary of a removed file can still open it while
// the cache holds it; after that, Open says it was removed.
func TestLibrary_OpenOfARemovedFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01", "Ann Lee"), "b.txt": wire("Bravo", "ROME", "2026-01-02")})
	l := started(t, Options{Paths: []string{dir}, Watch: true})
	s := l.Snapshot()
	alpha, bravo := byHeadline(s, "Alpha"), byHeadline(s, "Bravo")
	if _, err := l.Open(t.Context(), alpha); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.txt", "b.txt"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	now := waitFor(t, l, "the removals", func(s *Snapshot) bool { return s.Len() == 0 })
	if c, _ := now.ChangesSince(s.Gen()); len(c.Removed) != 2 {
		t.Errorf("changes %+v", c)
	}
	a, err := l.Open(t.Context(), alpha)
	if err != nil || a.Headline != "Alpha" || len(a.Reactions) != 1 {
		t.Errorf("Open of a removed, cached article: %v %v", a, err)
	}
	if _, err := l.Open(t.Context(), bravo); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open of a removed article not cached: %v, want ErrNotFound", err)
	}
	if len(l.Snapshot().Problems()) != 0 {
		t.Errorf("opening removed files made problems: %v", l.Snapshot().Problems())
	}
}

func TestSnapshot_Locate(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Alpha", "PARIS", "2026-01-01"), "b.txt": wire("Bravo", "ROME", "2026-01-02")})
	s := started(t, Options{Paths: []string{dir}}).Snapshot()
	a, b := byHeadline(s, "Alpha").ID, byHeadline(s, "Bravo").ID
	got := s.Locate([]article.ID{b, "nowhere", a, b})
	if len(got) != 4 || s.At(got[0]).ID != b || got[1] != -1 || s.At(got[2]).ID != a || got[3] != got[0] {
		t.Errorf("Locate: %v", got)
	}
	if len(s.Locate(nil)) != 0 {
		t.Error("Locate(nil)")
	}
}
