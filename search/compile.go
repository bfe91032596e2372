package search

import (
	"strings"
)

// plan is a query made into what the index runs: FTS5 MATCH expressions
// for the word index and the trigram index, and the short CJK terms that
// neither can answer. No text of the user's reaches a MATCH expression
// unquoted: every word is a quoted FTS5 string, so AND, OR, NOT, NEAR,
// column names, parentheses and stars typed by the user are plain text.
type plan struct {
	// words and wordsNot are the word index's expressions for the terms
	// to find and to leave out ("" when there are none).
	words, wordsNot string
	// tri and triNot are the trigram index's ("" when none).
	tri, triNot string
	// short and shortNot are CJK terms of one or two characters.
	short, shortNot []term
}

// ftsString quotes s as an FTS5 string.
func ftsString(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// wordColumn is the word index's column a field's terms are limited to.
var wordColumn = [...]string{anyField: "", nameField: "namekeys", placeField: "place", sourceField: "source"}

// triColumn is the trigram index's.
var triColumn = [...]string{anyField: "", nameField: "names", placeField: "place", sourceField: "source"}

// wordExpr is t for the word index: a quoted word or phrase, a star after
// it for a prefix, a column filter for a field.
func wordExpr(t term) string {
	e := ftsString(strings.Join(t.words, " "))
	if t.prefix {
		e += "*"
	}
	if c := wordColumn[t.field]; c != "" {
		e = "{" + c + "} : " + e
	}
	return e
}

// triExpr is t for the trigram index: its text as a quoted string (the
// trigram tokenizer makes a substring search of it).
func triExpr(t term) string {
	e := ftsString(t.sub)
	if c := triColumn[t.field]; c != "" {
		e = "{" + c + "} : " + e
	}
	return e
}

// compile makes the plan of q.
//
// Ranking: BM25 over the columns, weighted (see columnWeights). When the
// query has several plain words, the phrase of them is added as an
// alternative, `(a AND b) OR "a b"`: it finds the same articles (every
// article with the phrase has both words), but BM25 counts the phrase's
// occurrences too, so the words side by side rank above the words
// scattered (BM25 alone ignores where words are).
func compile(q *Query) plan {
	var p plan
	var pos, neg, tri, triNot, plain []string
	for _, t := range q.terms {
		switch {
		case t.short() && t.neg:
			p.shortNot = append(p.shortNot, t)
		case t.short():
			p.short = append(p.short, t)
		case t.sub != "" && t.neg:
			triNot = append(triNot, triExpr(t))
		case t.sub != "":
			tri = append(tri, triExpr(t))
		case t.neg:
			neg = append(neg, wordExpr(t))
		case t.field == anyField && !t.prefix && len(t.words) == 1:
			plain = append(plain, t.words[0])
		default:
			pos = append(pos, wordExpr(t))
		}
	}
	switch len(plain) {
	case 0:
	case 1:
		pos = append([]string{ftsString(plain[0])}, pos...)
	default:
		group := "(" + strings.Join(quoteAll(plain), " AND ") + ") OR " + ftsString(strings.Join(plain, " "))
		pos = append([]string{group}, pos...)
	}
	p.words = andNot(pos, neg)
	if p.words == "" {
		p.wordsNot = strings.Join(neg, " OR ")
	}
	p.tri = andNot(tri, triNot)
	if p.tri == "" {
		p.triNot = strings.Join(triNot, " OR ")
	}
	return p
}

// andNot is `(pos1) AND (pos2) NOT (neg1 OR neg2)`, or "" without pos.
func andNot(pos, neg []string) string {
	if len(pos) == 0 {
		return ""
	}
	e := strings.Join(parenAll(pos), " AND ")
	if len(neg) > 0 {
		e = "(" + e + ") NOT (" + strings.Join(neg, " OR ") + ")"
	}
	return e
}

func quoteAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = ftsString(w)
	}
	return out
}

func parenAll(es []string) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = "(" + e + ")"
	}
	return out
}
