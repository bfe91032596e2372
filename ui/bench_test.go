package ui

import (
	"context"
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
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

// BenchmarkList_FilterKeystroke100k is typing one filter character: the
// Update + View the keystroke itself costs (the matching runs in a Cmd).
func BenchmarkList_FilterKeystroke100k(b *testing.B) {
	m := benchModel(b, 100_000)
	m.Update(press("/"))
	b.ResetTimer()
	for i := range b.N {
		key := press("x")
		if i%2 == 1 {
			key = tea.KeyPressMsg{Code: tea.KeyBackspace}
		}
		m.Update(key)
		_ = m.View()
	}
}

// BenchmarkList_FilterResult100k is what the user waits for after typing
// the first character: the fuzzy match over 100,000 articles (in its Cmd), then
// the Update that shows the matches and the View.
func BenchmarkList_FilterResult100k(b *testing.B) {
	m := benchModel(b, 100_000)
	m.Update(press("/"))
	key := press("K")
	b.ResetTimer()
	for range b.N {
		_, cmd := m.Update(key)
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
		m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
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
