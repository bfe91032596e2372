package search

import (
	"compress/flate"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// benchN is the size of the benchmarks' corpus: small by default so that
// `go test -bench .` is quick; the figures in the README are at
// -search.n 100000.
var benchN = flag.Int("search.n", 10000, "articles in the search benchmarks' corpus")

// benchKeep keeps the benchmarks' index in a directory, to be reused by
// the next run with the same -search.n (a 100,000-article build takes a
// minute; profiling a search should not).
var benchKeep = flag.String("search.keep", "", "directory to keep (and reuse) the benchmarks' index in")

// benchIndex is the benchmarks' index of benchN articles, built once per
// run (in a directory removed by TestMain).
var (
	benchOnce  sync.Once
	benchIdx   *Index
	benchDir   string
	benchBuild time.Duration
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if benchIdx != nil {
		benchIdx.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func corpusIndex(b *testing.B) *Index {
	benchOnce.Do(func() {
		dir := *benchKeep
		if dir == "" {
			var err error
			if dir, err = os.MkdirTemp("", "search-bench"); err != nil {
				b.Fatal(err)
			}
			benchDir = dir
		}
		x, err := Open(filepath.Join(dir, fmt.Sprintf("search-%d.db", *benchN)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		benchIdx = x
		if x.Len() == *benchN {
			return
		}
		start := time.Now()
		arts := make([]*article.Article, 0, batchSize)
		for i := range *benchN {
			arts = append(arts, genArticle(i))
			if len(arts) == batchSize {
				put(b, x, arts...)
				arts = arts[:0]
			}
		}
		put(b, x, arts...)
		benchBuild = time.Since(start)
		b.Logf("indexed %d articles in %s; %d MB", *benchN, benchBuild.Round(time.Millisecond), x.Size()>>20)
	})
	return benchIdx
}

func BenchmarkSearch(b *testing.B) {
	for _, q := range []struct{ name, query string }{
		{"rare", rareWord},
		{"common", commonWord},
		{"two-words", "security " + rareWord},
		{"phrase", `"declined to comment"`},
		{"prefix", "kest*"},
		{"name", `name:"Li Wei"`},
		{"cjk", cjkWord},
		{"cjk-short", "台湾"},
	} {
		b.Run(q.name, func(b *testing.B) {
			x := corpusIndex(b)
			var n int
			cpu := cpuTime()
			for b.Loop() {
				hits, err := x.Search(b.Context(), q.query, 50)
				if err != nil {
					b.Fatal(err)
				}
				n = len(hits)
			}
			b.ReportMetric(float64(n), "hits")
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time the process has used: on a machine shared with
// other work, the CPU a search takes is steadier than the time it takes.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkHit is the work a search does per hit once the index has
// ranked it: decode the stored text, find the matches, cut the snippet.
func BenchmarkHit(b *testing.B) {
	zw, _ := flate.NewWriter(nil, flate.BestSpeed)
	d := docOf(genArticle(10))
	blob := d.encode(zw)
	q, err := Parse(rareWord + " security")
	if err != nil {
		b.Fatal(err)
	}
	hl := highlights(q)
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			if _, err := decodeDoc(blob); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("snippet", func(b *testing.B) {
		for b.Loop() {
			makeHit(d.text, hl)
		}
	})
}

// BenchmarkSync is the first build of the index of a library of benchN
// wire files on disk: the library loaded, then every article read again
// through Library.Open and indexed, as `newsdesk serve` does in the
// background on its first start.
func BenchmarkSync(b *testing.B) {
	dir := filepath.Join(*benchKeep, fmt.Sprintf("corpus-%d", *benchN))
	if *benchKeep == "" {
		dir = filepath.Join(b.TempDir(), "corpus")
	}
	if _, err := os.Stat(dir); err != nil {
		for i := range *benchN {
			corpusWire(b, dir, i)
		}
	}
	lib := library.New(library.Options{Paths: []string{dir}})
	<-lib.Start(b.Context())
	snap := lib.Snapshot()
	if snap.Len() != *benchN {
		b.Fatalf("%d articles loaded", snap.Len())
	}
	for b.Loop() {
		x, err := Open(filepath.Join(b.TempDir(), FileName), Options{})
		if err != nil {
			b.Fatal(err)
		}
		cpu, start := cpuTime(), time.Now()
		if err := x.Sync(b.Context(), lib, snap, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/build")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s/build")
		b.ReportMetric(float64(x.Size())/(1<<20), "MiB")

		// Then one new file: how long from its snapshot to its being found.
		b.StopTimer()
		p := corpusWire(b, dir, *benchN)
		<-lib.Reload(b.Context())
		b.StartTimer()
		start = time.Now()
		if err := x.Sync(b.Context(), lib, lib.Snapshot(), nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "ms/new-file")
		os.Remove(p)
		<-lib.Reload(b.Context())
		snap = lib.Snapshot()
		x.Close()
	}
}
