package article

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// tinyJSONArray is a 16 MB JSON array of 500,000 tiny articles, the
// largest article count one file can hold.
func tinyJSONArray() []byte {
	var b strings.Builder
	b.WriteString("[")
	for i := range 500_000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"headline":"Tiny story %06d"}`, i)
	}
	b.WriteString("]")
	return []byte(b.String())
}

// heldMiB is the heap in use once garbage is collected.
func heldMiB() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapInuse) / (1 << 20)
}

// BenchmarkParseJSON_TinyArray500k parses the 16 MB array of 500,000
// tiny articles and reports the heap what Parse returns holds (held-MiB,
// the bound is 256 MiB).
func BenchmarkParseJSON_TinyArray500k(b *testing.B) {
	data := tinyJSONArray()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var held float64
	for b.Loop() {
		before := heldMiB()
		arts, probs := Parse("/srv/news/feed.json", data, FormatJSON)
		if len(arts) != 500_000 || len(probs) != 0 {
			b.Fatalf("%d articles, problems %v", len(arts), probs[:min(len(probs), 3)])
		}
		held = max(held, heldMiB()-before)
		runtime.KeepAlive(arts)
	}
	b.ReportMetric(held, "held-MiB")
}

// corpusDir is the directory BenchmarkLoad_Corpus loads: $NEWSDESK_CORPUS
// (a generated library of 100,000 files, say), or n variants of the seed
// written once into a temporary directory, 1,000 to a folder.
func corpusDir(b *testing.B, n int) string {
	if dir := os.Getenv("NEWSDESK_CORPUS"); dir != "" {
		return dir
	}
	seed, err := os.ReadFile("../seeds/000_6b8f1c3f41772375.txt")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/1000))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		text := fmt.Sprintf("Story %d: %s", i, seed)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%04d.txt", i%1000)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkLoad_Corpus loads a library the way `list --json` does,
// keeping only short fields of each article (as the library's summaries
// do), and reports files/s and the heap held afterwards.
func BenchmarkLoad_Corpus(b *testing.B) {
	dir := corpusDir(b, 5000)
	b.ReportAllocs()
	var files int
	var held float64
	for b.Loop() {
		before := heldMiB()
		var headlines []string
		files = 0
		for r := range Load(context.Background(), []string{dir}, Options{}) {
			files++
			for _, a := range r.Articles {
				headlines = append(headlines, a.Headline)
			}
		}
		held = max(held, heldMiB()-before)
		runtime.KeepAlive(headlines)
	}
	b.ReportMetric(float64(files*b.N)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(held, "held-MiB")
}

// BenchmarkWalk_Corpus walks a library as a warm start's check does,
// looking at every file without reading it; GOMAXPROCS (-cpu 1,2) says
// on how many processors.
func BenchmarkWalk_Corpus(b *testing.B) {
	dir := corpusDir(b, 5000)
	var files int
	for b.Loop() {
		files = 0
		Walk(context.Background(), []string{dir}, func(e Entry) bool {
			if e.Kind == EntryFile {
				files++
			}
			return true
		})
	}
	b.ReportMetric(float64(files), "files")
}

// BenchmarkParse_Corpus parses the first 2,000 files of a library held
// in memory, whole (as a reader opens an article), without the body, and
// without the body borrowing the read buffer (as a library's load reads
// them, Entry.ReadThen): what Options.NoBody and borrowing save, with no
// system call in the measure.
func BenchmarkParse_Corpus(b *testing.B) {
	dir := corpusDir(b, 2000)
	var names []string
	var files [][]byte
	Walk(context.Background(), []string{dir}, func(e Entry) bool {
		if e.Kind == EntryFile {
			data, err := os.ReadFile(e.Path)
			if err != nil {
				b.Fatal(err)
			}
			names, files = append(names, e.Path), append(files, data)
		}
		return len(files) < 2000
	})
	for _, v := range []struct {
		name           string
		noBody, borrow bool
	}{{"whole", false, false}, {"nobody", true, false}, {"borrowed", true, true}} {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			buf := make([]byte, 0, 1<<20)
			for b.Loop() {
				for i, data := range files {
					// A copy, as a read buffer is reused between files.
					buf = append(buf[:0], data...)
					var sc *scratch
					if v.borrow {
						sc = takeScratch()
					}
					parse(names[i], ID(names[i]), buf, formats.of(names[i]), v.noBody, sc)
					if sc != nil {
						keepScratch(sc)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
		})
	}
}
