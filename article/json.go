package article

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// FormatJSON is one JSON article object or an array of them.
const FormatJSON Format = "json"

var jsonFormat = formatSpec{Name: FormatJSON, Title: "JSON", Exts: []string{".json"}, Parse: parseJSON}

// parseJSON parses one JSON object or an array of them (issue 2, "JSON";
// the README's "JSON" section lists the rules and the choices made where
// the issue is silent). A syntax error stops the file, with its line and
// column. In an array, an element that is not an object, has a field of
// the wrong type or has no headline is an error naming it ("article 3:
// ...", counted from 1, at the line and column of the element or value)
// and the other elements still load, in file order.
func parseJSON(text string) ([]Article, []Problem) {
	w := &jsonWalker{s: text, lc: newLineCounter(text)}
	// encoding/json validates the text, and on failure reports the syntax
	// error's byte offset exactly; the walk below then only ever meets
	// valid JSON.
	if data := []byte(text); !json.Valid(data) {
		return nil, []Problem{w.syntaxProblem(json.Unmarshal(data, &jsonSkip{}))}
	}
	start := w.ws(0)
	switch w.at(start) {
	case '{':
		if a, ok := w.object(start, 0); ok {
			w.arts = append(w.arts, a)
		}
	case '[':
		w.array(start)
	default:
		w.errorAt(start, "want an object or an array of objects, got %s", jsonKind(w.at(start)))
	}
	if w.unlisted > 0 {
		line, col := w.lc.at(w.firstUnlisted)
		msg := fmt.Sprintf("%d more errors not listed", w.unlisted)
		if w.unlisted == 1 {
			msg = "1 more error not listed"
		}
		w.probs = append(w.probs, Problem{Line: line, Col: col, Severity: SeverityError, Message: msg})
	}
	return w.arts, w.probs
}

// maxJSONProblems is how many errors of one file are listed. A 16 MiB
// array of broken two-byte elements would otherwise cost millions of
// problems, gigabytes, and a report no one reads; the rest are counted.
const maxJSONProblems = 100

// jsonSkip accepts any JSON value without decoding it: unmarshalling into
// it only checks the syntax.
type jsonSkip struct{}

// UnmarshalJSON ignores the value.
func (*jsonSkip) UnmarshalJSON([]byte) error { return nil }

// jsonWalker reads validated JSON text by byte offsets, so that every
// problem can carry the line and column of the value it is about, and
// every string without escapes is a substring of the text, not a copy.
type jsonWalker struct {
	s     string
	lc    lineCounter
	arts  []Article
	probs []Problem
	// unlisted counts the errors past maxJSONProblems; firstUnlisted is
	// the offset of the first of them.
	unlisted, firstUnlisted int
}

// syntaxProblem turns a json.Unmarshal error into an error problem at the
// line and column of the offending character; a truncated text (unexpected
// end of JSON input) is reported just after its last character.
func (w *jsonWalker) syntaxProblem(err error) Problem {
	var se *json.SyntaxError
	if err == nil {
		return Problem{Severity: SeverityError, Message: "invalid JSON"}
	}
	if !errors.As(err, &se) {
		return Problem{Severity: SeverityError, Message: err.Error()}
	}
	off := int(se.Offset) - 1 // Offset counts the bytes read, the bad one included
	if se.Offset >= int64(len(w.s)) && strings.Contains(se.Error(), "unexpected end") {
		off = len(strings.TrimRight(w.s, " \t\r\n"))
	}
	line, col := w.lc.at(max(off, 0))
	return Problem{Line: line, Col: col, Severity: SeverityError, Message: se.Error()}
}

// errorAt records an error at byte offset off.
func (w *jsonWalker) errorAt(off int, format string, args ...any) {
	if len(w.probs) >= maxJSONProblems {
		if w.unlisted == 0 {
			w.firstUnlisted = off
		}
		w.unlisted++
		return
	}
	line, col := w.lc.at(off)
	w.probs = append(w.probs, Problem{Line: line, Col: col, Severity: SeverityError, Message: fmt.Sprintf(format, args...)})
}

// at returns the byte at off, or 0 past the end.
func (w *jsonWalker) at(off int) byte {
	if off < len(w.s) {
		return w.s[off]
	}
	return 0
}

// ws returns the offset of the first byte from off that is not JSON white
// space.
func (w *jsonWalker) ws(off int) int {
	for off < len(w.s) {
		switch w.s[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}

// skip returns the end of the value starting at off.
func (w *jsonWalker) skip(off int) int {
	switch w.at(off) {
	case '"':
		return w.skipString(off)
	case '{', '[':
		depth := 0
		for i := off; i < len(w.s); {
			switch w.s[i] {
			case '"':
				i = w.skipString(i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(w.s)
	}
	i := off
	for i < len(w.s) {
		switch w.s[i] {
		case ',', ']', '}', ' ', '\t', '\r', '\n':
			return i
		}
		i++
	}
	return i
}

// skipString returns the end of the string starting at off (its opening
// quote), after the closing quote.
func (w *jsonWalker) skipString(off int) int {
	for i := off + 1; i < len(w.s); i++ {
		switch w.s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(w.s)
}

// str returns the string value s[off:end] (quotes included), unescaped.
func (w *jsonWalker) str(off, end int) string {
	raw := w.s[off:end]
	if len(raw) >= 2 && strings.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1]
	}
	var s string
	if json.Unmarshal([]byte(raw), &s) != nil {
		return "" // cannot happen: the text was validated
	}
	return s
}

// span is one JSON value: the bytes s[off:end] of the text.
type span struct{ off, end int }

// elements calls f for each element of the array starting at off, with its
// index (from 0) and span, and returns the number of elements.
func (w *jsonWalker) elements(off int, f func(i int, e span)) int {
	i := w.ws(off + 1)
	n := 0
	for i < len(w.s) && w.s[i] != ']' {
		end := w.skip(i)
		f(n, span{i, end})
		n++
		i = w.ws(end)
		if w.at(i) != ',' {
			break
		}
		i = w.ws(i + 1)
	}
	return n
}

// array reads a top-level array of articles starting at byte start.
func (w *jsonWalker) array(start int) {
	// Counted first so that the articles are allocated once: growing the
	// slice by appending copied 860 MB for 500,000 tiny articles, and
	// held the old copy and the new at once.
	w.arts = make([]Article, 0, w.elements(start, func(int, span) {}))
	n := w.elements(start, func(i int, e span) {
		off := e.off
		if w.at(off) != '{' {
			w.errorAt(off, "article %d: want an object, got %s", i+1, jsonKind(w.at(off)))
			return
		}
		if a, ok := w.object(off, i+1); ok {
			// The element's place in the array, so that PATH#N names the
			// same article as the "article N" of an error message even
			// when an earlier element failed.
			a.Elem = i + 1
			w.arts = append(w.arts, a)
		}
	})
	if n == 0 {
		w.errorAt(start, "no articles")
	}
}

// jsonSchema maps the keys of an article object to its fields. Keys are
// case-sensitive; of a key given twice, the last counts.
var jsonSchema = schema{
	"headline": toHeadline, "byline": toByline, "place": toPlace, "date": toDate, "source": toSource,
	"body": toBody, "tags": toTags, "reactions": toReactions,
}

// jsonVocabulary is the words of JSON's messages for the article object n
// (its place in the array, from 1; 0 for a file of one object).
func jsonVocabulary(n int) vocabulary {
	return vocabulary{elem: n, list: "array", reactions: "array of objects", reaction: "object"}
}

// jsonTree reads validated JSON text for readFields; a cursor is the
// offset of the next element or member.
type jsonTree struct{ w *jsonWalker }

func (t jsonTree) kind(v span) valueKind {
	switch t.w.at(v.off) {
	case '"':
		return valueText
	case 'n':
		return valueNull
	case '[':
		return valueList
	case '{':
		return valueMap
	}
	return valueOther
}

func (t jsonTree) text(v span) string     { return t.w.str(v.off, v.end) }
func (t jsonTree) typeName(v span) string { return jsonKind(t.w.at(v.off)) }
func (t jsonTree) first(v span) int       { return t.w.ws(v.off + 1) }

// after returns the cursor after a value ending at end: the next one's
// offset after a comma, or the end of the text.
func (t jsonTree) after(end int) int {
	if i := t.w.ws(end); t.w.at(i) == ',' {
		return t.w.ws(i + 1)
	}
	return len(t.w.s)
}

func (t jsonTree) item(_ span, c int) (span, int, bool) {
	if c >= len(t.w.s) || t.w.s[c] == ']' {
		return span{}, c, false
	}
	e := span{c, t.w.skip(c)}
	return e, t.after(e.end), true
}

func (t jsonTree) member(_ span, c int) (string, span, span, int, bool) {
	if t.w.at(c) != '"' {
		return "", span{}, span{}, c, false
	}
	k := span{c, t.w.skipString(c)}
	voff := t.w.ws(t.w.ws(k.end) + 1) // after the colon
	v := span{voff, t.w.skip(voff)}
	return t.w.str(k.off, k.end), k, v, t.after(v.end), true
}

func (t jsonTree) fail(at span, msg string) { t.w.errorAt(at.off, "%s", msg) }

// twice lets the last of a key given twice count, as JSON decoders do.
func (jsonTree) twice(string, span, span) bool { return false }

// object reads the article object starting at byte start; n is its place
// in the array (from 1), 0 for a file of one object. It returns false if
// the article had an error; every wrong field is reported, not only the
// first.
func (w *jsonWalker) object(start, n int) (Article, bool) {
	a, ok := readFields(jsonTree{w}, span{off: start}, jsonSchema, jsonVocabulary(n))
	if !ok {
		return a, false
	}
	if isBlank(a.Headline) {
		if n == 0 {
			w.errorAt(start, "article has no headline")
		} else {
			w.errorAt(start, "article %d has no headline", n)
		}
		return a, false
	}
	if len(a.Paragraphs) == 0 {
		a.Warnings = append(a.Warnings, warnNoBody)
	}
	return a, true
}

// jsonKind names the type of the JSON value starting with byte c.
func jsonKind(c byte) string {
	switch c {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	case 0:
		return "nothing"
	}
	return "number"
}

// lineCounter turns byte offsets into 1-based lines and columns (columns in
// characters). It counts forward from the last offset asked for, so a walk
// that reports problems in file order costs one pass over the text however
// many problems it reports.
type lineCounter struct {
	s         string
	pos       int
	line, col int
}

// newLineCounter returns a counter at the start of s.
func newLineCounter(s string) lineCounter {
	return lineCounter{s: s, line: 1, col: 1}
}

// at returns the line and column of byte off.
func (c *lineCounter) at(off int) (int, int) {
	off = min(off, len(c.s))
	if off < c.pos {
		*c = newLineCounter(c.s)
	}
	for i := c.pos; i < off; i++ {
		switch b := c.s[i]; {
		case b == '\n':
			c.line, c.col = c.line+1, 1
		case utf8.RuneStart(b):
			c.col++
		}
	}
	c.pos = off
	return c.line, c.col
}
