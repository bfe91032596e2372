package ui

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/search"
)

// The search screen's benchmarks run on a library directory and its index:
// by default 2,000 generated articles; the README's figures are at
// 100,000 (`go run ./internal/gencorpus -n 100000 DIR`, then
// -ui.search.lib DIR -ui.search.db FILE, the index kept for the next run,
// and the words to type).
var (
	benchSearchLib    = flag.String("ui.search.lib", "", "library directory for the search benchmarks (default: 2,000 generated articles)")
	benchSearchDB     = flag.String("ui.search.db", "", "index file for the search benchmarks, kept (default: a temporary one)")
	benchSearchRare   = flag.String("ui.search.rare", "kestrel", "a word in at most 10 % of the articles")
	benchSearchCommon = flag.String("ui.search.common", "spokesperson", "a word in most of the articles")
)

// benchSearchTemp is the generated library's directory, removed by
// TestMain.
var benchSearchTemp string

// TestMain removes what the search benchmarks generated.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchSearchTemp != "" {
		os.RemoveAll(benchSearchTemp)
	}
	os.Exit(code)
}

// benchSearchSetup is the benchmarks' library and index, made once.
var benchSearchSetup = sync.OnceValues(func() (*library.Library, *search.Index) {
	dir := *benchSearchLib
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "ui-search-bench"); err != nil {
			panic(err)
		}
		benchSearchTemp = dir
		writeBenchLibrary(dir, 2000)
	}
	lib := library.New(library.Options{Paths: []string{dir}})
	<-lib.Start(context.Background())
	db := *benchSearchDB
	if db == "" {
		db = filepath.Join(dir, ".index", search.FileName)
	}
	x, err := search.Open(db, search.Options{})
	if err != nil {
		panic(err)
	}
	if err := x.Sync(context.Background(), lib, lib.Snapshot(), nil); err != nil {
		panic(err)
	}
	return lib, x
})

// writeBenchLibrary writes n seed-sized wire articles to dir: the rare
// word in every tenth, the common one in 95 of every 100.
func writeBenchLibrary(dir string, n int) {
	seed := seedArticle()
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Story %d of the Day\n\nMOSCOW, Feb 1 (Reuters) — %s\n\n", i, seed.Paragraphs[0])
		for _, p := range seed.Paragraphs[1:] {
			b.WriteString(p + "\n\n")
		}
		if i%10 == 3 {
			b.WriteString("A kestrel was seen over the square.\n\n")
		}
		if i%100 < 95 {
			b.WriteString("A spokesperson declined to comment.\n\n")
		}
		p := filepath.Join(dir, fmt.Sprintf("%03d", i/1000), fmt.Sprintf("%06d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			panic(err)
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			panic(err)
		}
	}
}

// benchSearchKeystroke is the last letter of word typed into the search
// screen: the Update of the key, the search it starts (its Cmd: the
// ranked top 50 with snippets, looked up in the snapshot), the Update
// that shows them and the View, at 120×40. Between iterations (not
// timed) the letter is taken back.
func benchSearchKeystroke(b *testing.B, word string) {
	lib, x := benchSearchSetup()
	m := New(Config{Library: lib, Index: x, Style: "dark"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(press("S"))
	for _, r := range word[:len(word)-1] {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	last := rune(word[len(word)-1])
	key, back := tea.KeyPressMsg{Code: last, Text: string(last)}, tea.KeyPressMsg{Code: tea.KeyBackspace}
	s := m.top().(*searchScreen)
	results := 0
	typeKey := func(k tea.KeyPressMsg) {
		_, cmd := m.Update(k)
		for _, msg := range collect(cmd) {
			m.Update(msg)
		}
	}
	// Once before timing: the snapshot's map of IDs is built on the first
	// lookup, once for every reader.
	typeKey(key)
	typeKey(back)
	var cpu time.Duration
	n := 0
	b.ResetTimer()
	for b.Loop() {
		c := cpuTime()
		typeKey(key)
		_ = m.View()
		cpu += cpuTime() - c
		results = len(s.results)
		n++

		b.StopTimer()
		typeKey(back)
		b.StartTimer()
	}
	if results == 0 {
		b.Fatalf("%q found nothing", word)
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n), "cpu-ms/op")
	b.ReportMetric(float64(results), "results")
	b.ReportMetric(float64(lib.Snapshot().Len()), "articles")
}

// BenchmarkSearch_KeystrokeRareWord is keystroke to results for a word in
// at most 10 % of the articles.
func BenchmarkSearch_KeystrokeRareWord(b *testing.B) { benchSearchKeystroke(b, *benchSearchRare) }

// BenchmarkSearch_KeystrokeCommonWord is keystroke to results for a word
// in most of them.
func BenchmarkSearch_KeystrokeCommonWord(b *testing.B) { benchSearchKeystroke(b, *benchSearchCommon) }

// BenchmarkSearch_TypingWhileSearching is a key whose search is then
// superseded: the Update and View the keystroke itself costs.
func BenchmarkSearch_TypingWhileSearching(b *testing.B) {
	lib, x := benchSearchSetup()
	m := New(Config{Library: lib, Index: x, Style: "dark"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(press("S"))
	keys := []tea.KeyPressMsg{{Code: 'x', Text: "x"}, {Code: tea.KeyBackspace}}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.Update(keys[i%2])
		_ = m.View()
	}
}
