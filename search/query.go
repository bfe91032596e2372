package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds of a query: each term is one more list the index merges, so a
// pasted page of text must not become a thousand-term search.
const (
	// MaxQueryLen is the longest query, in characters.
	MaxQueryLen = 500
	// MaxTerms is the most terms (words, phrases, fields) a query has.
	MaxTerms = 20
	// shortCJK is the length (in characters) below which a CJK term is
	// too short for the trigram index, which needs three.
	shortCJK = 3
)

// QueryError is a query that cannot be searched: its Error is a sentence
// for the user, Offset the byte in Query where the problem is. Query is
// the query as Parse read it: invalid UTF-8 replaced with U+FFFD, control
// characters with spaces.
type QueryError struct {
	Query  string
	Offset int
	Msg    string
}

// Error is the message for the user.
func (e *QueryError) Error() string { return e.Msg }

// qfield is the part of an article a term is limited to.
type qfield int

const (
	anyField qfield = iota
	nameField
	placeField
	sourceField
)

// fieldNames are the field prefixes of the query syntax, with an example
// value for the message of a field given without one.
var fieldNames = []struct {
	name    string
	f       qfield
	example string
}{
	{"name", nameField, `name:"Li Wei"`},
	{"place", placeField, "place:Moscow"},
	{"source", sourceField, "source:Reuters"},
}

// term is one clause of a query.
type term struct {
	neg    bool
	field  qfield
	prefix bool
	// words are the unicode61 tokens of the term, as typed (a name's
	// normalised); more than one make a phrase.
	words []string
	// sub, for a term that holds CJK text, is the text to find as a
	// substring (the trigram index or, under three characters, a scan).
	sub string
}

// short reports whether t is a CJK term too short for the trigram index.
func (t term) short() bool { return t.sub != "" && utf8.RuneCountInString(t.sub) < shortCJK }

// Query is a parsed search (Parse). Its zero value is not valid.
type Query struct {
	text  string
	terms []term
}

// String is the query as typed.
func (q *Query) String() string { return q.text }

// Parse reads a query in newsdesk's search syntax:
//
//	taiwan stance      articles with both words (in any field)
//	"a phrase"         the words in this order
//	tai*               words that start with "tai"
//	-russia            articles without the word (also -"a phrase", -name:…)
//	name:"Li Wei"      a commentator, named as library.NormalizeName compares names
//	place:Moscow       the dateline's place
//	source:Reuters     the source
//
// Words are compared as the index compares them: case and diacritics are
// ignored, and punctuation separates words ("U.S." is the phrase "u s").
// Chinese, Japanese and Korean text is found as a substring. A query that
// cannot be searched gets a *QueryError that says why.
func Parse(query string) (*Query, error) {
	query = cleanQuery(query)
	q := &Query{text: query}
	fail := func(off int, msg string) (*Query, error) {
		return nil, &QueryError{Query: query, Offset: off, Msg: msg}
	}
	if n := utf8.RuneCountInString(query); n > MaxQueryLen {
		return fail(0, "the search is too long: at most 500 characters")
	}
	if strings.TrimSpace(query) == "" {
		return fail(0, "type something to search for")
	}
	i, positive, empty := 0, false, -1
	for i < len(query) {
		r, size := utf8.DecodeRuneInString(query[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		var t term
		if r == '-' {
			t.neg = true
			i++
			if i == len(query) || isSpaceAt(query, i) {
				return fail(start, "- needs a word after it, as in -russia")
			}
		}
		if f, n, ok := fieldPrefix(query[i:]); ok {
			name := query[i : i+n-1]
			if f < 0 {
				return fail(i, `unknown field "`+name+`:": use name:, place: or source:`)
			}
			t.field = fieldNames[f].f
			i += n
			if i == len(query) || isSpaceAt(query, i) {
				return fail(start, strings.ToLower(name)+": needs something to look for, as in "+fieldNames[f].example)
			}
		}
		var text string
		quoted := query[i] == '"'
		if quoted {
			end := strings.IndexByte(query[i+1:], '"')
			if end < 0 {
				return fail(i, `unclosed quote: add a closing "`)
			}
			text = query[i+1 : i+1+end]
			i += end + 2
			if i < len(query) && query[i] == '*' {
				t.prefix = true
				for i < len(query) && query[i] == '*' {
					i++
				}
			}
		} else {
			end := i
			for end < len(query) {
				r, size := utf8.DecodeRuneInString(query[end:])
				if unicode.IsSpace(r) || r == '"' {
					break
				}
				end += size
			}
			text = query[i:end]
			i = end
			if trimmed := strings.TrimRight(text, "*"); trimmed != text {
				if trimmed == "" {
					return fail(start, "* goes at the end of a word, as in tai*")
				}
				text, t.prefix = trimmed, true
			}
		}
		if t.field == nameField {
			text = nameKey(text)
		}
		words := tokenStrings(text)
		if len(words) == 0 {
			if quoted {
				return fail(start, `"" has nothing between the quotes`)
			}
			if t.field != anyField || t.neg {
				return fail(start, `"`+query[start:i]+`" has no letters or digits to search for`)
			}
			empty = start
			continue // a lone dash or dot among words: nothing to look for
		}
		terms := splitCJK(t, text, words, quoted)
		if len(q.terms)+len(terms) > MaxTerms {
			return fail(start, "the search has too many words: at most 20")
		}
		q.terms = append(q.terms, terms...)
		positive = positive || !t.neg
	}
	if len(q.terms) == 0 {
		return fail(max(empty, 0), `"`+strings.TrimSpace(query)+`" has no letters or digits to search for`)
	}
	if !positive {
		return fail(0, "only words to leave out: add a word to look for, as in taiwan -russia")
	}
	return q, nil
}

// cleanQuery is query with invalid UTF-8 replaced by U+FFFD and control
// characters made spaces, byte for byte: article text has none (the
// loader removes them), and a NUL would end an FTS5 string early. So are
// the index's own tokens (nameSep, padText's character), which a query
// must not find.
func cleanQuery(query string) string {
	query = strings.ToValidUTF8(query, "\uFFFD")
	if !strings.ContainsFunc(query, isControl) {
		return query
	}
	var b strings.Builder
	for _, r := range query {
		if isControl(r) {
			b.WriteString(strings.Repeat(" ", utf8.RuneLen(r)))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isControl reports whether r is a control character other than white
// space, or one of the index's own tokens.
func isControl(r rune) bool {
	return unicode.IsControl(r) && !unicode.IsSpace(r) || r == '\uE000' || r == '\uE001'
}

// splitCJK makes the terms of one clause: t as it is, or, where its text
// holds CJK, substring terms. A quoted phrase with CJK is found as written
// (its spaces collapsed); an unquoted word becomes one substring term for
// each of its tokens that holds CJK and one word term for the others.
func splitCJK(t term, text string, words []string, quoted bool) []term {
	if !hasCJK(text) {
		t.words = words
		return []term{t}
	}
	if quoted {
		t.sub = fold(strings.Join(strings.Fields(text), " "))
		t.prefix = false
		return []term{t}
	}
	var out []term
	for _, w := range words {
		u := t
		if hasCJK(w) {
			u.sub, u.prefix = fold(w), false
		} else {
			u.words = []string{w}
		}
		out = append(out, u)
	}
	return out
}

// fieldPrefix reads "NAME:" at the start of s: ok when s starts with ASCII
// letters and a colon (not "http://": a URL is a word), n the length with
// the colon, f the index in fieldNames or -1 for an unknown name.
func fieldPrefix(s string) (f, n int, ok bool) {
	j := 0
	for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || 'A' <= s[j] && s[j] <= 'Z') {
		j++
	}
	if j == 0 || j >= len(s) || s[j] != ':' || strings.HasPrefix(s[j:], "://") {
		return 0, 0, false
	}
	for k, fn := range fieldNames {
		if strings.EqualFold(s[:j], fn.name) {
			return k, j + 1, true
		}
	}
	return -1, j + 1, true
}

// isSpaceAt reports whether s has white space at byte i.
func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}
