package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The Go side of FTS5's unicode61 tokenizer, as this package configures it
// (remove_diacritics 2): a token is a run of letters, digits and
// private-use characters (with the combining marks that follow them), and
// tokens compare case-folded and without diacritics. The query parser
// splits words with it, so a word means to the index what it means here,
// and the snippets mark with it the words the index matched.

// tokenRune reports whether r belongs to a token: unicode61's default
// token categories "L* N* Co", plus the combining marks that decomposed
// text carries after a letter.
func tokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.M, r)
}

// span is a token's place in a text: text[start:end].
type span struct{ start, end int }

// tokenize returns the tokens of s in order.
func tokenize(s string) []span {
	out := make([]span, 0, len(s)/6) // English words average five letters and a space
	start := -1
	for i, r := range s {
		if tokenRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(s)})
	}
	return out
}

// tokenStrings is the tokens of s as strings.
func tokenStrings(s string) []string {
	sp := tokenize(s)
	out := make([]string, len(sp))
	for i, t := range sp {
		out[i] = s[t.start:t.end]
	}
	return out
}

// stripMarks removes combining marks from decomposed text.
var stripMarks = runes.Remove(runes.In(unicode.Mn))

// fold is the form in which tokens compare: lower case, diacritics
// removed ("Élysée" and "elysee" fold alike). ASCII, nearly every token of
// an English library, takes a path without allocation when already lower.
func fold(tok string) string {
	ascii, upper := true, false
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if ascii {
		if !upper {
			return tok
		}
		return strings.ToLower(tok)
	}
	s := strings.ToLower(tok)
	if out, _, err := transform.String(transform.Chain(norm.NFD, stripMarks, norm.NFC), s); err == nil {
		return out
	}
	return s
}

// cjkRune reports whether r is Chinese, Japanese or Korean script: text
// that is written without spaces, so that unicode61 makes one token of a
// whole run of it and only a substring search finds a word inside it.
func cjkRune(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Bopomofo, r))
}

// hasCJK reports whether s holds any CJK character.
func hasCJK(s string) bool {
	for _, r := range s {
		if cjkRune(r) {
			return true
		}
	}
	return false
}

// foldedText is a text folded for substring search, with the place in
// the original of every byte of the fold, so a match found in the fold can
// be marked in the original.
type foldedText struct {
	s    string
	orig []int // orig[i] is the offset in the original of the rune that made byte i; orig[len(s)] = len(original)
}

// foldForSearch folds s rune by rune (case and diacritics, as fold does).
func foldForSearch(s string) foldedText {
	var b strings.Builder
	b.Grow(len(s))
	orig := make([]int, 0, len(s)+1)
	var buf [utf8.UTFMax]byte
	for i, r := range s {
		f := r
		if r == utf8.RuneError {
			f = utf8.RuneError
		}
		if 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && !cjkRune(r) {
			n := utf8.EncodeRune(buf[:], r)
			ff := fold(string(buf[:n]))
			if ff == "" { // a lone combining mark
				continue
			}
			for range len(ff) {
				orig = append(orig, i)
			}
			b.WriteString(ff)
			continue
		}
		n := utf8.RuneLen(f)
		for range n {
			orig = append(orig, i)
		}
		b.WriteRune(f)
	}
	orig = append(orig, len(s))
	return foldedText{s: b.String(), orig: orig}
}
