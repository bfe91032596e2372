package search

import (
	"errors"
	"testing"
)

// FuzzSearch: whatever is typed, a search returns hits or a QueryError,
// never an FTS5 syntax error (no user text reaches MATCH unquoted) and
// never a panic; every snippet's matches lie inside its text.
//
//	go test ./search -run '^$' -fuzz FuzzSearch -fuzztime 60s
func FuzzSearch(f *testing.F) {
	for _, q := range []string{
		"taiwan", `"a phrase"`, "tai*", "-russia taiwan", `name:"Li Wei"`, "place:moscow", "source:ap",
		`"unclosed`, "foo:bar", "*", `""`, "-", "NEAR(a b)", "a OR b NOT c", `a" OR "b`, "{headline}: x",
		"^x", "x:y:z", `"x"*`, "北京大学", "北", "한국어", "iPhone手机", "\x00", "\uE000 name:\uE000",
		"col : x", "a AND", "((", "''", `name:"` + "\"" + `"`, "a+b", "rank", "rowid:1",
	} {
		f.Add(q)
	}
	x := openTemp(f, Options{})
	put(f, x, fixtureArticles()...)
	f.Fuzz(func(t *testing.T, query string) {
		hits, err := x.Search(t.Context(), query, 10)
		var qe *QueryError
		if err != nil && !errors.As(err, &qe) {
			t.Fatalf("Search(%q): %v", query, err)
		}
		for _, h := range hits {
			for _, s := range []Snippet{h.Headline, h.Snippet} {
				for _, r := range s.Matches {
					if r.Start < 0 || r.End > len(s.Text) || r.Start >= r.End {
						t.Fatalf("Search(%q): match %v outside %q", query, r, s.Text)
					}
				}
			}
		}
	})
}
