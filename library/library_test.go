package library

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// fixedNow dates yearless wire dates in tests.
var fixedNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// wire is a small wire article; an ISO date is written the way wires
// write dates ("March 1, 2026").
func wire(headline, place, date string, names ...string) string {
	if d, err := time.Parse("2006-01-02", date); err == nil {
		date = d.Format("January 2, 2006")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n%s, %s (Reuters) — Body text of %s.\n\nReactions\n\n", headline, place, date, headline)
	for _, n := range names {
		fmt.Fprintf(&b, "%s, Analyst (London): \"A quote by %s.\"\n\n", n, n)
	}
	return b.String()
}

// hardWrapped is a text of wire's with its datelines and its
// commentators' names wrapped onto a second line: paragraphs joined from
// several lines.
func hardWrapped(text string) string {
	return strings.NewReplacer(" (Reuters)", "\n(Reuters)", ", Analyst", "\n, Analyst").Replace(text)
}

// writeFiles writes name → content under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// loaded returns a library of paths loaded to the end.
func loaded(t *testing.T, opt Options) (*Library, *Snapshot) {
	t.Helper()
	if opt.Now == nil {
		opt.Now = func() time.Time { return fixedNow }
	}
	l := New(opt)
	select {
	case <-l.Start(t.Context()):
	case <-time.After(10 * time.Second):
		t.Fatal("load did not end")
	}
	s := l.Snapshot()
	if s.Loading() {
		t.Fatal("final snapshot still loading")
	}
	return l, s
}

// headlines lists the headlines of s in order by.
func headlines(s *Snapshot, by Sort) []string {
	var out []string
	for _, i := range s.Order(by) {
		out = append(out, s.At(int(i)).Headline)
	}
	return out
}

func TestLibrary_LoadsSummariesAndOrders(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt":      wire("Beta story", "PARIS", "2026-03-01", "Ann Lee"),
		"b.txt":      wire("alpha story", "KYIV", "2026-05-01", "Dr. Bo Chan", "Cy Dee"),
		"c.txt":      wire("Gamma story", "ROME", "no date"),
		"sub/d.json": `[{"headline":"Delta one","date":"2026-04-01"},{"bad":1},{"headline":"Delta three","date":"2026-04-01","reactions":[{"name":"Ann Lee","quote":"Q"}]}]`,
		"bad.json":   `{`,
	})
	_, s := loaded(t, Options{Paths: []string{dir}})
	if s.Len() != 5 {
		t.Fatalf("%d articles, want 5", s.Len())
	}
	if got, want := headlines(s, ByDate), []string{"alpha story", "Delta one", "Delta three", "Beta story", "Gamma story"}; !slices.Equal(got, want) {
		t.Errorf("by date %q, want %q", got, want)
	}
	if got, want := headlines(s, ByHeadline), []string{"alpha story", "Beta story", "Delta one", "Delta three", "Gamma story"}; !slices.Equal(got, want) {
		t.Errorf("by headline %q, want %q", got, want)
	}
	if got, want := headlines(s, ByReactions), []string{"alpha story", "Delta three", "Beta story", "Delta one", "Gamma story"}; !slices.Equal(got, want) {
		t.Errorf("by reactions %q, want %q", got, want)
	}
	i, ok := s.Find(s.At(int(s.Order(ByDate)[0])).ID)
	if !ok {
		t.Fatal("Find lost the first article")
	}
	a := s.At(i)
	if a.Place != "KYIV" || a.Date != "May 1, 2026" || a.Source != "Reuters" || a.Reactions != 2 ||
		!slices.Equal(a.Names, []string{"Dr. Bo Chan", "Cy Dee"}) || a.When.IsZero() || a.Dateline() != "KYIV · May 1, 2026 · Reuters" {
		t.Errorf("summary %+v", a)
	}
	var errs []string
	for _, p := range s.Problems() {
		if p.Severity == article.SeverityError {
			errs = append(errs, filepath.Base(p.Path)+": "+p.Message)
		}
	}
	if len(errs) != 2 || !strings.HasPrefix(errs[0], "bad.json") || !strings.Contains(errs[1], "article 2") {
		t.Errorf("errors %q", errs)
	}
}

func TestLibrary_StreamingMergeEqualsFullSort(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		date := fmt.Sprintf("2025-%02d-%02d", rng.IntN(12)+1, rng.IntN(28)+1)
		if i%17 == 0 {
			date = "someday"
		}
		names := []string{"A B", "C D", "E F", "G H"}[:rng.IntN(4)]
		files[fmt.Sprintf("d%d/%03d.txt", i%3, i)] = wire(fmt.Sprintf("Story %c %d", 'a'+rune(rng.IntN(26)), i), "PARIS", date, names...)
	}
	writeFiles(t, dir, files)
	// Publishing very often makes many snapshots, each merging a few
	// new articles into the previous orders.
	l := New(Options{Paths: []string{dir}, PublishEvery: time.Microsecond, Now: func() time.Time { return fixedNow }})
	ctx := t.Context()
	done := l.Start(ctx)
	var gens []uint64
	var seen *Snapshot
	for {
		s, err := l.Wait(ctx, 0)
		if seen != nil {
			s, err = l.Wait(ctx, seen.Gen())
		}
		if err != nil {
			t.Fatal(err)
		}
		gens = append(gens, s.Gen())
		seen = s
		if !s.Loading() {
			break
		}
	}
	<-done
	if len(gens) < 2 {
		t.Logf("only %d snapshots", len(gens))
	}
	s := l.Snapshot()
	for _, by := range Sorts {
		want := make([]int32, s.Len())
		for i := range want {
			want[i] = int32(i)
		}
		slices.SortFunc(want, func(x, y int32) int { return article.Compare(by, s.arts[x].key(), s.arts[y].key()) })
		if !slices.Equal(s.Order(by), want) {
			t.Errorf("%s order after %d snapshots differs from a full sort", by, len(gens))
		}
	}
}

func TestMergeOrder_MatchesFullSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	// Headlines that tie, differ only in case, share their first 8 bytes
	// or end within them, and runes that lower-casing makes shorter (the
	// Kelvin sign) or that the 8th byte cuts.
	heads := []string{"0", "1", "Abcdefgh", "abcdefgh", "ABCDEFGHI", "abcdefgh z", "abcdefg", "abcdefgé", "abcdefgÉ",
		"abcdefgz", "Kelvin", "kelvin", "Kelvin", "ÅÄÖ", "åäö!", "a", "", "日本語のニュース", "日本語"}
	for trial := range 400 {
		n := rng.IntN(300)
		if trial%50 == 0 {
			n = 3*keyChunk + rng.IntN(keyChunk) // several chunks of keys
		}
		arts := make([]*Summary, n)
		for i := range arts {
			a := &Summary{Headline: heads[rng.IntN(len(heads))], Reactions: rng.IntN(3), seq: i, Path: fmt.Sprint(rng.IntN(4))}
			switch rng.IntN(5) {
			case 0: // undated
			case 1: // before 1970 and before year 1, and within a second
				a.When = time.Date(rng.IntN(3)-1, 1, 1, 0, 0, 0, rng.IntN(2)*999, time.UTC)
			default:
				a.When = time.Date(2025, 1, rng.IntN(5)+1, 0, 0, 0, rng.IntN(2), time.UTC)
			}
			arts[i] = a
		}
		keys := makeKeys(nil, arts)
		split := 0
		if n > 0 {
			split = rng.IntN(n + 1)
		}
		all := make([]int32, n)
		for i := range all {
			all[i] = int32(i)
		}
		for _, by := range Sorts {
			want := slices.Clone(all)
			slices.SortFunc(want, func(x, y int32) int { return article.Compare(by, arts[x].key(), arts[y].key()) })
			for _, keys := range []orderKeys{keys, nil} {
				old := mergeOrder(by, nil, all[:split], arts, keys)
				got := mergeOrder(by, old, all[split:], arts, keys)
				if !slices.Equal(got, want) {
					t.Fatalf("trial %d %s (keys %v): merge %v, full %v", trial, by, keys != nil, got, want)
				}
			}
		}
	}
}

func TestSnapshot_OldOneNeverChanges(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("One", "PARIS", "2026-01-01"), "b.txt": wire("Two", "ROME", "2026-01-02")})
	l, old := loaded(t, Options{Paths: []string{dir}})
	before := headlines(old, ByDate)
	writeFiles(t, dir, map[string]string{"c.txt": wire("Three", "OSLO", "2026-01-03")})
	if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	select {
	case <-l.Reload(t.Context()):
	case <-time.After(10 * time.Second):
		t.Fatal("reload did not end")
	}
	now := l.Snapshot()
	if now.Gen() <= old.Gen() {
		t.Fatalf("reload published gen %d after %d", now.Gen(), old.Gen())
	}
	if got := headlines(now, ByDate); !slices.Equal(got, []string{"Three", "Two"}) {
		t.Errorf("after reload %q", got)
	}
	if got := headlines(old, ByDate); !slices.Equal(got, before) || old.Len() != 2 {
		t.Errorf("the old snapshot changed: %q, was %q", got, before)
	}
}

func TestLibrary_WaitReturnsNewerOrStopsWithContext(t *testing.T) {
	l := New(Options{FS: fstest.MapFS{"a.txt": {Data: []byte(wire("One", "PARIS", "2026-01-01"))}}, FSPrefix: "seeds"})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	s, err := l.Wait(ctx, 0)
	if err == nil || s.Gen() != 0 {
		t.Fatalf("Wait on a cancelled context: gen %d err %v", s.Gen(), err)
	}
	l.Start(t.Context())
	s, err = l.Wait(t.Context(), 0)
	if err != nil || s.Gen() == 0 {
		t.Fatalf("Wait after Start: gen %d err %v", s.Gen(), err)
	}
	for s.Loading() {
		s, _ = l.Wait(t.Context(), s.Gen())
	}
	if s.Len() != 1 || s.At(0).Path != "seeds/a.txt" {
		t.Errorf("embedded library: %d articles, first %q", s.Len(), s.At(0).Path)
	}
}

func TestLibrary_OpenReadsTheFullArticleOnce(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("One", "PARIS", "2026-01-01", "Ann Lee", "Bo Chan")})
	l, s := loaded(t, Options{Paths: []string{dir}})
	a, err := l.Open(t.Context(), s.At(0))
	if err != nil {
		t.Fatal(err)
	}
	if a.Headline != "One" || len(a.Reactions) != 2 || a.Reactions[1].Quote != "A quote by Bo Chan." || len(a.Paragraphs) == 0 {
		t.Fatalf("opened %+v", a)
	}
	b, err := l.Open(t.Context(), s.At(0))
	if err != nil || b != a {
		t.Errorf("second Open: %p %v, want the cached %p", b, err, a)
	}
}

func TestLibrary_OpenAppliesTheLoaderRules(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("One", "PARIS", "2026-01-01")})
	l, s := loaded(t, Options{Paths: []string{dir}})
	p := filepath.Join(dir, "a.txt")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := l.Open(t.Context(), s.At(0))
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file (named pipe)") {
			t.Errorf("Open of a FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Open of a FIFO blocked")
	}
	if now := l.Snapshot(); now.Len() != 0 || len(now.Problems()) == 0 {
		t.Errorf("the FIFO was not re-indexed: %d articles, problems %v", now.Len(), now.Problems())
	}
	if s.Len() != 1 {
		t.Error("the old snapshot changed")
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Dr. Anya Petrova", "anya petrova"},
		{"Anya  Petrova", "anya petrova"},
		{"ANYA PETROVA", "anya petrova"},
		{"Professor Li Wei", "li wei"},
		{"Prof Li Wei", "li wei"},
		{"prof. li\twei", "li wei"},
		{"Ms. Jo Park", "jo park"},
		{"Mr Bo", "bo"},
		{"Dr.", "dr."},               // only an honorific: kept, or the name would be empty
		{"Drew Barry", "drew barry"}, // a name that starts like one
		{" Straße  Weg ", "strasse weg"},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.in); got != tt.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSnapshot_CommentatorsAcrossArticles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt": wire("Old story", "PARIS", "2026-01-01", "Dr. Anya Petrova", "Bo Chan"),
		"b.txt": wire("New story", "ROME", "2026-02-01", "Anya Petrova"),
		"c.txt": wire("Mid story", "OSLO", "2026-01-15", "Prof. Cy Dee", "ANYA  PETROVA"),
	})
	_, s := loaded(t, Options{Paths: []string{dir}})
	c := s.Commentators()
	if c != s.Commentators() {
		t.Error("the index is built again for the same snapshot")
	}
	if c.Len() != 3 {
		t.Fatalf("%d commentators, want 3", c.Len())
	}
	p := c.At(0)
	if p.Key != "anya petrova" || p.Name != "Anya Petrova" || len(p.Reactions) != 3 {
		t.Fatalf("first commentator %+v", p)
	}
	var stories []string
	for _, r := range p.Reactions {
		stories = append(stories, s.At(int(r.Article)).Headline+fmt.Sprint(r.Reaction))
	}
	if want := []string{"New story0", "Mid story1", "Old story0"}; !slices.Equal(stories, want) {
		t.Errorf("reactions %q, want %q (newest first)", stories, want)
	}
	if q, ok := c.Lookup("dr. anya petrova"); !ok || q != p {
		t.Errorf("Lookup with the honorific: %v %v", q, ok)
	}
}

func TestLibrary_OpenOfAnEditedFileIsNeverStale(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	writeFiles(t, dir, map[string]string{"a.txt": wire("Old words", "PARIS", "2026-01-01", "Ann Lee")})
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	l, old := loaded(t, Options{Paths: []string{dir}})
	if a, err := l.Open(t.Context(), old.At(0)); err != nil || a.Headline != "Old words" {
		t.Fatalf("first open: %v %v", a, err)
	}
	// Same size, other bytes, a later modification time: the cached
	// article is not used.
	writeFiles(t, dir, map[string]string{"a.txt": wire("New words", "PARIS", "2026-01-01", "Ann Lee")})
	if err := os.Chtimes(p, fi.ModTime().Add(time.Second), fi.ModTime().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	a, err := l.Open(t.Context(), old.At(0))
	if err != nil || a.Headline != "New words" {
		t.Fatalf("open after the edit: %+v %v, want the new text", a, err)
	}
	now := l.Snapshot()
	if now.Gen() <= old.Gen() || now.Len() != 1 || now.At(0).Version == old.At(0).Version || now.At(0).Headline != "New words" {
		t.Errorf("the edited file was not re-indexed: gen %d→%d, version %x→%x, %q", old.Gen(), now.Gen(), old.At(0).Version, now.At(0).Version, now.At(0).Headline)
	}
	if old.At(0).Headline != "Old words" {
		t.Error("the old snapshot changed")
	}
	// An edit that keeps the size and the time is seen by the bytes'
	// version when the file is read (here by a library that has not
	// cached it).
	writeFiles(t, dir, map[string]string{"a.txt": wire("Odd words", "PARIS", "2026-01-01", "Ann Lee")})
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	l2 := New(Options{Paths: []string{dir}})
	<-l2.Start(t.Context())
	before := l2.Snapshot().At(0)
	writeFiles(t, dir, map[string]string{"a.txt": wire("Bad words", "PARIS", "2026-01-01", "Ann Lee")})
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if a, err := l2.Open(t.Context(), before); err != nil || a.Headline != "Bad words" || l2.Snapshot().At(0).Version == before.Version {
		t.Errorf("an edit keeping size and time: %v %v", a, err)
	}
}

func TestLibrary_IdentityIsTheSameFromAnotherDirectoryOrThroughALink(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"news/a.txt": wire("One", "PARIS", "2026-01-01")})
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "news"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	ids := map[article.ID]bool{}
	for _, tc := range []struct{ wd, path string }{{dir, "news"}, {filepath.Join(dir, "news"), "."}, {"/", link}} {
		t.Chdir(tc.wd)
		_, s := loaded(t, Options{Paths: []string{tc.path}})
		ids[s.At(0).ID] = true
	}
	if len(ids) != 1 {
		t.Errorf("one file got %d IDs: %v", len(ids), ids)
	}
}

// A load reads each file into a buffer that the next file read reuses,
// and summaries are made from articles that borrow it (ReadThen): every
// summary must keep its own copy of what it holds. After a load of a few
// hundred files each summary says what its own file says, and it still
// does after another library is loaded in the same process.
func TestLoad_SummariesOutliveTheReadBuffers(t *testing.T) {
	dir := t.TempDir()
	places := []string{"PARIS", "MOSCOW", "NEW YORK", "LAGOS", "OSLO"}
	want := map[string]string{}
	files := map[string]string{}
	for i := range 300 {
		name := fmt.Sprintf("%02d/%03d.txt", i/100, i)
		headline := fmt.Sprintf("Story %03d of the load", i)
		files[name] = wire(headline, places[i%len(places)], "2026-03-01", fmt.Sprintf("Ann Lee %d", i), "Bo Chan")
		if i%2 == 1 {
			// Hard-wrapped: the dateline and the names are in
			// paragraphs joined from several lines.
			files[name] = hardWrapped(files[name])
		}
		want[filepath.Join(dir, name)] = headline + "|" + places[i%len(places)] + fmt.Sprintf("|[Ann Lee %d Bo Chan]", i)
	}
	files["arr.json"] = `[{"headline":"First of an array","place":"ROME"},{"headline":"Second of an array","tags":["x"]}]`
	want[filepath.Join(dir, "arr.json")+"#1"] = "First of an array|ROME|[]"
	want[filepath.Join(dir, "arr.json")+"#2"] = "Second of an array||[]"
	writeFiles(t, dir, files)
	l := started(t, Options{Paths: []string{dir}, Load: article.Options{Workers: 2}})
	s := l.Snapshot()
	if s.Len() != len(want) {
		t.Fatalf("%d articles, want %d", s.Len(), len(want))
	}
	for i := range s.Len() {
		a := s.At(i)
		got := fmt.Sprintf("%s|%s|%v", a.Headline, a.Place, a.Names)
		if w := want[string(a.ID)]; got != w {
			t.Errorf("%s: %q, want %q", a.ID, got, w)
		}
	}
	before := view(s)
	other := t.TempDir()
	more := map[string]string{}
	for i := range 300 {
		more[fmt.Sprintf("%03d.txt", i)] = hardWrapped(
			wire(fmt.Sprintf("Another story, number %03d", i), "ZANZIBAR CITY", "2026-04-02", "Cyrus Deeley-Montgomery"))
	}
	writeFiles(t, other, more)
	started(t, Options{Paths: []string{other}, Load: article.Options{Workers: 2}})
	if after := view(s); after != before {
		t.Errorf("a snapshot changed when another library was read:\nbefore %.300s\nafter  %.300s", before, after)
	}
}
