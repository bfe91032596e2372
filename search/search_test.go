package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsdesk/newsdesk/article"
)

// filler is the i-th of the articles that no test searches for: they
// make BM25's document frequencies those of a library, not of two
// articles.
func filler(i int) *article.Article {
	return &article.Article{
		ID:         article.ID(fmt.Sprintf("filler-%02d", i)),
		Version:    1,
		Headline:   fmt.Sprintf("Weather report number %d", i),
		Place:      "OSLO",
		Source:     "NTB",
		Paragraphs: []string{"Rain is expected in the west, with sun later in the week.", "Temperatures stay mild."},
	}
}

// withFillers indexes arts and 20 fillers.
func withFillers(t *testing.T, arts ...*article.Article) *Index {
	t.Helper()
	x := openTemp(t, Options{})
	all := slices.Clone(arts)
	for i := range 20 {
		all = append(all, filler(i))
	}
	put(t, x, all...)
	return x
}

// ids runs query and returns the IDs of its hits in order.
func ids(t *testing.T, x *Index, query string) []string {
	t.Helper()
	hits, err := x.Search(t.Context(), query, 0)
	if err != nil {
		t.Fatalf("Search(%q): %v", query, err)
	}
	out := []string{}
	for _, h := range hits {
		out = append(out, string(h.ID))
	}
	return out
}

// story is an article with a headline and body paragraphs.
func story(id, headline string, body ...string) *article.Article {
	return &article.Article{ID: article.ID(id), Version: 1, Headline: headline, Place: "LONDON", Source: "Reuters", Paragraphs: body}
}

// longBody is n words of text no test searches for.
func longBody(n int) string {
	return strings.TrimSpace(strings.Repeat("officials met again on thursday ", n/5))
}

// TestSearch_Ranking: where the words are decides the order.
func TestSearch_Ranking(t *testing.T) {
	tests := []struct {
		name          string
		query         string
		better, worse *article.Article
	}{
		{
			"a word in the headline beats the same word in the body",
			"kestrel",
			story("better", "Kestrel seen over the city", longBody(60)),
			story("worse", "Birds return to the city", longBody(30)+" a kestrel was seen "+longBody(30)),
		},
		{
			"a phrase in the headline beats the same words scattered in the body",
			"kestrel nesting",
			story("better", "Kestrel nesting season begins", longBody(60)),
			story("worse", "Birds return to the city", "A kestrel was seen. "+longBody(40)+" The nesting season begins."),
		},
		{
			"a quoted phrase in the headline beats the phrase in the body",
			`"kestrel nesting"`,
			story("better", "Kestrel nesting season begins", longBody(60)),
			story("worse", "Birds return to the city", longBody(30)+" kestrel nesting "+longBody(30)),
		},
		{
			"words side by side beat the same words scattered",
			"kestrel nesting",
			story("better", "Birds return", longBody(30)+" kestrel nesting sites "+longBody(30)),
			story("worse", "Birds return", "A kestrel. "+longBody(60)+" Nesting sites."),
		},
		{
			"a commentator's name beats the name in the body",
			"petrova",
			&article.Article{ID: "better", Version: 1, Headline: "Talks in Moscow", Paragraphs: []string{longBody(60)},
				Reactions: []article.Reaction{{Name: "Dr. Anya Petrova", Role: "Senior Fellow", Quote: "It matters."}}},
			story("worse", "Talks in Moscow", longBody(30)+" Petrova said so "+longBody(30)),
		},
		{
			"a place beats the word in the body",
			"moscow",
			&article.Article{ID: "better", Version: 1, Headline: "Talks held", Place: "MOSCOW", Paragraphs: []string{longBody(60)}},
			story("worse", "Talks held", longBody(30)+" in Moscow "+longBody(30)),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := withFillers(t, tt.worse, tt.better)
			if got := ids(t, x, tt.query); !slices.Equal(got, []string{"better", "worse"}) {
				t.Errorf("%s: %v, want [better worse]", tt.query, got)
			}
		})
	}
}

// fixture is a small library for the query-form tests.
func fixture(t *testing.T) *Index {
	return withFillers(t, fixtureArticles()...)
}

// fixtureArticles are fixture's articles.
func fixtureArticles() []*article.Article {
	return []*article.Article{
		{ID: "taiwan", Version: 1, Headline: "Russia Reaffirms Backing for China's Taiwan Stance", Place: "MOSCOW", Source: "Reuters",
			Paragraphs: []string{"The talks focused on bilateral security issues.", "State media reported the meeting."},
			Reactions: []article.Reaction{
				{Name: "Dr. Anya Petrova", Role: "Senior Fellow", Quote: "A reaffirmation of long-standing policy."},
				{Name: "Li  Wei", Role: "Professor of International Relations", Quote: "Beijing welcomes the support."},
			}},
		{ID: "strait", Version: 1, Headline: "Ships cross the Taiwan Strait", Place: "TAIPEI", Source: "AP", Byline: "Mei Lin",
			Paragraphs: []string{"Security officials watched the strait.", "No incident was reported."},
			Tags:       []string{"shipping"}},
		{ID: "elysee", Version: 1, Headline: "Talks at the Élysée", Place: "PARIS", Source: "AFP",
			Paragraphs: []string{"The U.S. envoy met French officials on security."},
			Reactions:  []article.Reaction{{Name: "Li Weiming", Role: "Analyst", Quote: "Nothing new in Paris."}}},
		{ID: "beijing", Version: 1, Headline: "北京大学举行台湾问题研讨会", Place: "北京", Source: "新华社",
			Paragraphs: []string{"中华人民共和国外交部发言人表示，台湾是中国领土不可分割的一部分。"},
			Reactions:  []article.Reaction{{Name: "李伟", Role: "教授", Quote: "这次研讨会很重要。"}}},
		{ID: "tokyo", Version: 1, Headline: "東京都知事が会見", Place: "東京", Source: "共同通信",
			Paragraphs: []string{"東京都の新しい政策について説明した。"}},
	}
}

// TestSearch_EveryForm: each form of the syntax finds what it says.
func TestSearch_EveryForm(t *testing.T) {
	x := fixture(t)
	tests := []struct {
		query string
		want  []string // in rank order where it matters, else sorted
	}{
		{"taiwan", []string{"strait", "taiwan"}},
		{"TAIWAN stance", []string{"taiwan"}},
		{"security", []string{"elysee", "strait", "taiwan"}},
		{`"taiwan strait"`, []string{"strait"}},
		{`"strait taiwan"`, []string{}},
		{"reaff*", []string{"taiwan"}},
		{"secur*", []string{"elysee", "strait", "taiwan"}},
		{"taiwan -russia", []string{"strait"}},
		{`security -"state media"`, []string{"elysee", "strait"}},
		{`name:"Li Wei"`, []string{"taiwan"}},
		{`name:"li   WEI"`, []string{"taiwan"}},
		{`name:"Dr. Anya Petrova"`, []string{"taiwan"}},
		{"name:petrova", []string{"taiwan"}},
		{"name:weiming", []string{"elysee"}},
		{`name:"petrova li"`, []string{}}, // a phrase does not run from one name into the next
		{"name:fellow", []string{}},       // a role is not a name
		{"fellow", []string{"taiwan"}},    // but it is found as a word
		{"petrova", []string{"taiwan"}},
		{"place:moscow", []string{"taiwan"}},
		{"place:taipei security", []string{"strait"}},
		{"source:ap", []string{"strait"}},
		{"source:reuters -place:moscow", []string{}},
		{"elysee", []string{"elysee"}},        // diacritics ignored
		{"U.S. envoy", []string{"elysee"}},    // punctuation splits words as in the index
		{"mei lin", []string{"strait"}},       // the byline
		{"shipping", []string{"strait"}},      // a tag
		{"and or not near", []string{}},       // operators are words
		{"北京大学", []string{"beijing"}},         // CJK inside a run of CJK
		{"外交部发言人", []string{"beijing"}},       // in the body
		{"台湾问题", []string{"beijing"}},         //
		{"北京", []string{"beijing"}},           // two characters: the bounded scan
		{"台", []string{"beijing"}},            // one character
		{"都知事", []string{"tokyo"}},            // Japanese
		{"東京", []string{"tokyo"}},             // two characters of Japanese
		{"台湾问题 -外交部", []string{}},             // CJK left out
		{"台湾问题 -russia", []string{"beijing"}}, // a word left out of a CJK search
		{"taiwan -台湾问题", []string{"strait", "taiwan"}},
		{"name:李伟", []string{"beijing"}},
		{"place:北京", []string{"beijing"}},
		{"taiwan 北京", []string{}}, // both must match
		{"研讨会 北京大学", []string{"beijing"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := ids(t, x, tt.query)
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", tt.query, got, want)
			}
		})
	}
}

// TestSearch_MalformedQuery: Search returns the parser's error.
func TestSearch_MalformedQuery(t *testing.T) {
	x := fixture(t)
	_, err := x.Search(t.Context(), `"unclosed`, 10)
	var qe *QueryError
	if !errors.As(err, &qe) || qe.Msg != `unclosed quote: add a closing "` {
		t.Fatalf("err = %v, want the unclosed-quote QueryError", err)
	}
}

// TestSearch_Limit: limit bounds the hits; 0 is DefaultLimit.
func TestSearch_Limit(t *testing.T) {
	x := openTemp(t, Options{})
	var arts []*article.Article
	for i := range 60 {
		arts = append(arts, story(fmt.Sprint(i), fmt.Sprintf("Story %d about kestrels", i), "kestrels"))
	}
	put(t, x, arts...)
	for _, tt := range []struct{ limit, want int }{{0, DefaultLimit}, {5, 5}, {1000, 60}} {
		hits, err := x.Search(t.Context(), "kestrels", tt.limit)
		if err != nil || len(hits) != tt.want {
			t.Errorf("limit %d: %d hits, %v; want %d", tt.limit, len(hits), err, tt.want)
		}
	}
}

// TestSearch_Hit: a hit carries its version, the headline's matches, the
// field and part of the snippet, and every field that matched.
func TestSearch_Hit(t *testing.T) {
	x := fixture(t)
	hits, err := x.Search(t.Context(), "taiwan li", 0)
	if err != nil || len(hits) != 1 {
		t.Fatalf("%v, %v", hits, err)
	}
	h := hits[0]
	if h.ID != "taiwan" || h.Version != 1 || h.Score <= 0 {
		t.Errorf("hit %q v%d score %v", h.ID, h.Version, h.Score)
	}
	if got := marked(h.Headline); !slices.Equal(got, []string{"Taiwan"}) {
		t.Errorf("headline marks %q", got)
	}
	// The reaction by Li Wei has one term, as does the headline: the
	// snippet comes from the reaction, which is not the headline.
	if h.Field != FieldName || h.Part != 1 || h.Snippet.Text != "Li Wei, Professor of International Relations: Beijing welcomes the support." {
		t.Errorf("snippet %v part %d %q", h.Field, h.Part, h.Snippet.Text)
	}
	if got := marked(h.Snippet); !slices.Equal(got, []string{"Li"}) {
		t.Errorf("snippet marks %q", got)
	}
	for _, f := range []Field{FieldHeadline, FieldName} {
		if !h.Matched.Has(f) {
			t.Errorf("Matched lacks %v", f)
		}
	}
	if h.Matched.Has(FieldBody) {
		t.Error("Matched has the body")
	}

	// Only the headline matched: the snippet is the body's opening.
	hits, err = x.Search(t.Context(), "reaffirms", 0)
	if err != nil || len(hits) != 1 {
		t.Fatalf("%v, %v", hits, err)
	}
	if h := hits[0]; h.Field != FieldHeadline || h.Snippet.Text != "The talks focused on bilateral security issues." || len(h.Snippet.Matches) != 0 {
		t.Errorf("headline-only hit: %v %q %v", h.Field, h.Snippet.Text, h.Snippet.Matches)
	}
	// A place only.
	hits, err = x.Search(t.Context(), "place:paris", 0)
	if err != nil || len(hits) != 1 || hits[0].Field != FieldPlace || !hits[0].Matched.Has(FieldPlace) {
		t.Errorf("place hit: %+v, %v", hits, err)
	}
}

// marked is the text of each match of s.
func marked(s Snippet) []string {
	var out []string
	for _, r := range s.Matches {
		out = append(out, s.Text[r.Start:r.End])
	}
	return out
}

// TestSearch_Cancelled: a cancelled search returns the context's error.
func TestSearch_Cancelled(t *testing.T) {
	x := fixture(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := x.Search(ctx, "taiwan", 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestSearch_Concurrent: searches from many goroutines while articles
// are written (run with -race).
func TestSearch_Concurrent(t *testing.T) {
	x := fixture(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				q := []string{"taiwan", "北京", `name:"Li Wei"`, "secur*"}[(g+i)%4]
				if _, err := x.Search(t.Context(), q, 10); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Go(func() {
		for i := range 20 {
			put(t, x, story(fmt.Sprint("new-", i), "Taiwan security", "More on Taiwan."))
		}
	})
	wg.Wait()
	if got := len(ids(t, x, "taiwan security")); got != 22 {
		t.Errorf("%d hits after the writes, want 22", got)
	}
}

func TestField_String(t *testing.T) {
	var names []string
	for f := range numFields {
		b, _ := f.MarshalText()
		names = append(names, string(b))
	}
	if got := strings.Join(names, " "); got != "headline body quote name role place source byline tag" {
		t.Errorf("%s", got)
	}
	if numFields.String() != "field(9)" {
		t.Errorf("%s", numFields)
	}
}
