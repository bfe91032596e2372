package library

import (
	"fmt"
	"testing"

	"github.com/newsdesk/newsdesk/article"
)

// benchArticles is n articles of four reactions each by commentators
// drawn from a pool of pool names (some with an honorific, some in upper
// case: several spellings of one person).
func benchArticles(n, pool int) []article.Article {
	arts := make([]article.Article, n)
	for i := range arts {
		a := article.Article{
			ID:       article.ID(fmt.Sprintf("lib/%06d.txt", i)),
			Headline: fmt.Sprintf("Story %d", i),
			Date:     fmt.Sprintf("2025-%02d-%02d", i%12+1, i%28+1),
		}
		a.Path = string(a.ID)
		for k := range 4 {
			p := (i*7 + k*131) % pool
			name := fmt.Sprintf("Analyst %d Surname", p)
			switch (i + k) % 3 {
			case 1:
				name = "Dr. " + name
			case 2:
				name = fmt.Sprintf("ANALYST %d SURNAME", p)
			}
			a.Reactions = append(a.Reactions, article.Reaction{Name: name, Role: fmt.Sprintf("Role %d", p%50), Quote: "q"})
		}
		arts[i] = a
	}
	return arts
}

func BenchmarkCommentators_Build100k(b *testing.B) {
	for _, pool := range []int{4, 5000} {
		b.Run(fmt.Sprintf("pool%d", pool), func(b *testing.B) {
			s := NewStatic(benchArticles(100_000, pool), nil).Snapshot()
			b.ResetTimer()
			for range b.N {
				_ = buildCommentators(s)
			}
		})
	}
}
