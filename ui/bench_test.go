package ui

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/internal/gencorpus/corpus"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/state"
	"github.com/newsdesk/newsdesk/ui/render"
)

// library is n articles like the seed with distinct headlines and dates.
func sampleLibrary(n int) []article.Article {
	seed := seedArticle()
	arts := make([]article.Article, n)
	for i := range arts {
		a := seed
		a.ID = article.ID(fmt.Sprintf("lib/%06d.txt", i))
		a.Path = string(a.ID)
		a.Headline = fmt.Sprintf("Story %d: %s", i, seed.Headline)
		a.Date = fmt.Sprintf("2025-%02d-%02d", i%12+1, i%28+1)
		arts[i] = a
	}
	return arts
}

func benchModel(b *testing.B, n int) *Model {
	m := New(Config{Library: library.NewStatic(sampleLibrary(n), nil), Style: "dark"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m
}

// BenchmarkList_NavigateKey100k is one j keystroke (Update + View) on a
// list of 100,000 articles.
func BenchmarkList_NavigateKey100k(b *testing.B) {
	m := benchModel(b, 100_000)
	j, k := press("j"), press("k")
	b.ResetTimer()
	for i := range b.N {
		key := j
		if i%2 == 1 {
			key = k
		}
		m.Update(key)
		_ = m.View()
	}
}

var generated struct {
	once sync.Once
	arts []article.Article
}

// generated100k is the library of `go run ./internal/gencorpus -n 100000`
// (seed 1), parsed by the real parsers, without the bodies and quotes:
// the list and its filter never read them, and 100,000 bodies would hold
// ≈450 MB of file text. Made once per test binary (a few seconds).
func generated100k(b *testing.B) []article.Article {
	b.Helper()
	generated.once.Do(func() {
		type file struct {
			i    int
			name string
			data []byte
		}
		files := make(chan file, 64)
		parsed := map[int][]article.Article{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for f := range files {
					arts, _ := article.Parse("lib/"+f.name, f.data, article.FormatOf(f.name))
					for k := range arts {
						arts[k] = summaryOnly(arts[k])
					}
					mu.Lock()
					parsed[f.i] = arts
					mu.Unlock()
				}
			})
		}
		n := 0
		_, err := corpus.Walk(corpus.Options{N: 100_000, Seed: 1}, func(name string, data []byte) error {
			files <- file{n, name, data}
			n++
			return nil
		})
		close(files)
		wg.Wait()
		if err != nil {
			panic(err)
		}
		for i := range n {
			generated.arts = append(generated.arts, parsed[i]...)
		}
	})
	if len(generated.arts) != 100_000 {
		b.Fatalf("%d generated articles", len(generated.arts))
	}
	return generated.arts
}

// summaryOnly is a without its body and quotes, its other text copied out
// of the file's.
func summaryOnly(a article.Article) article.Article {
	s := article.Article{ID: article.ID(strings.Clone(string(a.ID))), Path: strings.Clone(a.Path), Format: a.Format,
		Headline: strings.Clone(a.Headline), Place: strings.Clone(a.Place), Date: strings.Clone(a.Date),
		Source: strings.Clone(a.Source)}
	for _, t := range a.Tags {
		s.Tags = append(s.Tags, strings.Clone(t))
	}
	for _, r := range a.Reactions {
		s.Reactions = append(s.Reactions, article.Reaction{Name: strings.Clone(r.Name)})
	}
	return s
}

// generatedModel is a reader on the generated library at 120×40 with the
// filter input open and before typed (every command run).
func generatedModel(b *testing.B, before string) *Model {
	m := New(Config{Library: library.NewStatic(generated100k(b), nil), Style: "dark"})
	b.Cleanup(m.Close)
	m = drive(b, m, tea.WindowSizeMsg{Width: 120, Height: 40}, press("/"))
	return drive(b, m, keys(strings.Split(before, "")...)...)
}

// BenchmarkList_FilterKeystroke100k is typing one filter character on the
// generated 100,000-article library: the Update + View the keystroke
// itself costs (the matching runs in a Cmd, and the one it supersedes is
// cancelled).
func BenchmarkList_FilterKeystroke100k(b *testing.B) {
	m := generatedModel(b, "ky")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		key := press("i")
		if i%2 == 1 {
			key = tea.KeyPressMsg{Code: tea.KeyBackspace}
		}
		m.Update(key)
		_ = m.View()
	}
}

// BenchmarkList_FilterResult100k is what the user waits for after a key on
// the generated 100,000-article library: the key's Update, the match and
// ranking (its Cmd), the Update that shows the ranked matches and the
// View. The first letter and a word after a backspace match all 100,000
// articles; typing on matches the previous term's matches. Between
// iterations (not timed) the key is undone.
func BenchmarkList_FilterResult100k(b *testing.B) {
	backspace := tea.KeyPressMsg{Code: tea.KeyBackspace}
	for _, tt := range []struct {
		name, before string
		key, undo    tea.KeyPressMsg
	}{
		{"first-letter-k", "", press("k"), backspace},
		{"first-letter-e", "", press("e"), backspace},
		{"kyi-to-kyiv", "kyi", press("v"), backspace},
		{"mille-to-miller", "mille", press("r"), backspace},
		{"port-after-backspace", "portx", backspace, press("x")},
		{"chip-after-backspace", "chipx", backspace, press("x")},
	} {
		b.Run(tt.name, func(b *testing.B) {
			m := generatedModel(b, tt.before)
			shown := 0
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				_, cmd := m.Update(tt.key)
				got := false
				for _, msg := range collect(cmd) {
					if fm, ok := msg.(filteredMsg); ok {
						m.Update(fm)
						got = true
					}
				}
				if !got {
					b.Fatal("no filter result")
				}
				_ = m.View()
				b.StopTimer()
				shown = len(m.list.view)
				m = drive(b, m, tt.undo)
				b.StartTimer()
			}
			b.ReportMetric(float64(shown), "matches")
		})
	}
}

// BenchmarkRender_SeedFirst renders the seed article at 100 columns, as
// opening it in the reader the first time does (in a Cmd).
func BenchmarkRender_SeedFirst(b *testing.B) {
	a := seedArticle()
	for range b.N {
		if _, err := render.Article(context.Background(), &a, 100, "dark", render.Body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender_SeedCached opens the already rendered seed article:
// enter (a cache hit) + View, then esc.
func BenchmarkRender_SeedCached(b *testing.B) {
	m := New(Config{Library: library.NewStatic([]article.Article{seedArticle()}, nil), Style: "dark"})
	m = drive(b, m, tea.WindowSizeMsg{Width: 120, Height: 40}, press("enter"), press("esc"))
	enter, esc := press("enter"), press("esc")
	b.ResetTimer()
	for range b.N {
		_, cmd := m.Update(enter)
		if cmd != nil {
			b.Fatal("cache miss")
		}
		_ = m.View()
		m.Update(esc)
	}
}

// BenchmarkReader_ScrollKey is one j/k keystroke (Update + View) in the
// reader on the seed article at 80×24 (the SSH load test's size) and
// 120×40: what every key of an SSH reader costs the server.
func BenchmarkReader_ScrollKey(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			m := New(Config{Library: library.NewStatic([]article.Article{seedArticle()}, nil), Style: "dark"})
			m = drive(b, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}, press("enter"))
			j, k := press("j"), press("k")
			b.ResetTimer()
			for i := range b.N {
				key := j
				if i%2 == 1 {
					key = k
				}
				m.Update(key)
				_ = m.View()
			}
		})
	}
}

// BenchmarkList_NavigateKeyWide is one j/k keystroke (Update + View) on
// 100,000 articles at 200×50, where the list shares the screen with the
// preview of the selected article.
func BenchmarkList_NavigateKeyWide(b *testing.B) {
	m := New(Config{Library: library.NewStatic(sampleLibrary(100_000), nil), Style: "dark"})
	m = drive(b, m, tea.WindowSizeMsg{Width: 200, Height: 50})
	j, k := press("j"), press("k")
	b.ResetTimer()
	for i := range b.N {
		key := j
		if i%2 == 1 {
			key = k
		}
		m.Update(key)
		_ = m.View()
	}
}

// BenchmarkList_NavigateKey100kWithMarks is BenchmarkList_NavigateKey100k
// with the user's marks loaded for every article (read, a bookmark on one
// in ten, four reactions seen on each): what a long-time reader's list
// costs per key.
func BenchmarkList_NavigateKey100kWithMarks(b *testing.B) {
	arts := sampleLibrary(100_000)
	st := &state.State{Marks: make(map[article.ID]state.Mark, len(arts))}
	for i, a := range arts {
		keys := make([]state.ReactionKey, len(a.Reactions))
		for j, r := range a.Reactions {
			keys[j] = state.NewReactionKey(r.Name, r.Quote)
		}
		st.Marks[a.ID] = state.Mark{Read: true, Bookmarked: i%10 == 0, Seen: state.NewSeen(keys...)}
	}
	m := New(Config{Library: library.NewStatic(arts, nil), Style: "dark"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(stateMsg{st: st})
	j, k := press("j"), press("k")
	b.ResetTimer()
	for i := range b.N {
		key := j
		if i%2 == 1 {
			key = k
		}
		m.Update(key)
		_ = m.View()
	}
}
