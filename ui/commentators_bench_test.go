package ui

import (
	"context"
	"fmt"
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/ui/reactions"
)

// commentedLibrary is sampleLibrary's n articles with their four
// reactions by commentators drawn from a pool of pool people, in the
// spellings a wire would use (with and without a title, in capitals).
func commentedLibrary(n, pool int) []article.Article {
	arts := sampleLibrary(n)
	for i := range arts {
		rs := make([]article.Reaction, len(arts[i].Reactions))
		copy(rs, arts[i].Reactions)
		for k := range rs {
			p := (i*7 + k*131) % pool
			rs[k].Name = fmt.Sprintf("Analyst %d Example", p)
			switch (i + k) % 3 {
			case 1:
				rs[k].Name = "Dr. " + rs[k].Name
			case 2:
				rs[k].Name = fmt.Sprintf("ANALYST %d EXAMPLE", p)
			}
			rs[k].Role = fmt.Sprintf("Fellow %d", p%40)
		}
		arts[i].Reactions = rs
	}
	return arts
}

// commentatorLibraries are the libraries of 100,000 articles the
// commentators screen is measured on: the generated library (320
// commentators, about 1,200 reactions each) and commentedLibrary's 5,000
// commentators.
func commentatorLibraries(b *testing.B) []struct {
	name string
	arts []article.Article
} {
	return []struct {
		name string
		arts []article.Article
	}{
		{"generated", generated100k(b)},
		{"pool5000", commentedLibrary(100_000, 5000)},
	}
}

// BenchmarkCommentators_Open100k is c on the list of 100,000 articles to
// the commentators screen drawn (Update + View), the snapshot's index
// built: what every opening but the first of a snapshot costs, in any
// session.
func BenchmarkCommentators_Open100k(b *testing.B) {
	for _, lib := range commentatorLibraries(b) {
		b.Run(lib.name, func(b *testing.B) {
			m := New(Config{Library: library.NewStatic(lib.arts, nil), Style: "dark"})
			m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			m.c.snap.Commentators()
			c, esc := press("c"), press("esc")
			b.ResetTimer()
			for range b.N {
				m.Update(c)
				_ = m.View()
				b.StopTimer()
				m.Update(esc)
				b.StartTimer()
			}
		})
	}
}

// BenchmarkCommentators_OpenFirst100k is the first c of a snapshot, at
// 100,000 articles: "key" is the key to the screen drawn, which opens at
// once saying "Gathering commentators…" (the index is not built: the
// gathering Cmd is not run); "gather" is that Cmd, building the
// snapshot's index, and the screen drawn with its result. gather makes a
// fresh snapshot for each round (outside the timing): run it with
// -benchtime=10x.
func BenchmarkCommentators_OpenFirst100k(b *testing.B) {
	for _, lib := range commentatorLibraries(b) {
		b.Run(lib.name+"/key", func(b *testing.B) {
			m := New(Config{Library: library.NewStatic(lib.arts, nil), Style: "dark"})
			m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			c, esc := press("c"), press("esc")
			b.ResetTimer()
			for range b.N {
				m.Update(c)
				_ = m.View()
				b.StopTimer()
				m.Update(esc)
				b.StartTimer()
			}
			if _, ok := m.c.snap.CommentatorsReady(); ok {
				b.Fatal("the key built the index")
			}
		})
		b.Run(lib.name+"/gather", func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				m := New(Config{Library: library.NewStatic(lib.arts, nil), Style: "dark"})
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				_, cmd := m.Update(press("c"))
				b.StartTimer()
				m.Update(gathered(b, cmd))
				_ = m.View()
			}
		})
	}
}

// BenchmarkCommentators_FilterResult100k is the commentators of 100,000
// articles matched against a term (what the filter's Cmd does, over every
// commentator) and the result shown (Update's part + View), the index
// and its filter keys built.
func BenchmarkCommentators_FilterResult100k(b *testing.B) {
	for _, lib := range commentatorLibraries(b) {
		b.Run(lib.name, func(b *testing.B) {
			m := New(Config{Library: library.NewStatic(lib.arts, nil), Style: "dark"})
			m = drive(b, m, tea.WindowSizeMsg{Width: 120, Height: 40}, press("c"), press("/"), press("a"), press("n"))
			s := commentatorsOf(b, m)
			s.idx.MatchKeys()
			b.ResetTimer()
			for range b.N {
				ranked, _, _ := matchCommentators(context.Background(), s.idx, "ana", s.order)
				s.show(ranked)
				s.redraw()
				_ = m.View()
			}
		})
	}
}

// gathered is the gatheredMsg cmd leads to.
func gathered(b *testing.B, cmd tea.Cmd) tea.Msg {
	for _, msg := range collect(cmd) {
		if g, ok := msg.(gatheredMsg); ok {
			return g
		}
	}
	b.Fatal("nothing gathered")
	return nil
}

// cardsModel is a reader at 120×40 on a commentator's 200 cards (of 600
// stories), every story on screen and near it read.
func cardsModel(b *testing.B) (*Model, *cardsScreen) {
	m := New(Config{Library: library.NewStatic(reactedLibrary(600), nil), Style: "dark"})
	m = drive(b, m, tea.WindowSizeMsg{Width: 120, Height: 40}, press("c"), press("enter"))
	return m, cardsOf(b, m)
}

// BenchmarkCards_KeyAndView is l on a commentator's 200 cards: the focus
// moves (Update, reading what comes near) and the frame is drawn.
func BenchmarkCards_KeyAndView(b *testing.B) {
	m, _ := cardsModel(b)
	l, h := press("l"), press("h")
	b.ResetTimer()
	for i := range b.N {
		k := l
		if i%2 == 1 {
			k = h
		}
		m.Update(k)
		_ = m.View()
	}
}

// BenchmarkCards_BatchRead is a batch of stories coming in on a
// commentator's 200 cards: the cards filled in and laid out again, and
// the frame drawn.
func BenchmarkCards_BatchRead(b *testing.B) {
	m, c := cardsModel(b)
	// Two sets of cards differing in a batch of readBatch stories.
	other := slices.Clone(c.items)
	for i := range readBatch {
		other[40+i].Reaction.Quote += " (read)"
		other[40+i].Wait = ""
	}
	sets := [][]reactions.Item{c.items, other}
	b.ResetTimer()
	for i := range b.N {
		c.panel.UpdateItems(sets[i%2])
		_ = m.View()
	}
}
