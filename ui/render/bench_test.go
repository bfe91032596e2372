package render

import (
	"context"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// BenchmarkRender_Seed renders the seed article as the reader opens it
// the first time (the body variant at 100 columns), and reports the size
// of the rendering.
func BenchmarkRender_Seed(b *testing.B) {
	a := seedArticle(b)
	var out string
	b.ReportAllocs()
	for range b.N {
		out = renderArticle(b, a, 100, "dark", Body)
	}
	b.ReportMetric(float64(len(out)), "bytes/rendering")
}

// heapPeak samples the live heap while f runs and returns the most it
// grew above what it was before, in bytes.
func heapPeak(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if h := read(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	<-stopped
	if h := read(); h > peak.Load() {
		peak.Store(h)
	}
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// hostile are the articles issue 7 measured, at their real sizes.
func hostile() map[string]*article.Article {
	many := func(n int) []string {
		p := make([]string, n)
		for i := range p {
			p[i] = "a"
		}
		return p
	}
	return map[string]*article.Article{
		"quotes 5,000 deep (10 KB)":     markdownArticle(strings.Repeat("> ", 5000) + "deep"),
		"lists 2,000 deep":              markdownArticle(strings.Repeat("- ", 2000) + "deep"),
		"one 2 MB link":                 markdownArticle("see [x](http://example.com/" + strings.Repeat("a", 2<<20) + ")"),
		"100,000 paragraphs (300 KB)":   markdownArticle(many(100_000)...),
		"1,000,000 paragraphs (2.9 MB)": markdownArticle(many(1_000_000)...),
	}
}

// atLimits are articles just within every limit: the most a rendering
// by Glamour can cost (what estimate must cover).
func atLimits() map[string]*article.Article {
	para := strings.Repeat("lorem ipsum dolor sit amet consectetur ", 10)
	tiny := make([]string, MaxBlocks-10)
	for i := range tiny {
		tiny[i] = "a"
	}
	return map[string]*article.Article{
		"1,990 one-letter paragraphs":  markdownArticle(tiny...),
		"640 real paragraphs (250 KB)": markdownArticle(strings.Split(strings.Repeat(para+"\n", 640), "\n")[:640]...),
		"one 250 KB paragraph":         markdownArticle(strings.Repeat("word ", 250<<10/5)),
		"1,990 code lines":             markdownArticle("```\n" + strings.Repeat("x := 1\n", MaxBlocks-10) + "```"),
		"8 nested quotes of 64 KB":     markdownArticle(strings.Repeat("> ", MaxNesting) + strings.Repeat("word ", 64<<10/5)),
		"1,990 list items":             markdownArticle(strings.Repeat("- item\n", MaxBlocks-10)),
		"44×44 table":                  markdownArticle("|" + strings.Repeat(" x |", 44) + "\n|" + strings.Repeat("---|", 44) + "\n" + strings.Repeat("|"+strings.Repeat(" x |", 44)+"\n", 43)),
	}
}

// benchArticles renders each article at each width, reporting the time,
// the peak growth of the live heap and the size of the rendering.
func benchArticles(b *testing.B, arts map[string]*article.Article, widths ...int) {
	for name, a := range arts {
		for _, w := range widths {
			b.Run(name+"/"+strconv.Itoa(w), func(b *testing.B) {
				b.ReportAllocs()
				var peak uint64
				var out string
				for range b.N {
					peak = max(peak, heapPeak(func() {
						var err error
						out, err = Article(context.Background(), a, w, "dark", Full)
						if err != nil {
							b.Fatal(err)
						}
					}))
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
				b.ReportMetric(float64(len(out))/(1<<10), "out-KiB")
				if md, over := articleMarkdown(a, Full); over == nil {
					b.ReportMetric(float64(estimate(md))/(1<<20), "estimate-MiB")
				}
			})
		}
	}
}

// BenchmarkHostile renders issue 7's hostile articles at their real
// sizes: each is shown as plain text, fast, in a few MiB.
func BenchmarkHostile(b *testing.B) { benchArticles(b, hostile(), 100) }

// BenchmarkAtLimits renders articles just within the limits, at the
// widest and a narrow width: the peak must stay under MaxRenderBytes and
// under estimate.
func BenchmarkAtLimits(b *testing.B) { benchArticles(b, atLimits(), 100, 30) }

// BenchmarkSharedBudget is the SSH server's worst case: 10 readers each
// open 10 articles just within the limits (100 renderings of distinct
// keys through one shared cache, all at once). The shared budget keeps
// the live heap's peak growth to a few renderings' worth.
func BenchmarkSharedBudget(b *testing.B) {
	var arts []*article.Article
	for _, a := range atLimits() {
		arts = append(arts, a)
	}
	for _, a := range hostile() {
		arts = append(arts, a)
	}
	b.ReportAllocs()
	var peak uint64
	for i := range b.N {
		c := NewCache(1000, 0)
		peak = max(peak, heapPeak(func() {
			var wg sync.WaitGroup
			for reader := range 10 {
				for j := range 10 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						a := arts[(reader+j)%len(arts)]
						k := Key{ID: article.ID(strconv.Itoa(i*1000 + reader*10 + j)), Width: 30 + 7*j, Style: "dark", Variant: Full}
						if _, err := c.Render(context.Background(), a, k); err != nil {
							b.Error(err)
						}
					}()
				}
			}
			wg.Wait()
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}
