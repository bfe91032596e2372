package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/seeds"
)

// The benchmark corpus: seed-sized articles (≈4 KB: a headline, six
// paragraphs, 0–8 reactions) made from the bundled seed's sentences, with
// words whose share of articles is known, so a benchmark can search for a
// rare and a common word. The same n gives the same articles on every run.
const (
	// rareWord is in 10 % of the articles' bodies (every tenth).
	rareWord = "kestrel"
	// commonWord is in 95 % of them.
	commonWord = "spokesperson"
	// cjkWord is in the 1 % of articles written in Chinese.
	cjkWord = "外交部"
)

// seedMaterial is the seed's sentences and reactions.
var seedMaterial = sync.OnceValues(func() ([]string, []article.Reaction) {
	arts, probs := article.Collect(article.LoadFS(context.Background(), seeds.FS, "seeds", article.Options{}))
	if len(arts) == 0 {
		panic(fmt.Sprint("no seed: ", probs))
	}
	var sentences []string
	var reactions []article.Reaction
	for _, a := range arts {
		for _, p := range a.Paragraphs {
			for _, s := range strings.SplitAfter(p, ". ") {
				if s = strings.TrimSpace(s); len(s) > 20 {
					sentences = append(sentences, s)
				}
			}
		}
		reactions = append(reactions, a.Reactions...)
	}
	return sentences, reactions
})

// extraWords make the vocabulary larger than the seed's: words drawn with
// a Zipf distribution, as a real library's are.
var extraWords = sync.OnceValue(func() []string {
	syl := []string{"ka", "lo", "mi", "ren", "tor", "sa", "vel", "dun", "pri", "ost", "el", "an", "qui", "zor", "bel", "nis"}
	r := rand.New(rand.NewPCG(7, 7))
	words := make([]string, 20000)
	for i := range words {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		words[i] = b.String()
	}
	return words
})

var (
	places  = []string{"MOSCOW", "BEIJING", "WASHINGTON", "LONDON", "PARIS", "BERLIN", "TOKYO", "NEW DELHI", "BRASILIA", "CAIRO", "HONG KONG", "SEOUL"}
	sources = []string{"Reuters", "AP", "AFP", "Bloomberg", "Xinhua", "Kyodo"}
	names   = []string{"Anya Petrova", "Li Wei", "James Thornton", "Maria Gonzalez", "Kenji Sato", "Fatima Al-Sayed", "Oleg Ivanov", "Chen Jing", "Sarah Mitchell", "Raj Patel"}
	roles   = []string{"Senior Fellow", "Professor of Politics", "Former Ambassador", "Chief Economist", "Analyst"}
)

// genArticle is the i-th article of the corpus.
func genArticle(i int) *article.Article {
	sentences, reactions := seedMaterial()
	extra := extraWords()
	r := rand.New(rand.NewPCG(uint64(i), 42))
	zipf := rand.NewZipf(r, 1.2, 1, uint64(len(extra)-1))
	a := &article.Article{
		ID:      article.ID(fmt.Sprintf("/corpus/%03d/%06d.txt", i/1000, i)),
		Version: article.Version(i + 1),
		Format:  article.FormatWire,
		Place:   places[r.IntN(len(places))],
		Date:    fmt.Sprintf("Feb %d", 1+r.IntN(28)),
		Source:  sources[r.IntN(len(sources))],
	}
	a.Path = string(a.ID)
	words := func(n int) string {
		ws := make([]string, n)
		for k := range ws {
			ws[k] = extra[zipf.Uint64()]
		}
		return strings.Join(ws, " ")
	}
	hs := strings.Fields(sentences[r.IntN(len(sentences))])
	a.Headline = strings.Join(hs[:min(len(hs), 6+r.IntN(5))], " ") + " " + words(2)
	if i%100 == 7 {
		a.Headline = "中国" + cjkWord + "发言人就台湾问题答记者问"
		a.Paragraphs = []string{"北京消息：" + cjkWord + "发言人在例行记者会上表示，中方坚持一个中国原则。", "发言人说，台湾是中国领土不可分割的一部分。"}
	}
	for p := range 6 {
		var b strings.Builder
		for range 2 {
			b.WriteString(sentences[r.IntN(len(sentences))])
			b.WriteString(" ")
		}
		b.WriteString(words(8))
		if p == 3 && i%10 == 0 {
			b.WriteString(" A " + rareWord + " was seen.")
		}
		if p == 5 && i%20 != 0 {
			b.WriteString(" The " + commonWord + " declined to comment.")
		}
		a.Paragraphs = append(a.Paragraphs, b.String())
	}
	for k := range r.IntN(9) {
		re := reactions[r.IntN(len(reactions))]
		re.Name = names[(i+k)%len(names)]
		re.Role = roles[r.IntN(len(roles))]
		a.Reactions = append(a.Reactions, re)
	}
	return a
}

// corpusWire writes the i-th article as a wire file under dir.
func corpusWire(t testing.TB, dir string, i int) string {
	t.Helper()
	a := genArticle(i)
	p := filepath.Join(dir, fmt.Sprintf("%03d", i/1000), fmt.Sprintf("%06d.txt", i))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(wireText(a)), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// wireText is a as a wire file.
func wireText(a *article.Article) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s, %s (%s) — %s\n", a.Headline, a.Place, a.Date, a.Source, a.Paragraphs[0])
	for _, p := range a.Paragraphs[1:] {
		b.WriteString(p + "\n")
	}
	if len(a.Reactions) > 0 {
		b.WriteString("Reaction & Analysis\n")
		for _, re := range a.Reactions {
			fmt.Fprintf(&b, "%s, %s (London): \"%s\"\n", re.Name, re.Role, re.Quote)
		}
	}
	return b.String()
}
