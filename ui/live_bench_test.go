package ui

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/library"
)

// -ui.live.lib names the library the live benchmarks add files to (and
// remove them from afterwards): the README's figures are measured on
// `go run ./internal/gencorpus -n 100000 DIR`. Its first load is a cold
// one (every file parsed); -ui.live.index keeps the warm-start index
// between runs.
var (
	benchLiveLib   = flag.String("ui.live.lib", "", "library directory for the live benchmarks, which add files to it and remove them (default: 2,000 generated wire files)")
	benchLiveIndex = flag.String("ui.live.index", "", "warm-start index file for the live benchmarks' library (default: none)")
)

// liveBench is a reader at 120×40 of a watched library, following it as
// a running program does.
type liveBench struct {
	b    *testing.B
	dir  string
	lib  *library.Library
	m    *Model
	ctx  context.Context
	drop string
}

// liveBenchDir is -ui.live.lib, or a library of 2,000 generated wire
// files.
func liveBenchDir(b *testing.B) string {
	b.Helper()
	if *benchLiveLib != "" {
		return *benchLiveLib
	}
	dir := b.TempDir()
	for i := range 2000 {
		p := filepath.Join(dir, fmt.Sprintf("%02d", i/1000), fmt.Sprintf("%04d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(wire(fmt.Sprintf("%d", i), 1+i%28, "Ann Lee: A quote.")), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

func newLiveBench(b *testing.B) *liveBench {
	b.Helper()
	dir := liveBenchDir(b)
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	lb := &liveBench{b: b, dir: dir, ctx: ctx, drop: b.TempDir()}
	lb.lib = library.New(library.Options{Paths: []string{dir}, Watch: true, IndexPath: *benchLiveIndex})
	b.Cleanup(lb.lib.Close)
	<-lb.lib.Start(ctx)
	lb.m = New(Config{Library: lb.lib, Style: "dark"})
	b.Cleanup(lb.m.Close)
	drive(b, lb.m, tea.WindowSizeMsg{Width: 120, Height: 40}, snapshotMsg{lb.lib.Snapshot()})
	return lb
}

// land renames a new article into the library (written elsewhere first,
// as a feeder does) and returns its path.
func (lb *liveBench) land(name string, day int) string {
	tmp := filepath.Join(lb.drop, name)
	if err := os.WriteFile(tmp, []byte(wire(name, day)), 0o644); err != nil {
		lb.b.Fatal(err)
	}
	p := filepath.Join(lb.dir, name)
	if err := os.Rename(tmp, p); err != nil {
		lb.b.Fatal(err)
	}
	return p
}

// next waits for the library's next snapshot after the reader's.
func (lb *liveBench) next() *library.Snapshot {
	s, err := lb.lib.Wait(lb.ctx, lb.m.c.snap.Gen())
	if err != nil {
		lb.b.Fatal(err)
	}
	return s
}

// settle waits until the library holds n articles, the reader taking
// every snapshot, and then for the watcher's quiet time.
func (lb *liveBench) settle(n int) {
	for lb.m.c.snap.Len() != n {
		lb.m.Update(snapshotMsg{lb.next()})
	}
	time.Sleep(400 * time.Millisecond) // so the next change is a batch of its own
}

// BenchmarkLive_ReaderTakesOneNewFile is what a reader's goroutine pays
// for the snapshot of one new file (Update and the frame after it): the
// new article placed in the order, marked new and counted, the cursor
// kept. The user moved the cursor down first, so the page is not the
// first.
func BenchmarkLive_ReaderTakesOneNewFile(b *testing.B) {
	lb := newLiveBench(b)
	base := lb.m.c.snap.Len()
	drive(b, lb.m, press("G"))
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		p := lb.land(fmt.Sprintf("zz-bench-%d-%d.txt", os.Getpid(), i), 1+i%28)
		s := lb.next()
		for s.Len() == base {
			lb.m.Update(snapshotMsg{s})
			s = lb.next()
		}
		b.StartTimer()
		lb.m.Update(snapshotMsg{s})
		_ = lb.m.View()
		b.StopTimer()
		if lb.m.c.fresh.count() != 1 {
			b.Fatalf("%d new articles, want 1", lb.m.c.fresh.count())
		}
		os.Remove(p)
		lb.settle(base)
		b.StartTimer()
	}
	b.ReportMetric(float64(base), "articles")
}

// BenchmarkLive_KeysDuringTheFirstLoad is keystrokes (j and k, Update and
// View) while a library loads from nothing (no warm-start index: every
// file parsed), the reader taking each snapshot as it comes, as in
// BenchmarkLive_KeysDuringABurst; loaded-s is how long the load took.
func BenchmarkLive_KeysDuringTheFirstLoad(b *testing.B) {
	dir := liveBenchDir(b)
	j, k := press("j"), press("k")
	var lat []time.Duration
	var withSnap, loading time.Duration
	for b.Loop() {
		b.StopTimer()
		lib := library.New(library.Options{Paths: []string{dir}})
		m := New(Config{Library: lib, Style: "dark"})
		drive(b, m, tea.WindowSizeMsg{Width: 120, Height: 40})
		b.StartTimer()
		start := time.Now()
		done := lib.Start(context.Background())
		for loaded := false; !loaded; {
			select {
			case <-done:
				loaded = true
			default:
			}
			t0 := time.Now()
			took := false
			if s := lib.Snapshot(); s.Gen() > m.c.snap.Gen() {
				m.Update(snapshotMsg{s})
				took = true
			}
			key := j
			if len(lat)%2 == 1 {
				key = k
			}
			m.Update(key)
			_ = m.View()
			d := time.Since(t0)
			lat = append(lat, d)
			if took {
				withSnap = max(withSnap, d)
			}
		}
		loading += time.Since(start)
		b.StopTimer()
		m.Close()
		lib.Close()
		b.StartTimer()
	}
	reportLatencies(b, lat, withSnap)
	b.ReportMetric(loading.Seconds()/float64(b.N), "loaded-s")
}

// reportLatencies reports keystroke latencies: p50-ms, p99-ms, max-ms,
// max-with-snapshot-ms (of those that took a snapshot first) and keys/op.
func reportLatencies(b *testing.B, lat []time.Duration, withSnap time.Duration) {
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
	b.ReportMetric(ms(withSnap), "max-with-snapshot-ms")
	b.ReportMetric(float64(len(lat))/float64(b.N), "keys/op")
}

// BenchmarkLive_KeysDuringABurst is keystrokes (j and k, Update and View)
// while 1,000 files land in the library: each keystroke's latency counts
// the snapshots the reader took just before it, as a program's event
// loop would. p50-ms, p99-ms and max-ms are over every keystroke of every
// burst (max-with-snapshot-ms of those that took a snapshot first);
// keys/op is how many the loop pressed per burst.
func BenchmarkLive_KeysDuringABurst(b *testing.B) {
	lb := newLiveBench(b)
	base := lb.m.c.snap.Len()
	j, k := press("j"), press("k")
	var lat []time.Duration
	var withSnap time.Duration // the slowest keystroke that took a snapshot first
	for round := 0; b.Loop(); round++ {
		done := make(chan []string)
		go func() {
			var made []string
			for i := range 1000 {
				made = append(made, lb.land(fmt.Sprintf("zz-burst-%d-%d-%04d.txt", os.Getpid(), round, i), 1+i%28))
			}
			done <- made
		}()
		var made []string
		for made == nil || lb.m.c.snap.Len() < base+1000 {
			select {
			case made = <-done:
			default:
			}
			start := time.Now()
			took := false
			if s := lb.lib.Snapshot(); s.Gen() > lb.m.c.snap.Gen() {
				lb.m.Update(snapshotMsg{s})
				took = true
			}
			key := j
			if len(lat)%2 == 1 {
				key = k
			}
			lb.m.Update(key)
			_ = lb.m.View()
			d := time.Since(start)
			lat = append(lat, d)
			if took {
				withSnap = max(withSnap, d)
			}
		}
		b.StopTimer()
		for _, p := range made {
			os.Remove(p)
		}
		lb.settle(base)
		b.StartTimer()
	}
	reportLatencies(b, lat, withSnap)
}
