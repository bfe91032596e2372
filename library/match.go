package library

// The filter's matching and ranking (`/` in the reader), as pure functions
// over a Key built once per article.
//
// Letters-in-order matching alone ("fuzzy") says little in a news library:
// over headline, place, source, tags and names most of a 100,000-article
// library holds the letters of `kyiv` or `miller` in order somewhere, and a
// score that rewards adjacent letters still ranks "Chipmakers Cuts Interest
// Rates…" first for `miller`. So a term is first looked for as words, and
// letters in order only come last:
//
//  1. Each word of the term (split at spaces) is looked for whole in the
//     key. Where it occurs decides its level, best first: a whole word in
//     the headline; the start of a headline word; a whole word elsewhere
//     (place, source, tags, names); the start of a word elsewhere; inside a
//     headline word; inside a word elsewhere. An article in which every
//     word occurs ranks by its worst word's level, then by whether the
//     whole term occurs as a phrase, then by the sum of the levels.
//  2. An article in which some word does not occur, but whose key holds the
//     term's letters in order (spaces ignored), ranks below every article
//     of step 1: those with the letters in the headline alone first.
//
// Equal scores keep the order of the candidates (the list's sort order), so
// a score is a small integer and ranking is a counting sort: linear in the
// number of matches, however many there are.
//
// Case and diacritics are ignored: the key and the term are folded the same
// way (compatibility decomposition, lower case, the accents of Latin, Greek
// and Cyrillic letters removed), so `zurich` finds ZÜRICH, `sao` São and
// `taipei` typed in fullwidth letters TAIPEI.
// Chinese and Japanese characters each count as a word of their own, since
// those languages do not put spaces between words.

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key is what the filter matches one article against: its headline, place,
// source, tags and commentators' names, folded, in one string. Build it
// once per article with NewKey; it holds ≈150 bytes for a seed-sized
// article (100,000 keys of the generated library: 14.8 MiB).
type Key struct {
	// text is the folded fields, headline first, each followed by sep.
	text string
	// head is where the headline ends in text.
	head uint16
}

// sep ends every field of a Key's text. A term never holds it (Query drops
// control characters), so no match runs from one field into the next, and
// it is not a letter, so every field starts and ends a word.
const sep = '\x1f'

// The longest parts of a Key, in bytes once folded. An article's fields can
// be as long as its file (a 16 MiB wire file of one line is all headline);
// the key keeps what a person would type a filter for.
const (
	maxHeadline = 512
	maxField    = 128 // place, source
	maxItem     = 80  // one tag or name
	maxTags     = 512 // all tags
	maxNames    = 1024
)

// NewKey builds the filter key of an article from its fields as the parser
// left them (sanitised, NFC).
func NewKey(headline, place, source string, tags, names []string) Key {
	bp := keyBufs.Get().(*[]byte)
	b := appendField((*bp)[:0], headline, maxHeadline)
	head := len(b)
	b = appendField(b, place, maxField)
	b = appendField(b, source, maxField)
	for _, l := range []struct {
		items []string
		limit int
	}{{tags, maxTags}, {names, maxNames}} {
		end := len(b) + l.limit
		for _, s := range l.items {
			if left := end - len(b) - 1; left > 0 {
				b = appendField(b, s, min(left, maxItem))
			}
		}
	}
	k := Key{text: string(b), head: uint16(head)}
	*bp = b
	keyBufs.Put(bp)
	return k
}

// keyBufs holds the buffers keys are built in, so that building one costs
// one allocation: its text.
var keyBufs = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// appendField appends s folded, cut to limit bytes, and sep.
func appendField(b []byte, s string, limit int) []byte {
	if s == "" {
		return b
	}
	start := len(b)
	b = appendFold(b, s[:cutAt(s, limit)])
	return append(b[:start+cutAt(b[start:], limit)], sep) // folding can lengthen it
}

// cutAt is where s is cut to at most n bytes at a rune boundary.
func cutAt[S string | []byte](s S, n int) int {
	if len(s) <= n {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// Size is the memory the key holds beyond its own header, in bytes.
func (k Key) Size() int { return len(k.text) }

// Query is a filter term, folded and split into words once, to be matched
// against many keys.
type Query struct {
	// term is the folded term with its words joined by single spaces.
	term  string
	words []string
	// letters is term without its spaces: what scattered matching follows.
	letters string
}

// maxTerm bounds the folded term, in bytes: a pasted page is not a filter,
// and each key is scanned once per word.
const maxTerm = 256

// NewQuery folds term. Control characters are dropped and white space
// separates words.
func NewQuery(term string) Query {
	term = term[:cutAt(term, 4*maxTerm)] // folding never shortens much
	term = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, term)
	f := fold(term)
	words := strings.Fields(f[:cutAt(f, maxTerm)])
	return Query{term: strings.Join(words, " "), words: words, letters: strings.Join(words, "")}
}

// Empty reports whether q has no word: every article matches it.
func (q *Query) Empty() bool { return len(q.words) == 0 }

// Narrows reports whether every match of q is a match of prev, so that q
// needs to be matched only against prev's matches: q's folded term
// extends prev's (the user typed on).
func (q *Query) Narrows(prev *Query) bool {
	return !prev.Empty() && strings.HasPrefix(q.term, prev.term)
}

// Score is how well a key matches a query: 0 for no match, higher for a
// better one. It is below 1<<10.
type Score uint16

// The score's parts (see the file comment). A key whose every word occurs
// scores wordScore + worst<<7 + phrase<<6 + sum (sum capped at 63); one
// that holds the letters in order scores 1, or 2 with them in the
// headline alone.
const (
	scatteredScore     Score = 1
	scatteredHeadScore Score = 2
	wordScore          Score = 4
	maxScore                 = wordScore + 6<<7 + 1<<6 + 63
)

// The levels of a word's occurrence, best last.
const (
	levelNone = iota
	levelInside
	levelInsideHead
	levelPrefix
	levelWhole
	levelPrefixHead
	levelWholeHead
)

// IsWord reports whether s is a word match (every word of the query occurs
// in the key), as opposed to letters in order or none.
func (s Score) IsWord() bool { return s >= wordScore }

// Score is how well k matches q.
func (q *Query) Score(k *Key) Score {
	if len(q.words) == 0 {
		return 0
	}
	worst, sum := levelWholeHead, 0
	for _, w := range q.words {
		l := level(k, w)
		if l == levelNone {
			return q.scattered(k)
		}
		worst = min(worst, l)
		sum += l
	}
	s := wordScore + Score(worst)<<7 + Score(min(sum, 63))
	if len(q.words) > 1 && level(k, q.term) >= levelPrefix {
		s += 1 << 6
	}
	return s
}

// level is the best level of w's occurrences in k.
func level(k *Key, w string) int {
	text, head := k.text, int(k.head)
	best := levelNone
	for off := 0; off < len(text); {
		var i int
		if len(w) == 1 {
			i = strings.IndexByte(text[off:], w[0])
		} else {
			i = strings.Index(text[off:], w)
		}
		if i < 0 {
			break
		}
		i += off
		inHead := i < head
		if !inHead && best >= levelWhole {
			break // nothing after the headline beats it
		}
		start, end := boundary(text, i, true), boundary(text, i+len(w), false)
		var l int
		switch {
		case start && end && inHead:
			return levelWholeHead
		case start && inHead:
			l = levelPrefixHead
		case start && end:
			l = levelWhole
		case start:
			l = levelPrefix
		case inHead:
			l = levelInsideHead
		default:
			l = levelInside
		}
		best = max(best, l)
		// The next occurrence starts after this one's first byte: w is
		// valid UTF-8, so it cannot start on a continuation byte.
		off = i + 1
	}
	return best
}

// isWordByte reports whether ASCII byte c belongs to a word.
func isWordByte(c byte) bool { return byteClass[c] == wordByte }

// The classes of bytes: most boundaries are told from the bytes on each
// side, without decoding a rune.
const (
	otherByte = iota // ASCII that is not part of a word: space, punctuation, sep
	wordByte         // an ASCII letter or digit
	multiByte        // part of a multi-byte rune
)

var byteClass = func() (c [256]uint8) {
	for b := range 256 {
		switch {
		case b >= utf8.RuneSelf:
			c[b] = multiByte
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
			c[b] = wordByte
		}
	}
	return c
}()

// boundary reports whether a word starts (start) or ends at byte i of s,
// where a match starts or ends.
func boundary(s string, i int, start bool) bool {
	if i == 0 || i == len(s) {
		return true
	}
	p, n := byteClass[s[i-1]], byteClass[s[i]]
	if p != multiByte && n != multiByte {
		if start {
			return p == otherByte
		}
		return n == otherByte
	}
	if start {
		return wordStart(s, i)
	}
	return wordEnd(s, i)
}

// scattered scores a key that holds q's letters in order, or 0: the
// letters are followed from the start, each at its first place after the
// previous one, which ends as early as any alignment can.
func (q *Query) scattered(k *Key) Score {
	text, i := k.text, 0
	for _, r := range q.letters {
		var j int
		if r < utf8.RuneSelf {
			j = strings.IndexByte(text[i:], byte(r))
		} else {
			j = strings.IndexRune(text[i:], r)
		}
		if j < 0 {
			return 0
		}
		i += j + utf8.RuneLen(r)
	}
	if i <= int(k.head) {
		return scatteredHeadScore
	}
	return scatteredScore
}

// wordStart reports whether a word starts at byte i of s, where a
// match starts (so i < len(s)).
func wordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	if p, n := s[i-1], s[i]; p < utf8.RuneSelf && n < utf8.RuneSelf {
		return !isWordByte(p) // most of every key
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(prev) || ownWord(prev) || ownWord(next)
}

// wordEnd reports whether a word ends at byte i of s, where a match ends
// (so i > 0).
func wordEnd(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	if p, n := s[i-1], s[i]; p < utf8.RuneSelf && n < utf8.RuneSelf {
		return !isWordByte(n)
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(next) || ownWord(prev) || ownWord(next)
}

// isWordRune reports whether r belongs to a word: a letter, a digit or a
// combining mark.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWordByte(byte(r))
	}
	return unicode.In(r, unicode.L, unicode.N, unicode.M)
}

// ownWord reports whether r is a word of its own: Chinese characters and
// Japanese kana, written without spaces between words. (Korean puts spaces
// between words, so Hangul is not.)
func ownWord(r rune) bool {
	return r >= 0x2e80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// Rank matches q against the candidates cands, which are indices of keys
// (key(i) is the key of index i, 0 ≤ i < n) in the list's order, and
// returns those that match: ranked best first (equal scores in the order
// of cands), and matched in the order of cands (what a longer term, which
// q narrows, is matched against next).
//
// The keys are scored in the order of their indices, not of cands: keys
// built one after another lie one after another in memory, and at 100,000
// articles scoring them in that order is five times faster than in a
// sorted list's order, which jumps about memory (measured: 13 against 70
// ms for a first letter). key is called from several goroutines at once.
//
// Rank checks ctx as it goes and returns ctx's error, and nothing else,
// once it is done: a superseded match stops instead of finishing for
// nothing.
func Rank(ctx context.Context, q *Query, n int, key func(i int32) *Key, cands []int32) (ranked, matched []int32, err error) {
	// Mark the candidates (all of them, often: the first letter, or any
	// edit but typing on).
	var want []uint64
	if len(cands) < n {
		want = make([]uint64, (n+63)/64)
		for _, c := range cands {
			want[c/64] |= 1 << (c % 64)
		}
	}
	scores := make([]Score, n)
	workers := min(runtime.GOMAXPROCS(0), maxWorkers, len(cands)/parallelFrom+1)
	chunk := (n + workers - 1) / workers
	chunk = (chunk + 63) &^ 63 // whole words of want to each
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			lo, hi := w*chunk, min((w+1)*chunk, n)
			for i := lo; i < hi; i++ {
				if (i-lo)&1023 == 0 && ctx.Err() != nil {
					return
				}
				if want == nil || want[i/64]&(1<<(i%64)) != 0 {
					scores[i] = q.Score(key(int32(i)))
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	// A counting sort, best score first: stable, and linear.
	var start [maxScore + 2]int32
	found := 0
	for _, c := range cands {
		if s := scores[c]; s > 0 {
			start[maxScore-s+1]++
			found++
		}
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	matched, ranked = make([]int32, 0, found), make([]int32, found)
	for _, c := range cands {
		if s := scores[c]; s > 0 {
			matched = append(matched, c)
			p := &start[maxScore-s]
			ranked[*p] = c
			*p++
		}
	}
	return ranked, matched, nil
}

// All is the candidates 0, 1, … n-1: every key, in index order.
func All(n int) []int32 {
	all := make([]int32, n)
	for i := range all {
		all[i] = int32(i)
	}
	return all
}

// Rank scores in parallel from parallelFrom candidates on, in up to
// maxWorkers goroutines: a first letter on 100,000 articles is then half as
// long on two cores, and a short list is not worth a goroutine.
const (
	parallelFrom = 8192
	maxWorkers   = 8
)

// fold is s folded for matching: in compatibility decomposition (NFKD:
// fullwidth letters and ligatures as the letters people type), lower case,
// with the accents of Latin, Greek and Cyrillic letters removed. Key and
// term are folded alike, so the form only has to be the same for both.
func fold(s string) string { return string(appendFold(nil, s)) }

// appendFold appends fold(s) to b, rune by rune: building a key must cost
// little more than copying it (an x/text transform chain costs ≈3 µs for a
// name with one accent).
func appendFold(b []byte, s string) []byte {
	for len(s) > 0 {
		// A run of ASCII is copied at once and lowered in place.
		n := 0
		for n < len(s) && s[n] < utf8.RuneSelf {
			n++
		}
		start := len(b)
		b = append(b, s[:n]...)
		for i := start; i < len(b); i++ {
			if c := b[i]; 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		if s = s[n:]; s == "" {
			break
		}
		r, size := utf8.DecodeRuneInString(s)
		switch d := norm.NFKD.PropertiesString(s).Decomposition(); {
		case isAccent(r):
		case r == utf8.RuneError && size == 1, 0xac00 <= r && r <= 0xd7a3, d == nil:
			// Bad bytes (already U+FFFD in sanitised text), Hangul
			// syllables (decomposed they would be letters apart), and
			// runes with nothing to decompose.
			b = appendLower(b, r)
		default:
			for _, dr := range string(d) {
				if !isAccent(dr) {
					b = appendLower(b, dr)
				}
			}
		}
		s = s[size:]
	}
	return b
}

// isAccent reports whether r is a combining accent of Latin, Greek or
// Cyrillic letters (not, say, the voicing mark of kana, which makes
// another letter).
func isAccent(r rune) bool { return 0x300 <= r && r <= 0x36f }

// appendLower appends r in lower case, with the letters whose stroke or
// slash is part of the letter (no decomposition removes it) as the plain
// letter people type for them.
func appendLower(b []byte, r rune) []byte {
	switch r {
	case 'ß', 'ẞ':
		return append(b, "ss"...)
	case 'ł', 'Ł':
		r = 'l'
	case 'ø', 'Ø':
		r = 'o'
	case 'đ', 'Đ':
		r = 'd'
	case 'ħ', 'Ħ':
		r = 'h'
	case 'ı':
		r = 'i'
	case 'ς':
		r = 'σ'
	default:
		r = unicode.ToLower(r)
	}
	return utf8.AppendRune(b, r)
}
