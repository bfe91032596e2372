package library

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/internal/gencorpus/corpus"
)

// fields are the parts of an article a Key is built from.
type fields struct {
	headline, place, source, date string
	tags, names                   []string
}

var benchLib struct {
	once   sync.Once
	fields []fields
	keys   []Key
}

// corpus100k is the generated library of 100,000 articles (seed 1, the
// default mix) as parsed by the real parsers, reduced to the key fields
// (copied, so the files' text is not kept), and its keys. Made once per
// test binary: generating and parsing take a few seconds.
func corpus100k(b *testing.B) ([]fields, []Key) {
	b.Helper()
	benchLib.once.Do(func() {
		type file struct {
			name string
			data []byte
		}
		files := make(chan file, 64)
		var mu sync.Mutex
		var wg sync.WaitGroup
		byName := map[string][]fields{}
		var names []string
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for f := range files {
					arts, _ := article.Parse(f.name, f.data, article.FormatOf(f.name))
					fs := make([]fields, len(arts))
					for i, a := range arts {
						fs[i] = fields{headline: strings.Clone(a.Headline), place: strings.Clone(a.Place), source: strings.Clone(a.Source), date: strings.Clone(a.Date)}
						for _, t := range a.Tags {
							fs[i].tags = append(fs[i].tags, strings.Clone(t))
						}
						for _, r := range a.Reactions {
							fs[i].names = append(fs[i].names, strings.Clone(r.Name))
						}
					}
					mu.Lock()
					byName[f.name] = fs
					mu.Unlock()
				}
			})
		}
		_, err := corpus.Walk(corpus.Options{N: 100_000, Seed: 1}, func(name string, data []byte) error {
			names = append(names, name)
			files <- file{name, data}
			return nil
		})
		close(files)
		wg.Wait()
		if err != nil {
			panic(err)
		}
		for _, n := range names { // load order
			benchLib.fields = append(benchLib.fields, byName[n]...)
		}
		benchLib.keys = buildKeys(benchLib.fields)
	})
	if len(benchLib.keys) != 100_000 {
		b.Fatalf("%d keys", len(benchLib.keys))
	}
	return benchLib.fields, benchLib.keys
}

func buildKeys(fs []fields) []Key {
	keys := make([]Key, len(fs))
	for i, f := range fs {
		keys[i] = NewKey(f.headline, f.place, f.source, f.tags, f.names)
	}
	return keys
}

// BenchmarkNewKey100k builds the keys of the 100,000 generated articles
// and reports what they keep in memory.
func BenchmarkNewKey100k(b *testing.B) {
	fs, _ := corpus100k(b)
	var keys []Key
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		keys = buildKeys(fs)
	}
	b.StopTimer()
	keys = nil
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	keys = buildKeys(fs)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-kept")
	text := 0
	for i := range keys {
		text += keys[i].Size()
	}
	b.ReportMetric(float64(text)/float64(len(keys)), "text-B/key")
	runtime.KeepAlive(keys)
}

// BenchmarkRank100k matches and ranks a term against all 100,000 keys,
// as the first letter of a term or any edit but typing on does, in the
// generated library's date order (newest first, as the list starts).
func BenchmarkRank100k(b *testing.B) {
	fs, keys := corpus100k(b)
	key := func(i int32) *Key { return &keys[i] }
	order := byDate(fs)
	for _, term := range []string{"k", "e", "kyiv", "chip", "miller", "port", "new tax", "zurich", "台湾", "xqz"} {
		b.Run(term, func(b *testing.B) {
			q := NewQuery(term)
			var ranked []int32
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				var err error
				if ranked, _, err = Rank(context.Background(), &q, len(keys), key, order); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			words := 0
			for _, i := range ranked {
				if q.Score(&keys[i]).IsWord() {
					words++
				}
			}
			b.ReportMetric(float64(len(ranked)), "matches")
			b.ReportMetric(float64(words), "word-matches")
		})
	}
}

// byDate is the indices of fs newest first (by the date as written, which
// for the generated library sorts ISO dates right and is close enough for
// the others: what matters is that the order is not the load order).
func byDate(fs []fields) []int32 {
	order := All(len(fs))
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(fs[b].date, fs[a].date) })
	return order
}

// BenchmarkRank100k_TypingOn is the next letter of a term: ranking only
// the previous term's matches ("kyi" → "kyiv", "mille" → "miller").
func BenchmarkRank100k_TypingOn(b *testing.B) {
	fs, keys := corpus100k(b)
	key := func(i int32) *Key { return &keys[i] }
	order := byDate(fs)
	for _, terms := range [][2]string{{"kyi", "kyiv"}, {"mille", "miller"}, {"p", "po"}} {
		b.Run(terms[1], func(b *testing.B) {
			prev, q := NewQuery(terms[0]), NewQuery(terms[1])
			_, cands, _ := Rank(context.Background(), &prev, len(keys), key, order)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, _, err := Rank(context.Background(), &q, len(keys), key, cands); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(cands)), "candidates")
		})
	}
}
