package library

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// -library names the library the benchmarks read: the one the README's
// figures are measured on is `go run ./internal/gencorpus -n 100000 DIR`.
// Without it they make a small one of their own.
var benchLibrary = flag.String("library", "", "library directory for the benchmarks (default: 2,000 generated wire files)")

// benchDir is the library to measure on.
func benchDir(b *testing.B) string {
	b.Helper()
	if *benchLibrary != "" {
		return *benchLibrary
	}
	dir := b.TempDir()
	for i := range 2000 {
		p := filepath.Join(dir, fmt.Sprintf("%02d", i/1000), fmt.Sprintf("%04d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(wire(fmt.Sprintf("Story %d", i), "PARIS", "2026-03-01", "Ann Lee", "Bo Chan")), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMeter reports the CPU seconds per operation beside the wall time:
// the machine is shared, so wall time alone says little.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
}

func meterCPU(b *testing.B) *cpuMeter { return &cpuMeter{b: b, start: cpuTime()} }

func (m *cpuMeter) report() {
	m.b.ReportMetric((cpuTime()-m.start).Seconds()/float64(m.b.N), "cpu-s/op")
}

// loadOnce starts a library of opt and waits for its final snapshot.
func loadOnce(b *testing.B, opt Options) *Library {
	b.Helper()
	l := New(opt)
	<-l.Start(context.Background())
	return l
}

// BenchmarkStart_Cold is a start without an index: every file parsed.
func BenchmarkStart_Cold(b *testing.B) {
	dir := benchDir(b)
	m := meterCPU(b)
	for b.Loop() {
		l := loadOnce(b, Options{Paths: []string{dir}})
		l.Close()
	}
	m.report()
}

// BenchmarkStart_ReadOnly is what a cold start cannot go below while an
// article is a file: the same walk (WalkToRead), and every file opened,
// looked at, read and closed with the four system calls the loader
// makes, on GOMAXPROCS goroutines, with nothing parsed, summarised or
// sorted.
func BenchmarkStart_ReadOnly(b *testing.B) {
	dir := benchDir(b)
	m := meterCPU(b)
	var files, bytes atomic.Int64
	for b.Loop() {
		files.Store(0)
		bytes.Store(0)
		paths := make(chan string, 64)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				buf := make([]byte, 1<<20)
				var st syscall.Stat_t
				for p := range paths {
					fd, err := syscall.Open(p, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
					if err != nil {
						b.Error(err)
						continue
					}
					if err := syscall.Fstat(fd, &st); err == nil && st.Size < int64(len(buf)) {
						n, _ := syscall.Read(fd, buf[:st.Size+1])
						bytes.Add(int64(n))
					}
					syscall.Close(fd)
					files.Add(1)
				}
			})
		}
		article.WalkToRead(context.Background(), []string{dir}, func(e article.Entry) bool {
			if e.Kind == article.EntryFile {
				paths <- e.Path
			}
			return true
		})
		close(paths)
		wg.Wait()
	}
	m.report()
	b.ReportMetric(float64(files.Load()), "files")
	b.ReportMetric(float64(bytes.Load())/1e6, "MB")
}

// BenchmarkStart_Warm is a start on a library the index knows, nothing
// changed: the indexed library at once, then a stat of every file, until
// the final snapshot. parsed/op must be 0.
func BenchmarkStart_Warm(b *testing.B) {
	dir := benchDir(b)
	idx := filepath.Join(b.TempDir(), "index.db")
	l := loadOnce(b, Options{Paths: []string{dir}, IndexPath: idx})
	l.Close()
	var parsed int64
	var first time.Duration
	m := meterCPU(b)
	for b.Loop() {
		start := time.Now()
		l := New(Options{Paths: []string{dir}, IndexPath: idx})
		done := l.Start(context.Background())
		s, _ := l.Wait(context.Background(), 0)
		first += time.Since(start)
		<-done
		if s.Len() == 0 || l.Snapshot().Len() != s.Len() {
			b.Fatalf("first snapshot %d articles, final %d", s.Len(), l.Snapshot().Len())
		}
		parsed += l.Stats().Parsed
		l.Close()
	}
	m.report()
	b.ReportMetric(float64(parsed)/float64(b.N), "parsed/op")
	b.ReportMetric(first.Seconds()/float64(b.N), "first-snapshot-s/op")
}

// BenchmarkApply_OneFile is the snapshot of one changed file in a loaded
// library: what a watched library pays for each edit.
func BenchmarkApply_OneFile(b *testing.B) {
	dir := benchDir(b)
	l := loadOnce(b, Options{Paths: []string{dir}})
	defer l.Close()
	s := l.Snapshot()
	a := s.At(s.Len() / 2)
	d, ok := l.records(a.Path)
	if !ok {
		b.Fatal("no record")
	}
	n := 0
	m := meterCPU(b)
	for b.Loop() {
		// Another version each time, so that each apply publishes.
		n++
		c := d.clone()
		c.version = a.Version + article.Version(n)
		for _, x := range c.arts {
			x.Version = c.version
		}
		if l.apply([]*fileData{c}, applyOpts{}).snap == nil {
			b.Fatal("nothing published")
		}
	}
	m.report()
	b.ReportMetric(float64(l.Snapshot().Len()), "articles")
}

// BenchmarkLive_OneNewFile is a file renamed into a watched library until
// the snapshot that holds it.
func BenchmarkLive_OneNewFile(b *testing.B) {
	dir := benchDir(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l := New(Options{Paths: []string{dir}, Watch: true})
	<-l.Start(ctx)
	defer l.Close()
	drop := b.TempDir()
	i := 0
	m := meterCPU(b)
	for b.Loop() {
		i++
		name := fmt.Sprintf("zz-bench-%d-%d.txt", os.Getpid(), i)
		headline := "Bench story " + name
		tmp := filepath.Join(drop, name)
		if err := os.WriteFile(tmp, []byte(wire(headline, "PARIS", "2026-03-01")), 0o644); err != nil {
			b.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.Rename(tmp, p); err != nil {
			b.Fatal(err)
		}
		s := l.Snapshot()
		for byHeadline(s, headline) == nil {
			s, _ = l.Wait(ctx, s.Gen())
		}
		b.StopTimer()
		os.Remove(p)
		for byHeadline(s, headline) != nil {
			s, _ = l.Wait(ctx, s.Gen())
		}
		time.Sleep(batchGap) // a file after a quiet time, not right after the last batch
		b.StartTimer()
	}
	m.report()
}

// BenchmarkLive_Burst is a thousand files renamed into a watched library
// until the snapshot that holds them all.
func BenchmarkLive_Burst(b *testing.B) {
	dir := benchDir(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var snaps atomic.Int64
	l := New(Options{Paths: []string{dir}, Watch: true, onPublish: func(*Snapshot) { snaps.Add(1) }})
	<-l.Start(ctx)
	defer l.Close()
	base := l.Snapshot().Len()
	drop := b.TempDir()
	m := meterCPU(b)
	var adding int64
	for round := 0; b.Loop(); round++ {
		before := snaps.Load()
		var made []string
		for i := range 1000 {
			tmp := filepath.Join(drop, fmt.Sprintf("%d.txt", i))
			if err := os.WriteFile(tmp, []byte(wire(fmt.Sprintf("Burst %d %d", round, i), "PARIS", "2026-03-01")), 0o644); err != nil {
				b.Fatal(err)
			}
			p := filepath.Join(dir, fmt.Sprintf("zz-burst-%d-%d-%04d.txt", os.Getpid(), round, i))
			if err := os.Rename(tmp, p); err != nil {
				b.Fatal(err)
			}
			made = append(made, p)
		}
		s := l.Snapshot()
		for s.Len() < base+1000 {
			s, _ = l.Wait(ctx, s.Gen())
		}
		adding += snaps.Load() - before
		b.StopTimer()
		for _, p := range made {
			os.Remove(p)
		}
		for s.Len() > base {
			s, _ = l.Wait(ctx, s.Gen())
		}
		time.Sleep(batchGap) // the next burst starts after a quiet time, as a feeder's would
		b.StartTimer()
	}
	m.report()
	b.ReportMetric(float64(adding)/float64(b.N), "snapshots/op")
}
