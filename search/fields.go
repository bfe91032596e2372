package search

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// Field is a part of an article that a search looks in.
type Field uint8

// The fields, in the order of the index's columns.
const (
	FieldHeadline Field = iota
	FieldBody           // the paragraphs and the notes among the reactions
	FieldQuote          // a reaction's quote
	FieldName           // a commentator's name
	FieldRole           // a commentator's role
	FieldPlace
	FieldSource
	FieldByline
	FieldTag
	numFields
)

var fieldNamesOut = [numFields]string{"headline", "body", "quote", "name", "role", "place", "source", "byline", "tag"}

// String is the field's name, as `newsdesk search --json` would write it.
func (f Field) String() string {
	if f < numFields {
		return fieldNamesOut[f]
	}
	return "field(" + strconv.Itoa(int(f)) + ")"
}

// MarshalText writes the field's name (for `newsdesk search --json`).
func (f Field) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// Fields is a set of fields.
type Fields uint16

// Has reports whether f is in the set.
func (s Fields) Has(f Field) bool { return s&(1<<f) != 0 }

func (s *Fields) add(f Field) { *s |= 1 << f }

// column is one column of an index: its name and BM25 weight.
type column struct {
	name   string
	weight string
}

// The weights say where a word counts most: a word in the headline
// counts ten times the same word in the body; a commentator's name, a
// place or a tag four times (they are what a story is about); a quote or
// a role twice (a reaction is short and says what one person thinks).
//
// The word index holds the text fields but the display names (kept in
// docs, for snippets): names are searched normalised, in namekeys.
var wordColumns = []column{
	{"headline", "10"},
	{"body", "1"},
	{"quotes", "2"},
	{"roles", "2"},
	{"place", "4"},
	{"source", "2"},
	{"byline", "3"},
	{"tags", "4"},
	{"namekeys", "4"},
	{"pad", "0"},
}

// padColumn: with columnsize=0, FTS5's bm25() counts an article's length
// as minus its number of indexed columns, so its length normalisation
// 1 - b + b·D/avgdl (b = 0.75) is a constant, positive only while the
// average article has more than 3 tokens per column (27 for 9 columns).
// Below that (a library of headlines alone) more matches would score
// less. The pad column gives every article 32 tokens of its own (a
// private-use character no query can hold, weight 0), so the average is
// always above the bound and the constant stays positive: with D = -10
// and avgdl ≥ 32, 1 - b + b·D/avgdl ≥ 0.016. It costs 33 bytes of index
// an article.
const padText = "\uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 " +
	"\uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001 \uE001"

// triColumns are the trigram index's: the text fields, names as written.
var triColumns = []column{
	{"headline", "10"},
	{"body", "1"},
	{"quotes", "2"},
	{"names", "4"},
	{"roles", "2"},
	{"place", "4"},
	{"source", "2"},
	{"byline", "3"},
	{"tags", "4"},
}

func columnList(cs []column) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

func weightList(cs []column) string {
	ws := make([]string, len(cs))
	for i, c := range cs {
		ws[i] = c.weight
	}
	return strings.Join(ws, ", ")
}

// placeholders is "?, ?, …", n of them.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// doc is an article as the index stores it. Lists (paragraphs, quotes,
// names, roles, tags) are one line per item, each item's own line breaks
// made spaces, so the n-th line is the n-th item: the body's paragraphs
// then its notes, and one line per reaction in quotes, names and roles
// alike (empty where a reaction has no role).
type doc struct {
	text     [numTextFields]string
	namekeys string
}

// The doc's text fields, in triColumns order.
const (
	dHeadline = iota
	dBody
	dQuotes
	dNames
	dRoles
	dPlace
	dSource
	dByline
	dTags
	numTextFields
)

// nameSep separates the names in namekeys: a token (private use
// characters are token characters for unicode61) that no name holds, so a
// phrase cannot run from one commentator's name into the next one's.
const nameSep = "\uE000"

// docOf is what the index stores of a.
func docOf(a *article.Article) doc {
	var d doc
	d.text[dHeadline] = oneLine(a.Headline)
	body := make([]string, 0, len(a.Paragraphs)+len(a.Notes))
	for _, p := range a.Paragraphs {
		body = append(body, oneLine(p))
	}
	for _, n := range a.Notes {
		body = append(body, oneLine(n.Text))
	}
	d.text[dBody] = strings.Join(body, "\n")
	q := make([]string, len(a.Reactions))
	n := make([]string, len(a.Reactions))
	r := make([]string, len(a.Reactions))
	keys := make([]string, 0, len(a.Reactions))
	for i, re := range a.Reactions {
		q[i], n[i], r[i] = oneLine(re.Quote), oneLine(re.Name), oneLine(re.Role)
		if k := nameKey(re.Name); k != "" {
			keys = append(keys, k)
		}
	}
	d.text[dQuotes] = strings.Join(q, "\n")
	d.text[dNames] = strings.Join(n, "\n")
	d.text[dRoles] = strings.Join(r, "\n")
	d.text[dPlace] = oneLine(a.Place)
	d.text[dSource] = oneLine(a.Source)
	d.text[dByline] = oneLine(a.Byline)
	tags := make([]string, len(a.Tags))
	for i, t := range a.Tags {
		tags[i] = oneLine(t)
	}
	d.text[dTags] = strings.Join(tags, "\n")
	if len(keys) > 0 {
		d.namekeys = nameSep + " " + strings.Join(keys, " "+nameSep+" ") + " " + nameSep
	}
	return d
}

// nameKey is a name as the index compares it: library.NormalizeName,
// without the separator character.
func nameKey(name string) string {
	return strings.ReplaceAll(library.NormalizeName(name), nameSep, "")
}

// cjk reports whether d has CJK text (and so goes in the trigram index).
func (d *doc) cjk() bool {
	for _, t := range d.text {
		if hasCJK(t) {
			return true
		}
	}
	return false
}

// oneLine is s with its line breaks made spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// wordValues are d's values for the word index's columns, in order.
func (d *doc) wordValues() []any {
	return []any{d.text[dHeadline], d.text[dBody], d.text[dQuotes], d.text[dRoles], d.text[dPlace],
		d.text[dSource], d.text[dByline], d.text[dTags], d.namekeys, padText}
}

// triValues are d's values for the trigram index's columns, in order.
func (d *doc) triValues() []any {
	out := make([]any, numTextFields)
	for i, t := range d.text {
		out[i] = t
	}
	return out
}

// The text of a doc is kept in docs, compressed (a seed-sized article
// takes 40 % of its size): snippets are cut from it.

// encode is d compressed with zw (reset here).
func (d *doc) encode(zw *flate.Writer) []byte {
	var raw bytes.Buffer
	var n [binary.MaxVarintLen64]byte
	for _, t := range append(d.text[:], d.namekeys) {
		raw.Write(n[:binary.PutUvarint(n[:], uint64(len(t)))])
		raw.WriteString(t)
	}
	var out bytes.Buffer
	zw.Reset(&out)
	zw.Write(raw.Bytes())
	zw.Close()
	return out.Bytes()
}

// readers of compressed docs, reused: a flate reader holds 40 KB.
var inflaters = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}

// errBadDoc is a doc's text that does not decode: a damaged file.
var errBadDoc = errors.New("an article's text does not decode")

// decodeDoc is the doc encode made.
func decodeDoc(blob []byte) (doc, error) {
	zr := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(zr)
	if err := zr.(flate.Resetter).Reset(bytes.NewReader(blob), nil); err != nil {
		return doc{}, errBadDoc
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxDocBytes))
	if err != nil {
		return doc{}, errBadDoc
	}
	var d doc
	fields := append(make([]*string, 0, numTextFields+1), &d.namekeys)
	for i := range d.text {
		fields = append(fields, &d.text[i])
	}
	fields = append(fields[1:], fields[0]) // text fields, then namekeys
	for _, f := range fields {
		n, k := binary.Uvarint(raw)
		if k <= 0 || n > uint64(len(raw)-k) {
			return doc{}, errBadDoc
		}
		*f = string(raw[k : k+int(n)])
		raw = raw[k+int(n):]
	}
	return d, nil
}

// maxDocBytes bounds a doc's decoded text: the loader reads no file over
// 16 MiB, so more is a damaged (or hostile) index.
const maxDocBytes = 64 << 20
