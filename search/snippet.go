package search

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// SnippetWidth is the widest a snippet is, in terminal cells (two lines of
// an 80-column list); the screen that shows it may cut it again.
const SnippetWidth = 160

// headlineWidth bounds a headline's snippet: headlines are short, but a
// file can make one as long as it likes.
const headlineWidth = 300

// Bounds of the work a snippet does over a hostile text (one paragraph of
// 16 MiB with a match in every word): the matches looked at, and the
// bytes read around the chosen one.
const (
	maxRanges = 256
	// cellBytes is the most bytes per cell a window is read with.
	cellBytes = 16
)

// Range is a match in a Snippet: Text[Start:End], on grapheme boundaries.
type Range struct{ Start, End int }

// Snippet is a piece of an article's text with the query's matches in it.
// Text is one line (runs of white space are one space), with "…" where it
// was cut; it is the file's text as the loader sanitised it, with no
// terminal escapes: the screen styles the Matches itself.
type Snippet struct {
	Text    string
	Matches []Range
}

// matcher is a query term as the snippets look for it.
type matcher struct {
	id     int // the term's index: a window is chosen by distinct terms
	field  qfield
	words  []string // folded; more than one is a phrase
	prefix bool
	sub    string // folded CJK text, found as a substring
}

// highlights are the matchers of q's terms to find (not those to leave out).
func highlights(q *Query) []matcher {
	var ms []matcher
	for i, t := range q.terms {
		if t.neg {
			continue
		}
		m := matcher{id: i, field: t.field, prefix: t.prefix, sub: t.sub}
		for _, w := range t.words {
			m.words = append(m.words, fold(w))
		}
		ms = append(ms, m)
	}
	return ms
}

// applies reports whether m looks in f.
func (m *matcher) applies(f Field) bool {
	switch m.field {
	case nameField:
		return f == FieldName
	case placeField:
		return f == FieldPlace
	case sourceField:
		return f == FieldSource
	}
	return true
}

// mrange is a match in a text: text[start:end], of matcher id.
type mrange struct{ start, end, id int }

// match finds ms's matches in text, a part of field f, sorted by start.
func match(text string, f Field, ms []matcher) []mrange {
	if !mayMatch(text, f, ms) {
		return nil
	}
	var out []mrange
	var toks []span
	var ft *foldedText
	for i := range ms {
		m := &ms[i]
		if !m.applies(f) {
			continue
		}
		if m.sub != "" {
			if ft == nil {
				t := foldForSearch(text)
				ft = &t
			}
			for off := 0; len(out) < maxRanges; {
				j := strings.Index(ft.s[off:], m.sub)
				if j < 0 {
					break
				}
				s, e := off+j, off+j+len(m.sub)
				out = append(out, mrange{ft.orig[s], ft.orig[e], m.id})
				off = e
			}
			continue
		}
		if toks == nil {
			toks = tokenize(text)
		}
		n := len(m.words)
		for k := 0; k+n <= len(toks) && len(out) < maxRanges; k++ {
			if wordsAt(text, toks[k:k+n], m.words, m.prefix) {
				out = append(out, mrange{toks[k].start, toks[k+n-1].end, m.id})
			}
		}
	}
	slices.SortFunc(out, func(a, b mrange) int { return a.start - b.start })
	return out
}

// mayMatch reports whether text can hold a match: false only when text
// is ASCII (where lower case is the fold) and holds none of the words in
// lower case, which a byte search answers far faster than tokenizing.
func mayMatch(text string, f Field, ms []matcher) bool {
	var lower string
	for i := range ms {
		m := &ms[i]
		if !m.applies(f) {
			continue
		}
		if m.sub != "" {
			return true
		}
		if lower == "" {
			if !isASCII(text) {
				return true
			}
			lower = strings.ToLower(text)
		}
		if strings.Contains(lower, m.words[0]) {
			return true
		}
	}
	return false
}

// wordsAt reports whether the tokens toks of text are words (folded; the
// last a prefix of its token when prefix).
func wordsAt(text string, toks []span, words []string, prefix bool) bool {
	for j, w := range words {
		if !tokenIs(text[toks[j].start:toks[j].end], w, prefix && j == len(words)-1) {
			return false
		}
	}
	return true
}

// tokenIs reports whether tok folds to w (or to a word w begins, for a
// prefix). ASCII tokens, nearly all of them, compare without folding a
// copy.
func tokenIs(tok, w string, prefix bool) bool {
	if len(tok) < len(w) || !prefix && len(tok) > len(w) && isASCII(tok) {
		return false
	}
	if !isASCII(tok) {
		k := fold(tok)
		if prefix {
			return strings.HasPrefix(k, w)
		}
		return k == w
	}
	if !prefix && len(tok) != len(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := tok[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// isASCII reports whether s is ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// distinct is the number of different terms among rs.
func distinct(rs []mrange) int {
	var seen uint64 // ids are below MaxTerms
	for _, r := range rs {
		seen |= 1 << uint(r.id)
	}
	n := 0
	for ; seen != 0; seen &= seen - 1 {
		n++
	}
	return n
}

// part is a piece of text a snippet can be cut from.
type part struct {
	field Field
	index int
	text  string
	rs    []mrange
}

// partWeight orders parts with as many terms: the fields' BM25 weights.
var partWeight = [numFields]int{FieldHeadline: 10, FieldBody: 1, FieldQuote: 2, FieldName: 4, FieldRole: 2}

// better reports whether p is a better snippet than q: more distinct
// terms, then the weightier field (an earlier part wins a tie, as q).
func (p *part) better(q *part) bool {
	if q == nil {
		return true
	}
	dp, dq := distinct(p.rs), distinct(q.rs)
	if dp != dq {
		return dp > dq
	}
	return partWeight[p.field] > partWeight[q.field]
}

// makeHit makes the hit of an article's stored text.
func makeHit(texts [numTextFields]string, ms []matcher) Hit {
	var h Hit
	hr := match(texts[dHeadline], FieldHeadline, ms)
	if len(hr) > 0 {
		h.Matched.add(FieldHeadline)
	}
	h.Headline = cut(texts[dHeadline], hr, headlineWidth)

	var best *part
	consider := func(p part) {
		if len(p.rs) > 0 && p.better(best) {
			best = &p
		}
	}
	body := strings.Split(texts[dBody], "\n")
	for i, t := range body {
		p := part{field: FieldBody, index: i, text: t, rs: match(t, FieldBody, ms)}
		if len(p.rs) > 0 {
			h.Matched.add(FieldBody)
		}
		consider(p)
	}
	quotes := strings.Split(texts[dQuotes], "\n")
	names := strings.Split(texts[dNames], "\n")
	roles := strings.Split(texts[dRoles], "\n")
	for i, q := range quotes {
		if texts[dQuotes] == "" {
			break
		}
		p := reactionPart(i, at(names, i), at(roles, i), q, ms)
		for _, f := range [...]Field{FieldName, FieldRole, FieldQuote} {
			if p.matched.Has(f) {
				h.Matched.add(f)
			}
		}
		consider(p.part)
	}
	// The dateline's fields, byline and tags are shown with the hit
	// already: they say what matched, a snippet comes from the text.
	other := FieldBody
	for _, f := range [...]struct {
		field Field
		text  int
	}{{FieldTag, dTags}, {FieldPlace, dPlace}, {FieldByline, dByline}, {FieldSource, dSource}} {
		if len(match(texts[f.text], f.field, ms)) > 0 {
			h.Matched.add(f.field)
			if other == FieldBody {
				other = f.field
			}
		}
	}
	if h.Matched.Has(FieldHeadline) {
		other = FieldHeadline
	}
	if best == nil {
		h.Field = other
		h.Snippet = cut(body[0], nil, SnippetWidth)
		return h
	}
	h.Field, h.Part = best.field, best.index
	h.Snippet = cut(best.text, best.rs, SnippetWidth)
	return h
}

// at is list[i], or "" past its end.
func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}

// reaction is a reaction's part and the fields matched in it.
type reaction struct {
	part
	matched Fields
}

// reactionPart makes reaction i's line, `Name, Role: Quote`, and its
// matches; its field is the weightiest matched (name, then quote, then
// role).
func reactionPart(i int, name, role, quote string, ms []matcher) reaction {
	var b strings.Builder
	var rs []mrange
	var matched Fields
	add := func(f Field, s string) {
		off := b.Len()
		for _, r := range match(s, f, ms) {
			rs = append(rs, mrange{r.start + off, r.end + off, r.id})
			matched.add(f)
		}
		b.WriteString(s)
	}
	if name != "" {
		add(FieldName, name)
		if role != "" {
			b.WriteString(", ")
			add(FieldRole, role)
		}
		b.WriteString(": ")
	}
	add(FieldQuote, quote)
	f := FieldQuote
	switch {
	case matched.Has(FieldName):
		f = FieldName
	case matched.Has(FieldQuote):
	case matched.Has(FieldRole):
		f = FieldRole
	}
	return reaction{part: part{field: f, index: i, text: b.String(), rs: rs}, matched: matched}
}

// cut makes the snippet of text at most width cells wide: the window with
// the most distinct terms, a few words of what comes before its first
// match, cut at a word (or, in text without spaces, a character) and never
// inside a grapheme, so a wide character is shown whole or not at all.
func cut(text string, rs []mrange, width int) Snippet {
	if len(rs) > maxRanges {
		rs = rs[:maxRanges]
	}
	lead := min(width/5, 30)
	anchor, windowEnd := 0, 0
	if len(rs) > 0 {
		i, j := bestWindow(text, rs, width-lead-2)
		anchor, windowEnd = rs[i].start, rs[j-1].end
	}
	pos := 0 // where the snippet begins
	if reach(text, 0, width-1) < windowEnd {
		// The lead-in: the graphemes of the bytes before the anchor
		// that can be in reach, and the first of them the window takes.
		lo := snapRune(text, max(0, anchor-lead*cellBytes))
		var gs []grapheme
		for i := lo; i < anchor; {
			g := graphemeAt(text, i)
			gs = append(gs, g)
			i = g.end
		}
		pos = anchor
		if start := leadStart(gs, len(gs), lead); start < len(gs) {
			pos = gs[start].start
		}
	}
	clipped := pos > 0 // there is text before the window

	var out strings.Builder
	// bounds[k] is where the k-th grapheme from pos went: every grapheme
	// until the cut has one, white space collapsed away included.
	var bounds []bound
	used := 0
	if clipped {
		out.WriteString("…")
		used++
	}
	stop := min(len(text), pos+(width+lead)*cellBytes) // hostile text: bound the bytes read
	space := true                                      // leading white space goes too
	i := pos
	for i < stop {
		g := graphemeAt(text, i)
		if g.space && space {
			bounds = append(bounds, bound{g.start, out.Len(), used, true})
			i = g.end
			continue
		}
		if used+g.width > width {
			break
		}
		bounds = append(bounds, bound{g.start, out.Len(), used, g.space})
		switch {
		case g.space:
			out.WriteByte(' ')
		case g.end-g.start > maxGraphemeBytes:
			out.WriteString(text[g.start:snapRune(text, g.start+maxGraphemeBytes)])
		default:
			out.WriteString(text[g.start:g.end])
		}
		space = g.space
		used += g.width
		i = g.end
	}
	s := out.String()
	more := i < len(text)
	end := i
	if more {
		// Room for the "…": give back the last graphemes, back to a
		// space when one is near, so that a word is not cut in two.
		k := len(bounds)
		for k > 0 && used+1 > width {
			k--
			used = bounds[k].used
		}
		for j := k - 1; j > 0 && j > k-15; j-- {
			if bounds[j].space {
				k = j
				break
			}
		}
		if k < len(bounds) {
			s = s[:bounds[k].out]
			end = bounds[k].orig
			bounds = bounds[:k]
		}
	}
	s = strings.TrimRight(s, " ")
	m := mapRanges(rs, bounds, len(s), end)
	if more {
		s += "…"
	}
	return Snippet{Text: s, Matches: m}
}

// bound maps a grapheme's offset in the text to its offset in a snippet,
// with the cells used before it and whether it is white space.
type bound struct {
	orig, out, used int
	space           bool
}

// mapRanges maps the matches to a snippet of n bytes, made of the text
// before endOrig: clipped to it,
// merged where they overlap, left out where nothing of them is in it.
func mapRanges(rs []mrange, bounds []bound, n, endOrig int) []Range {
	var out []Range
	for _, r := range rs {
		if r.start >= endOrig {
			continue
		}
		// s: the grapheme r starts in; e: the first at or after r.end.
		s := sort.Search(len(bounds), func(i int) bool { return bounds[i].orig > r.start }) - 1
		s = max(s, 0)
		e := sort.Search(len(bounds), func(i int) bool { return bounds[i].orig >= r.end })
		if len(bounds) == 0 || r.end <= bounds[0].orig {
			continue
		}
		startOut, endOut := bounds[s].out, n
		if e < len(bounds) {
			endOut = min(bounds[e].out, n)
		}
		if endOut <= startOut {
			continue
		}
		if k := len(out) - 1; k >= 0 && startOut <= out[k].End {
			out[k].End = max(out[k].End, endOut)
			continue
		}
		out = append(out, Range{startOut, endOut})
	}
	return out
}

// grapheme is one user-perceived character of a text.
type grapheme struct {
	start, end, width int
	space             bool
}

// graphemeAt is the grapheme of text that starts at byte i.
func graphemeAt(text string, i int) grapheme {
	if c := text[i]; c < utf8.RuneSelf && (i+1 == len(text) || text[i+1] < utf8.RuneSelf) {
		// ASCII not followed by a combining mark: one byte, one cell.
		w := 1
		if c < ' ' || c == 0x7f {
			w = 0
		}
		return grapheme{start: i, end: i + 1, width: w, space: c == ' ' || c == '\t' || c == '\n'}
	}
	g, w := ansi.FirstGraphemeCluster(text[i:], ansi.GraphemeWidth)
	r, _ := utf8.DecodeRuneInString(g)
	return grapheme{start: i, end: i + len(g), width: w, space: unicode.IsSpace(r)}
}

// maxGraphemeBytes bounds what one grapheme adds to a snippet: real ones
// (an emoji family, a flag, a letter with its accents) take a few dozen
// bytes; a letter under 60,000 combining marks is cut to its first ones.
const maxGraphemeBytes = 64

// leadStart is where a window whose first match is grapheme a begins: at
// most lead cells before it, at the start of a word when there is one in
// reach.
func leadStart(gs []grapheme, a, lead int) int {
	w, start := 0, a
	for i := a - 1; i >= 0; i-- {
		w += gs[i].width
		if w > lead {
			break
		}
		start = i
	}
	if start == 0 {
		return 0
	}
	for i := start; i < a; i++ {
		if gs[i].space {
			return i + 1
		}
	}
	return start
}

// bestWindow is the window of width cells with the most distinct terms
// (then the most matches; the first of equals): the matches rs[i:j].
func bestWindow(text string, rs []mrange, width int) (i, j int) {
	best, bestJ, bestD, bestN := 0, 1, -1, -1
	for i := range rs {
		if i > 0 && rs[i].start == rs[i-1].start {
			continue
		}
		limit := reach(text, rs[i].start, width)
		j := i
		for j < len(rs) && rs[j].end <= limit {
			j++
		}
		if j == i {
			j = i + 1 // a match wider than the window still counts
		}
		if d, n := distinct(rs[i:j]), j-i; d > bestD || d == bestD && n > bestN {
			best, bestJ, bestD, bestN = i, j, d, n
		}
	}
	return best, bestJ
}

// reach is the offset in text at which width cells from start end.
func reach(text string, start, width int) int {
	hi := min(len(text), start+width*cellBytes)
	w := 0
	for i := start; i < hi; {
		g := graphemeAt(text, i)
		if w += g.width; w > width {
			return i
		}
		i = g.end
	}
	return hi
}

// snapRune moves i back to the start of the rune it is in.
func snapRune(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
