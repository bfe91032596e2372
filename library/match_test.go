package library

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Miller", "miller"},
		{"already lower", "already lower"},
		{"ZÜRICH, Switzerland", "zurich, switzerland"},
		{"SÃO PAULO", "sao paulo"},
		{"José Álvarez", "jose alvarez"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"Søren", "soren"},
		{"İstanbul", "istanbul"},
		{"Ayşe Yılmaz", "ayse yilmaz"},
		{"ＴＡＩＰＥＩ", "taipei"},                               // fullwidth, as a Chinese or Japanese keyboard types it
		{"台湾半导体", "台湾半导体"},                                 // no case, nothing to remove
		{"ポート が", "\u30db\u309a\u30fc\u30c8 \u304b\u3099"}, // kana keep their voicing marks (decomposed, as in a term)
		{"ｶﾞ", "\u30ab\u3099"},                             // halfwidth kana as fullwidth ones
		{"ﬁnance №1", "finance no1"},
		{"김민준", "김민준"},           // Hangul stays composed
		{"Ελλάδα", "ελλαδα"},     // Greek accents go too
		{"Café\u0301", "cafe"},   // an accent typed apart
		{"e\u0301cole", "ecole"}, // decomposed text
		{"bad \xff byte", "bad \ufffd byte"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// key is a key with only a headline and names, for tables.
func key(headline string, names ...string) Key { return NewKey(headline, "", "", nil, names) }

// rankOf returns the headlines of keys matching term, best first.
func rankOf(t *testing.T, term string, keys []Key) []string {
	t.Helper()
	q := NewQuery(term)
	ranked, matched, err := Rank(context.Background(), &q, len(keys), func(i int32) *Key { return &keys[i] }, All(len(keys)))
	if err != nil {
		t.Fatal(err)
	}
	if len(ranked) != len(matched) {
		t.Fatalf("%d ranked, %d matched", len(ranked), len(matched))
	}
	out := make([]string, len(ranked))
	for i, k := range ranked {
		out[i], _, _ = strings.Cut(keys[k].text, string(sep))
	}
	return out
}

// TestScore_Levels pins the order of every kind of occurrence: a whole
// word beats the start of a word, which beats the inside of one; the
// headline beats the other fields at each of those; letters in order come
// last, in the headline alone first.
func TestScore_Levels(t *testing.T) {
	best := []Key{
		NewKey("Port Strike Ends", "", "", nil, nil),                // a headline word
		NewKey("Portugal Votes", "", "", nil, nil),                  // the start of a headline word
		NewKey("Storm Warning", "PORT SAID, Egypt", "", nil, nil),   // a word of the place
		NewKey("Trade Figures", "", "", []string{"ports"}, nil),     // the start of a tag
		NewKey("Airport Reopens", "", "", nil, nil),                 // inside a headline word
		NewKey("Talks Resume", "", "Sports Desk", nil, nil),         // inside a word of the source
		NewKey("Prices Out of Reach Today", "", "", nil, nil),       // p…o…r…t in the headline
		NewKey("Prices Rise", "", "", nil, []string{"Otto Ritter"}), // p…o…r…t across fields
		NewKey("Nothing Here", "", "", nil, nil),                    // no match
	}
	// Shuffled, the ranking must still come out in this order.
	for seed := range uint64(20) {
		keys := slices.Clone(best)
		rand.New(rand.NewPCG(seed, 1)).Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		got := rankOf(t, "port", keys)
		want := []string{"port strike ends", "portugal votes", "storm warning", "trade figures", "airport reopens",
			"talks resume", "prices out of reach today", "prices rise"}
		if !slices.Equal(got, want) {
			t.Fatalf("seed %d: port ranks\n%q\nwant\n%q", seed, got, want)
		}
	}
}

// TestRank_IssueCases are the cases of issue 8 on keys made for them.
func TestRank_IssueCases(t *testing.T) {
	tests := []struct {
		name, term string
		keys       []Key // in the list's order (newest first)
		want       []string
	}{
		{"a headline word beats letters apart", "tax", []Key{
			key("Wheat Prices Jump After Export Ban"),
			key("How the New Tax Rules Will Change Your Paycheck"),
		}, []string{"how the new tax rules will change your paycheck", "wheat prices jump after export ban"}},
		{"the place beats letters apart in the headline", "taipei", []Key{
			key("Thai Peacekeepers Arrive in South Sudan"),
			NewKey("Chipmakers Brace for Power Cuts", "TAIPEI, Taiwan", "Reuters", nil, nil),
			key("Talks in Pretoria Reach an Impasse"),
		}, []string{"chipmakers brace for power cuts", "thai peacekeepers arrive in south sudan", "talks in pretoria reach an impasse"}},
		{"every Miller before any letters apart", "miller", []Key{
			key("Chipmakers Cuts Interest Rates After Talks Stall", "Camille Renard"),
			key("Military Leaders Meet"),
			key("Rates on Hold", "Dr. Sarah Miller"),
			key("Miller Family Sells Mill"),
			key("Small Lenders Rally", "Amir Lee"),
			key("Storm Hits Coast", "James Miller", "Li Wei"),
		}, []string{"miller family sells mill", "rates on hold", "storm hits coast", "military leaders meet",
			"chipmakers cuts interest rates after talks stall"}},
		{"equal scores keep the list's order", "storm", []Key{
			key("Storm B"), key("Inland Storm A"), key("Storm C"),
		}, []string{"storm b", "inland storm a", "storm c"}},
		{"a phrase beats the same words apart", "new tax", []Key{
			key("Tax Rises Hit New Businesses"),
			key("The New Tax Year"),
		}, []string{"the new tax year", "tax rises hit new businesses"}},
		{"every word must occur, in any order", "rules tax", []Key{
			key("Wheat Rules"),
			key("How the New Tax Rules Work"),
		}, []string{"how the new tax rules work"}},
		{"a Chinese word inside a headline is a word", "半导体", []Key{
			key("半导体工厂"),       // starts the headline
			key("台湾半导体出口创下新高"), // inside, but a word of its own
			key("导体"),
		}, []string{"半导体工厂", "台湾半导体出口创下新高"}},
		{"letters out of order do not match", "ugiohs", []Key{
			key("Shoigu Meets Wang in Moscow"),
		}, []string{}},
		{"Chinese letters apart match, as letters apart", "王明", []Key{
			key("Talks End", "王小明"),
		}, []string{"talks end"}},
		{"spaces split words", "in mo", []Key{
			key("Storm Hits Our Islands, Grid Unstable"),
			key("Shoigu Meets Wang in Moscow"),
		}, []string{"shoigu meets wang in moscow"}},
		{"diacritics and case do not matter", "ZURICH", []Key{
			key("Zürich Insurer Raises Estimate"),
			key("ZURICH FLOODS"),
		}, []string{"zurich insurer raises estimate", "zurich floods"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rankOf(t, tt.term, tt.keys); !slices.Equal(got, tt.want) {
				t.Errorf("%q ranks\n%q\nwant\n%q", tt.term, got, tt.want)
			}
		})
	}
}

// testLibrary is the committed test library, in load order.
func testLibrary(t testing.TB) []article.Article {
	t.Helper()
	arts, probs := article.Collect(article.Load(context.Background(), []string{"../testdata/library"}, article.Options{}))
	if len(probs) > 0 || len(arts) != 21 {
		t.Fatalf("test library: %d articles, problems %v", len(arts), probs)
	}
	return arts
}

// keyOf is the key of an article as the reader builds it.
func keyOf(a *article.Article) Key {
	names := make([]string, len(a.Reactions))
	for i, r := range a.Reactions {
		names[i] = r.Name
	}
	return NewKey(a.Headline, a.Place, a.Source, a.Tags, names)
}

// TestRank_TestLibrary runs the cases of testdata/library/README.md, with
// the library in the list's first order (newest first: the dates are ISO
// or spelled out, and all in 2026).
func TestRank_TestLibrary(t *testing.T) {
	arts := testLibrary(t)
	ds := map[string]string{}
	for _, a := range arts {
		ds[a.Headline] = isoDate(t, a.Date)
	}
	keys := make([]Key, len(arts))
	for i := range arts {
		keys[i] = keyOf(&arts[i])
	}
	order := All(len(arts)) // the list's order: load order sorted newest first
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(ds[arts[b].Headline], ds[arts[a].Headline]) })
	rank := func(term string) ([]string, []Score) {
		q := NewQuery(term)
		ranked, _, err := Rank(context.Background(), &q, len(keys), func(i int32) *Key { return &keys[i] }, order)
		if err != nil {
			t.Fatal(err)
		}
		var heads []string
		var scores []Score
		for _, i := range ranked {
			heads = append(heads, arts[i].Headline)
			scores = append(scores, q.Score(&keys[i]))
		}
		return heads, scores
	}
	before := func(t *testing.T, heads []string, a, b string) {
		t.Helper()
		i, j := slices.Index(heads, a), slices.Index(heads, b)
		if i < 0 || j < 0 || i >= j {
			t.Errorf("%q (at %d) should rank before %q (at %d) in\n%s", a, i, b, j, strings.Join(heads, "\n"))
		}
	}
	t.Run("tax", func(t *testing.T) {
		heads, scores := rank("tax")
		want := []string{"How the New Tax Rules Will Change Your Paycheck", "Taxi Drivers Block Airport Road Over App Fees",
			"São Paulo Metro Workers Walk Out Over Pensions"}
		if len(heads) < 4 || !slices.Equal(heads[:3], want) {
			t.Fatalf("tax ranks\n%s", strings.Join(heads, "\n"))
		}
		before(t, heads, want[2], "Wheat Prices Jump After Export Ban")
		if i := slices.Index(heads, "Wheat Prices Jump After Export Ban"); scores[i].IsWord() {
			t.Errorf("the wheat story is a word match for tax")
		}
	})
	t.Run("taipei", func(t *testing.T) {
		heads, _ := rank("taipei")
		if len(heads) < 2 || heads[0] != "Chipmakers Brace for Power Cuts as Taiwan's Reservoirs Run Low" {
			t.Fatalf("taipei ranks\n%s", strings.Join(heads, "\n"))
		}
		before(t, heads, heads[0], "Thai Peacekeepers Arrive in South Sudan")
	})
	t.Run("miller", func(t *testing.T) {
		heads, scores := rank("miller")
		millers := []string{ // newest first
			"Miller Family Sells Its 140-Year-Old Flour Mill to a Farmers' Cooperative", // the headline
			"Chipmakers Brace for Power Cuts as Taiwan's Reservoirs Run Low",
			"Leaders Agree on Grain Corridor After Overnight Talks",
			"Exporters Cheer as Central Bank Holds Rates & Signals Cuts",
			"Microchip Shortage Eases for European Automakers",
			"Nigeria Lifts Cap on Petrol Prices as Subsidy Bill Soars",
			"How the New Tax Rules Will Change Your Paycheck",
		}
		if len(heads) < len(millers)+4 || !slices.Equal(heads[:len(millers)], millers) {
			t.Fatalf("miller ranks\n%s", strings.Join(heads, "\n"))
		}
		if heads[len(millers)] != "Zürich Insurer Raises Storm Claims Estimate After Alpine Floods" {
			t.Errorf("Millerand is not next: %q", heads[len(millers)])
		}
		for _, h := range []string{"Military Leaders Meet in Brussels to Plan Air Defence Orders",
			"Millions Left Without Power as Ice Storm Hits Quebec", "Wheat Prices Jump After Export Ban"} {
			i := slices.Index(heads, h)
			if i <= len(millers) || scores[i].IsWord() {
				t.Errorf("%q at %d (score %d): should match only scattered", h, i, scores[i])
			}
		}
		for i, s := range scores {
			if !s.IsWord() && i < len(millers)+1 {
				t.Errorf("a scattered match at %d", i)
			}
		}
	})
	t.Run("storm", func(t *testing.T) {
		heads, scores := rank("storm")
		want := []string{"Zürich Insurer Raises Storm Claims Estimate After Alpine Floods",
			"Millions Left Without Power as Ice Storm Hits Quebec", "Storm Cuts Power to Thousands"}
		if len(heads) < 4 || !slices.Equal(heads[:3], want) {
			t.Fatalf("storm ranks\n%s", strings.Join(heads, "\n"))
		}
		if heads[3] != "Investors Return to Emerging Markets" || scores[3].IsWord() {
			t.Errorf("the newest article is not the first scattered match: %q (score %d)", heads[3], scores[3])
		}
	})
	for _, tt := range []struct{ term, first string }{
		{"kyiv", "Kyiv Restores Power After Overnight Drone Strikes"},
		{"port", "Red Sea Insurance Costs Double as Ships Avoid Port Said"},
		{"chip", "Chipmakers Brace for Power Cuts as Taiwan's Reservoirs Run Low"},
		{"sao paulo", "São Paulo Metro Workers Walk Out Over Pensions"},
		{"zurich", "Zürich Insurer Raises Storm Claims Estimate After Alpine Floods"},
		{"alvarez", "São Paulo Metro Workers Walk Out Over Pensions"},
		{"台湾", "台湾半导体出口创下新高"},
		{"大阪", "大阪港の物流が回復"},
		{"김민준", "Leaders Agree on Grain Corridor After Overnight Talks"},
	} {
		t.Run(tt.term, func(t *testing.T) {
			heads, scores := rank(tt.term)
			if len(heads) == 0 || heads[0] != tt.first || !scores[0].IsWord() {
				t.Errorf("%q ranks\n%s", tt.term, strings.Join(heads, "\n"))
			}
		})
	}
}

// isoDate reads the test library's dates ("2026-02-01", "Feb. 3, 2026",
// "28 January 2026", "January 31, 2026") as YYYY-MM-DD.
func isoDate(t *testing.T, d string) string {
	t.Helper()
	for _, l := range []string{"2006-01-02", "Jan. 2, 2006", "2 January 2006", "January 2, 2006"} {
		if tm, err := time.Parse(l, d); err == nil {
			return tm.Format("2006-01-02")
		}
	}
	t.Fatalf("cannot read date %q", d)
	return ""
}

// TestQuery_NarrowsIsSafe checks what incremental filtering relies on: a
// term that narrows another matches a subset of its matches, for every
// prefix of many terms over the test library.
func TestQuery_NarrowsIsSafe(t *testing.T) {
	arts := testLibrary(t)
	keys := make([]Key, len(arts))
	for i := range arts {
		keys[i] = keyOf(&arts[i])
	}
	terms := []string{"miller", "new tax", "sao paulo", "taipei", "port said", "storm claims", "台湾半导体", "kyiv power", "ＴＡＩＰＥＩ"}
	for _, term := range terms {
		runes := []rune(term)
		for n := 1; n < len(runes); n++ {
			prev, q := NewQuery(string(runes[:n])), NewQuery(string(runes[:n+1]))
			if !q.Narrows(&prev) {
				if q.Empty() {
					continue
				}
				t.Errorf("%q does not narrow %q", string(runes[:n+1]), string(runes[:n]))
				continue
			}
			for i := range keys {
				if q.Score(&keys[i]) > 0 && prev.Score(&keys[i]) == 0 {
					t.Errorf("%q matches %q, %q does not", string(runes[:n+1]), arts[i].Headline, string(runes[:n]))
				}
			}
		}
	}
	a, b := NewQuery("tax"), NewQuery("tac")
	if a.Narrows(&b) || b.Narrows(&a) {
		t.Errorf("unrelated terms narrow each other")
	}
	empty := NewQuery("  ")
	if a.Narrows(&empty) {
		t.Errorf("a term narrows the empty term (which matches everything, unranked)")
	}
}

func TestRank_CancelledStops(t *testing.T) {
	keys := make([]Key, 5000)
	for i := range keys {
		keys[i] = key(fmt.Sprintf("Story %d", i))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	q := NewQuery("story")
	calls := 0
	ranked, matched, err := Rank(ctx, &q, len(keys), func(i int32) *Key { calls++; return &keys[i] }, All(len(keys)))
	if !errors.Is(err, context.Canceled) || ranked != nil || matched != nil {
		t.Errorf("cancelled Rank returned %d, %d, %v", len(ranked), len(matched), err)
	}
	if calls > 0 {
		t.Errorf("a cancelled Rank scored %d keys", calls)
	}
}

// TestNewKey_Bounds: a hostile file's fields (a headline of megabytes, a
// thousand commentators) give a key of bounded size that still matches
// what is at the start of each field.
func TestNewKey_Bounds(t *testing.T) {
	long := strings.Repeat("Wörd ", 400_000) // 2.4 MB of headline
	var names []string
	for i := range 1000 {
		names = append(names, fmt.Sprintf("Commentator Number %d", i))
	}
	k := NewKey("Miller "+long, strings.Repeat("P", 10_000), "Reuters", []string{strings.Repeat("t", 5000)}, names)
	if k.Size() > maxHeadline+2*maxField+maxTags+maxNames+8 {
		t.Errorf("key of %d bytes", k.Size())
	}
	for _, term := range []string{"miller", "reuters", "commentator number 0"} {
		q := NewQuery(term)
		if !q.Score(&k).IsWord() {
			t.Errorf("%q lost from a long key", term)
		}
	}
	if !strings.HasSuffix(k.text, string(sep)) || !utf8Valid(k.text) {
		t.Errorf("key cut inside a rune or without its separator")
	}

	// A term of a whole page, with controls and bad bytes, is cut too.
	q := NewQuery(strings.Repeat("miller\x00\x1b[31m\xff ", 10_000))
	if len(q.term) > maxTerm || strings.ContainsAny(q.term, "\x00\x1b\x1f") {
		t.Errorf("query term of %d bytes: %.40q", len(q.term), q.term)
	}
	_ = q.Score(&k) // and never panics
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\ufffd") == s }

func TestQuery_EmptyMatchesNothingToRank(t *testing.T) {
	k := key("Anything")
	for _, term := range []string{"", "   ", "\t\n", "\x00\x1b"} {
		q := NewQuery(term)
		if !q.Empty() || q.Score(&k) != 0 {
			t.Errorf("%q: Empty %v, score %d", term, q.Empty(), q.Score(&k))
		}
	}
}

// TestRank_SameAsAStableSort checks the parallel scoring and the counting
// sort against the plain definition, on more keys than one goroutine
// scores: the matches, by score, best first, ties in the given order.
func TestRank_SameAsAStableSort(t *testing.T) {
	words := []string{"storm", "port", "miller", "tax", "taipei", "kyiv", "chip", "rates", "talks", "mill", "report", "sao"}
	r := rand.New(rand.NewPCG(3, 4))
	keys := make([]Key, 3*parallelFrom+17)
	for i := range keys {
		var h []string
		for range 2 + r.IntN(5) {
			h = append(h, words[r.IntN(len(words))]+[]string{"", "s", "er", "ing"}[r.IntN(4)])
		}
		keys[i] = NewKey(strings.Join(h, " "), "", "", []string{words[r.IntN(len(words))]}, nil)
	}
	key := func(i int32) *Key { return &keys[i] }
	// Every key in a shuffled order, and a shuffled half of them.
	all := All(len(keys))
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	half := slices.Clone(all[:len(all)/2])
	for _, cands := range [][]int32{all, half} {
		for _, term := range []string{"storm", "port", "mil", "t", "tax rates", "xq"} {
			q := NewQuery(term)
			ranked, matched, err := Rank(context.Background(), &q, len(keys), key, cands)
			if err != nil {
				t.Fatal(err)
			}
			var want []int32
			for _, c := range cands {
				if q.Score(&keys[c]) > 0 {
					want = append(want, c)
				}
			}
			if !slices.Equal(matched, want) {
				t.Fatalf("%q over %d: matched %d, want %d in the candidates' order", term, len(cands), len(matched), len(want))
			}
			slices.SortStableFunc(want, func(a, b int32) int { return int(q.Score(&keys[b])) - int(q.Score(&keys[a])) })
			if !slices.Equal(ranked, want) {
				t.Errorf("%q over %d: ranked differs from a stable sort by score", term, len(cands))
			}
		}
	}
}
