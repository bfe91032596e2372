package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/newsdesk/newsdesk/article"
)

// jsonArray is a JSON file of n small articles.
func jsonArray(headlines ...string) string {
	var b strings.Builder
	b.WriteString("[")
	for i, h := range headlines {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"headline":"` + h + `","body":"Text of ` + h + `."}`)
	}
	b.WriteString("]")
	return b.String()
}

// countingFS counts the opens of each file.
type countingFS struct {
	fs.FS
	opens map[string]*atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	if n, ok := c.opens[name]; ok {
		n.Add(1)
	}
	return c.FS.Open(name)
}

// Stat is not counted: the loader looks at a file before it reads it.
func (c countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func TestLibrary_ReadFileReadsEveryArticleOnceAndLeavesTheCacheAlone(t *testing.T) {
	opens := map[string]*atomic.Int64{"wires.json": {}}
	fsys := countingFS{FS: fstest.MapFS{
		"wires.json": {Data: []byte(jsonArray("One", "Two", "Three"))},
		"a.txt":      {Data: []byte(wire("Alone", "PARIS", "2026-01-01", "Ann Lee"))},
	}, opens: opens}
	l, s := loaded(t, Options{FS: fsys, FSPrefix: "seeds", CacheSize: 2})
	if s.Len() != 4 {
		t.Fatalf("%d articles loaded", s.Len())
	}
	loads := opens["wires.json"].Load()
	var first *Summary
	for i := range s.Len() {
		if s.At(i).Path == "seeds/wires.json" {
			first = s.At(i)
			break
		}
	}
	arts, err := l.ReadFile(t.Context(), first)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range arts {
		got = append(got, a.Headline+"="+string(a.ID))
	}
	if want := "One=seeds/wires.json#1 Two=seeds/wires.json#2 Three=seeds/wires.json#3"; strings.Join(got, " ") != want {
		t.Errorf("ReadFile gave %s, want %s", strings.Join(got, " "), want)
	}
	if n := opens["wires.json"].Load() - loads; n != 1 {
		t.Errorf("the array was opened %d times for one ReadFile, want 1", n)
	}
	if n := l.cache.order.Len(); n != 0 {
		t.Errorf("ReadFile put %d articles in the shared cache", n)
	}
	if l.Snapshot() != s {
		t.Error("an unchanged file published a new snapshot")
	}
}

func TestLibrary_ReadFileOfAChangedOrBrokenFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("Old words", "PARIS", "2026-01-01"), "b.json": jsonArray("One", "Two")})
	l, old := loaded(t, Options{Paths: []string{dir}})
	byPath := map[string]*Summary{}
	for i := range old.Len() {
		byPath[filepath.Base(old.At(i).Path)] = old.At(i)
	}

	writeFiles(t, dir, map[string]string{"a.txt": wire("New words", "PARIS", "2026-01-01")})
	arts, err := l.ReadFile(t.Context(), byPath["a.txt"])
	if err != nil || len(arts) != 1 || arts[0].Headline != "New words" || arts[0].Version == byPath["a.txt"].Version {
		t.Fatalf("ReadFile of an edited file: %v %v, want the new text", arts, err)
	}
	if now := l.Snapshot(); now.Gen() <= old.Gen() {
		t.Error("the edited file was not published again")
	}

	if err := os.WriteFile(filepath.Join(dir, "b.json"), []byte("[1,"), 0o644); err != nil {
		t.Fatal(err)
	}
	arts, err = l.ReadFile(t.Context(), byPath["b.json"])
	if err == nil || len(arts) != 0 || !strings.Contains(err.Error(), "b.json") {
		t.Errorf("ReadFile of a broken file: %v, %v; want its error", arts, err)
	}
	if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := l.ReadFile(t.Context(), byPath["a.txt"]); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "a.txt: article no longer in the library (removed)") {
		t.Errorf("ReadFile of a removed file: %v", err)
	}
}

func TestLibrary_ReadFileOfAStaticLibrary(t *testing.T) {
	arts := []article.Article{
		{ID: "x.json#1", Path: "x.json", Headline: "One"},
		{ID: "y.txt", Path: "y.txt", Headline: "Other"},
		{ID: "x.json#2", Path: "x.json", Headline: "Two"},
	}
	l := NewStatic(arts, nil)
	s := l.Snapshot()
	i, ok := s.Lookup("x.json#2")
	if !ok {
		t.Fatal("Lookup found no x.json#2")
	}
	got, err := l.ReadFile(t.Context(), s.At(i))
	if err != nil || len(got) != 2 || got[0].Headline != "One" || got[1].Headline != "Two" {
		t.Errorf("ReadFile: %v %v, want both articles of x.json", got, err)
	}
}

func TestSnapshot_LookupAgreesWithFind(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("A", "PARIS", "2026-01-01"), "b.json": jsonArray("One", "Two"), "c/d.md": "# D\n\nText.\n"})
	_, s := loaded(t, Options{Paths: []string{dir}})
	for i := range s.Len() {
		id := s.At(i).ID
		j, ok := s.Lookup(id)
		k, okFind := s.Find(id)
		if !ok || !okFind || j != k || j != i {
			t.Errorf("%s: Lookup %d %v, Find %d %v, want %d", id, j, ok, k, okFind, i)
		}
	}
	if _, ok := s.Lookup("nowhere"); ok {
		t.Error("Lookup found an ID the snapshot does not have")
	}
}

func TestSummary_NameIsWhatShowTakes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("A", "PARIS", "2026-01-01"), "b.json": jsonArray("One", "Two")})
	_, s := loaded(t, Options{Paths: []string{dir}})
	var got []string
	for i := range s.Len() {
		got = append(got, strings.TrimPrefix(s.At(i).Name(), dir+string(filepath.Separator)))
	}
	if want := "a.txt b.json#1 b.json#2"; strings.Join(got, " ") != want {
		t.Errorf("names %q, want %s", got, want)
	}
}

// BenchmarkSnapshot_Lookup100k is the first Lookup of a snapshot of
// 100,000 articles (the map built), then one more, as a page of search
// results looks its hits up.
func BenchmarkSnapshot_Lookup100k(b *testing.B) {
	arts := make([]article.Article, 100_000)
	for i := range arts {
		arts[i] = article.Article{ID: article.ID(fmt.Sprintf("/home/ann/news/%03d/story-%06d.txt", i/1000, i)), Headline: "h"}
		arts[i].Path = string(arts[i].ID)
	}
	s := NewStatic(arts, nil).Snapshot()
	b.ReportAllocs()
	for b.Loop() {
		fresh := &Snapshot{arts: s.arts}
		if _, ok := fresh.Lookup(arts[len(arts)/2].ID); !ok {
			b.Fatal("not found")
		}
	}
}

func TestSnapshot_FindSummaryAgreesWithFindAcrossChanges(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 60 {
		files[fmt.Sprintf("%03d.txt", 2*i)] = wire(fmt.Sprintf("Story %d", i), "PARIS", "2026-01-01")
	}
	files["arr.json"] = jsonArray("One", "Two", "Three")
	writeFiles(t, dir, files)
	l := started(t, Options{Paths: []string{dir}})
	s0 := l.Snapshot()
	// Files between the old ones (every index after them shifts), some
	// removed, one edited.
	more := map[string]string{"arr.json": jsonArray("One", "Two", "Three", "Four")}
	for i := range 30 {
		more[fmt.Sprintf("%03d.txt", 4*i+1)] = wire(fmt.Sprintf("New %d", i), "ROME", "2026-01-02")
	}
	writeFiles(t, dir, more)
	for i := range 10 {
		if err := os.Remove(filepath.Join(dir, fmt.Sprintf("%03d.txt", 10*i))); err != nil {
			t.Fatal(err)
		}
	}
	<-l.Reload(t.Context())
	s1 := l.Snapshot()
	for _, s := range []*Snapshot{s0, s1} {
		for i := range s.Len() {
			a := s.At(i)
			want, wantOK := s1.Find(a.ID)
			if got, ok := s1.FindSummary(a); got != want || ok != wantOK {
				t.Errorf("FindSummary(%s) = %d %v, Find %d %v", a.Name(), got, ok, want, wantOK)
			}
		}
	}
	if _, ok := s1.FindSummary(s0.At(0)); ok {
		t.Error("a removed article was found")
	}
}
