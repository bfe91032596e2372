package search

import (
	"errors"
	"strings"
	"testing"
)

// shortTexts is the text of each short term.
func shortTexts(ts []term) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.sub)
	}
	return out
}

// TestParse_EveryForm: each form of the syntax becomes the MATCH
// expression it means, every word of the user's quoted (FTS5 operators,
// column names and stars typed by the user are plain words).
func TestParse_EveryForm(t *testing.T) {
	tests := []struct {
		query     string
		words     string
		wordsNot  string
		tri       string
		triNot    string
		short     []string
		shortNot  []string
		highlight int // positive terms the snippets mark
	}{
		{query: "taiwan", words: `("taiwan")`, highlight: 1},
		// Several words: all must match; the phrase of them ranks higher.
		{query: "Taiwan stance", words: `(("Taiwan" AND "stance") OR "Taiwan stance")`, highlight: 2},
		{query: `"security talks"`, words: `("security talks")`, highlight: 1},
		{query: `"Li  Wei's"`, words: `("Li Wei s")`, highlight: 1},
		{query: "tai*", words: `("tai"*)`, highlight: 1},
		{query: "tai**", words: `("tai"*)`, highlight: 1},
		{query: `"taiwan stra"*`, words: `("taiwan stra"*)`, highlight: 1},
		{query: "taiwan -russia", words: `(("taiwan")) NOT ("russia")`, highlight: 1},
		{query: `taiwan -"state media" -tass`, words: `(("taiwan")) NOT ("state media" OR "tass")`, highlight: 1},
		{query: `name:"Li Wei"`, words: `({namekeys} : "li wei")`, highlight: 1},
		// The name is normalised as the library compares names.
		{query: `NAME:"Dr.  Anya   PETROVA"`, words: `({namekeys} : "anya petrova")`, highlight: 1},
		{query: "name:petrova", words: `({namekeys} : "petrova")`, highlight: 1},
		{query: "place:moscow", words: `({place} : "moscow")`, highlight: 1},
		{query: `place:"Hong Kong"`, words: `({place} : "Hong Kong")`, highlight: 1},
		{query: "source:Reuters", words: `({source} : "Reuters")`, highlight: 1},
		{query: "source:Reu*", words: `({source} : "Reu"*)`, highlight: 1},
		{query: "taiwan -place:beijing", words: `(("taiwan")) NOT ({place} : "beijing")`, highlight: 1},
		// Punctuation splits words, as in the index: a phrase.
		{query: "U.S.", words: `("U S")`, highlight: 1},
		{query: "e-mail", words: `("e mail")`, highlight: 1},
		{query: "10:30", words: `("10 30")`, highlight: 1},
		{query: "https://example.com/a", words: `("https example com a")`, highlight: 1},
		// What FTS5 would read as syntax is a word.
		{query: "NEAR AND OR NOT", words: `(("NEAR" AND "AND" AND "OR" AND "NOT") OR "NEAR AND OR NOT")`, highlight: 4},
		{query: "(taiwan)", words: `("taiwan")`, highlight: 1},
		{query: "{headline}", words: `("headline")`, highlight: 1},
		{query: "taiwan — russia", words: `(("taiwan" AND "russia") OR "taiwan russia")`, highlight: 2},
		{query: "Élysée", words: `("Élysée")`, highlight: 1},
		// Controls are spaces (a NUL would end an FTS5 string).
		{query: "taiwan\x00stance\x1b[31m", words: `(("taiwan" AND "stance" AND "31m") OR "taiwan stance 31m")`, highlight: 3},
		{query: "\"a\x00b\"", words: `("a b")`, highlight: 1},
		// CJK: substrings, three characters and more by trigrams.
		{query: "北京大学", tri: `("北京大学")`, highlight: 1},
		{query: "北京大学 taiwan", words: `("taiwan")`, tri: `("北京大学")`, highlight: 2},
		{query: `"北京 大学"`, tri: `("北京 大学")`, highlight: 1},
		{query: "北京大学，上海", tri: `("北京大学")`, short: []string{"上海"}, highlight: 2},
		{query: "iPhone手机", tri: `("iphone手机")`, highlight: 1},
		{query: "北京大学 -上海交通", tri: `(("北京大学")) NOT ("上海交通")`, highlight: 1},
		{query: "taiwan -上海交通", words: `("taiwan")`, triNot: `"上海交通"`, highlight: 1},
		{query: "北京大学 -russia", tri: `("北京大学")`, wordsNot: `"russia"`, highlight: 1},
		// A CJK name is found as a substring of the names as written.
		{query: "name:李伟强", tri: `({names} : "李伟强")`, highlight: 1},
		// One or two characters: the bounded scan.
		{query: "北京", short: []string{"北京"}, highlight: 1},
		{query: "北", short: []string{"北"}, highlight: 1},
		{query: "北京 -上海", short: []string{"北京"}, shortNot: []string{"上海"}, highlight: 1},
		{query: "한국", short: []string{"한국"}, highlight: 1},
		{query: "東京都", tri: `("東京都")`, highlight: 1},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := Parse(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			p := compile(q)
			if p.words != tt.words || p.wordsNot != tt.wordsNot || p.tri != tt.tri || p.triNot != tt.triNot {
				t.Errorf("words %q not %q tri %q not %q; want %q, %q, %q, %q", p.words, p.wordsNot, p.tri, p.triNot, tt.words, tt.wordsNot, tt.tri, tt.triNot)
			}
			if got := strings.Join(shortTexts(p.short), "|"); got != strings.Join(tt.short, "|") {
				t.Errorf("short %q, want %q", got, tt.short)
			}
			if got := strings.Join(shortTexts(p.shortNot), "|"); got != strings.Join(tt.shortNot, "|") {
				t.Errorf("shortNot %q, want %q", got, tt.shortNot)
			}
			if got := len(highlights(q)); got != tt.highlight {
				t.Errorf("%d terms to highlight, want %d", got, tt.highlight)
			}
		})
	}
}

// TestParse_Malformed: a query that cannot be searched says why, in
// words a user understands, and where.
func TestParse_Malformed(t *testing.T) {
	tests := []struct {
		query  string
		msg    string
		offset int
	}{
		{"", "type something to search for", 0},
		{"   \t ", "type something to search for", 0},
		{"\x00\x07", "type something to search for", 0},
		{"\uE000 \uE001", "type something to search for", 0}, // the index's own tokens
		{`taiwan "security talks`, `unclosed quote: add a closing "`, 7},
		{`"`, `unclosed quote: add a closing "`, 0},
		{`name:"Li Wei`, `unclosed quote: add a closing "`, 5},
		{"-russia", "only words to leave out: add a word to look for, as in taiwan -russia", 0},
		{`-russia -"state media" -place:moscow`, "only words to leave out: add a word to look for, as in taiwan -russia", 0},
		{"foo:bar", `unknown field "foo:": use name:, place: or source:`, 0},
		{"taiwan Headline:x", `unknown field "Headline:": use name:, place: or source:`, 7},
		{"-foo:bar", `unknown field "foo:": use name:, place: or source:`, 1},
		{"name:", `name: needs something to look for, as in name:"Li Wei"`, 0},
		{"taiwan place: moscow", "place: needs something to look for, as in place:Moscow", 7},
		{"Source:", "source: needs something to look for, as in source:Reuters", 0},
		{"taiwan -", "- needs a word after it, as in -russia", 7},
		{"taiwan - russia", "- needs a word after it, as in -russia", 7},
		{"*", "* goes at the end of a word, as in tai*", 0},
		{"taiwan **", "* goes at the end of a word, as in tai*", 7},
		{`""`, `"" has nothing between the quotes`, 0},
		{`taiwan "  "`, `"" has nothing between the quotes`, 7},
		{"!!! ???", `"!!! ???" has no letters or digits to search for`, 4},
		{"name:!!!", `"name:!!!" has no letters or digits to search for`, 0},
		{"-!!!", `"-!!!" has no letters or digits to search for`, 0},
		{strings.Repeat("a", 501), "the search is too long: at most 500 characters", 0},
		{strings.Repeat("w ", 21), "the search has too many words: at most 20", 40},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := Parse(tt.query)
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("Parse(%q) = %v, want a *QueryError", tt.query, err)
			}
			if qe.Error() != tt.msg || qe.Offset != tt.offset || qe.Query != cleanQuery(tt.query) {
				t.Errorf("Parse(%q) = %q at %d, want %q at %d", tt.query, qe.Error(), qe.Offset, tt.msg, tt.offset)
			}
		})
	}
}

// TestParse_Bounds: the longest query and the most terms allowed parse.
func TestParse_Bounds(t *testing.T) {
	if _, err := Parse(strings.Repeat("é", 500)); err != nil {
		t.Errorf("500 characters (1,000 bytes): %v", err)
	}
	if _, err := Parse(strings.TrimSpace(strings.Repeat("w ", 20))); err != nil {
		t.Errorf("20 words: %v", err)
	}
}
