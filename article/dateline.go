package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// matchDateline is datelineRE.FindStringSubmatchIndex(s) written out: a
// cold load of 100,000 wire files spent 0.21 of its 3.4 cpu-s on the
// dateline, most of it in the regular expression, 2.0–2.2 µs for the
// seed's first paragraph against 0.31–0.33 µs here.
// FuzzDateline_MatchesThePattern and
// TestDateline_MatchesThePatternOnDatelinePieces hold the two to the
// same answers.
//
// The pattern's only real choice is whether ", WORD" after the place is
// its region or starts the date (", Feb 1" is a date; ", Kan." a region):
// every other part matches as much as it can or fails, because what may
// follow it cannot start with what it would give back (a word is
// followed by a space, a comma or the dash, never a letter). So the
// match is tried with the region, then without, as the pattern's
// leftmost-first rule would. It gives the pattern's submatch indexes
// (the whole match, the place, the date and the source, -1 for a part
// not there) and whether s has a dateline; as an array, so that a
// paragraph without one costs no allocation.
func matchDateline(s string) (m [8]int, ok bool) {
	placeEnd, ok := dlUpperWords(s, 0)
	if !ok {
		return m, false
	}
	if regionEnd, ok := dlRegion(s, placeEnd); ok {
		if m, ok := datelineRest(s, regionEnd); ok {
			return m, true
		}
	}
	return datelineRest(s, placeEnd)
}

// datelineRest matches what follows the place (which ends at i): the
// date, the source, the dash.
func datelineRest(s string, i int) ([8]int, bool) {
	m := [8]int{0, 0, 0, i, -1, -1, -1, -1}
	if j, ok := dlCut(s, i, ", "); ok {
		if end, ok := dlDate(s, j); ok {
			m[4], m[5], i = j, end, end
		}
	}
	if j, ok := dlCut(s, i, " ("); ok {
		if end, ok := dlSource(s, j); ok {
			m[6], m[7], i = j, end, end+1
		}
	}
	end, ok := dlDash(s, i)
	if !ok {
		return m, false
	}
	m[1] = end
	return m, true
}

// dlUpperWords matches one all-capital word or more, one space apart,
// from i.
func dlUpperWords(s string, i int) (int, bool) {
	end, ok := dlUpperWord(s, i)
	if !ok {
		return i, false
	}
	return dlMoreWords(s, end, -1, dlUpperWord), true
}

// dlMoreWords is where a run of words ending at end ends once up to most
// more (any number when most is negative) are added, each a space and a
// word that word matches.
func dlMoreWords(s string, end, most int, word func(string, int) (int, bool)) int {
	for n := 0; n != most; n++ {
		j, ok := dlCut(s, end, " ")
		if !ok {
			break
		}
		next, ok := word(s, j)
		if !ok {
			break
		}
		end = next
	}
	return end
}

// dlUpperWord matches an all-capital word of two letters or more, which may
// be joined by one '.', '-' or apostrophe and may end in a period: NEW,
// D.C., EL-SHEIKH, O'HARE.
func dlUpperWord(s string, i int) (int, bool) {
	r, n := utf8.DecodeRuneInString(s[i:])
	if n == 0 || !unicode.IsUpper(r) {
		return i, false
	}
	i += n
	letters := 1
	for {
		j := i
		if r, n := utf8.DecodeRuneInString(s[j:]); n > 0 && dlJoiner(r) {
			j += n
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if n == 0 || !unicode.IsUpper(r) {
			break
		}
		i, letters = j+n, letters+1
	}
	if letters < 2 {
		return i, false
	}
	if strings.HasPrefix(s[i:], ".") {
		i++
	}
	return i, true
}

// dlJoiner reports whether r may join the letters of a word: '.', '-',
// and the apostrophes ' and ’.
func dlJoiner(r rune) bool { return r == '.' || r == '-' || r == '\'' || r == '’' }

// dlRegion matches ", " and one to three capitalised words, a space apart,
// from i: the region after a place (", Kan.", ", New Mexico").
func dlRegion(s string, i int) (int, bool) {
	j, ok := dlCut(s, i, ", ")
	if !ok {
		return i, false
	}
	end, ok := dlCapWord(s, j)
	if !ok {
		return i, false
	}
	return dlMoreWords(s, end, 2, dlCapWord), true
}

// dlCapWord matches a capital letter and the letters, periods, hyphens and
// apostrophes after it, from i: Taiwan, Kan., D.C.
func dlCapWord(s string, i int) (int, bool) {
	r, n := utf8.DecodeRuneInString(s[i:])
	if n == 0 || !unicode.IsUpper(r) {
		return i, false
	}
	i += n
	for {
		r, n := utf8.DecodeRuneInString(s[i:])
		if n == 0 || !(unicode.IsLetter(r) || dlJoiner(r)) {
			return i, true
		}
		i += n
	}
}

// dlDate matches "Feb 1", "March 1, 2026", "1 March" or "1 March 2026"
// (a comma allowed before its year) from i.
func dlDate(s string, i int) (int, bool) {
	if end, ok := dlPair(s, i, dlMonth, dlDay); ok {
		return dlYearAfter(s, end, ", "), true
	}
	end, ok := dlPair(s, i, dlDay, dlMonth)
	if !ok {
		return i, false
	}
	if j, ok := dlCut(s, end, ","); ok {
		if y := dlYearAfter(s, j, " "); y > j {
			return y, true
		}
		return end, true
	}
	return dlYearAfter(s, end, " "), true
}

// dlPair matches what first matches, a space and what second matches,
// from i.
func dlPair(s string, i int, first, second func(string, int) (int, bool)) (int, bool) {
	end, ok := first(s, i)
	if !ok {
		return i, false
	}
	j, ok := dlCut(s, end, " ")
	if !ok {
		return i, false
	}
	end, ok = second(s, j)
	if !ok {
		return i, false
	}
	return end, true
}

// dlYearAfter is where a date ending at end ends with the year that sep
// and four digits may add to it.
func dlYearAfter(s string, end int, sep string) int {
	if j, ok := dlCut(s, end, sep); ok {
		if y, ok := dlYear(s, j); ok {
			return y
		}
	}
	return end
}

// dlMonths are the months as a date may name them, whole names first; an
// abbreviation may end in a period.
var dlMonths = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// dlAbbrevs are the abbreviations, the longer of two that share a
// start first (Sept before Sep).
var dlAbbrevs = []string{"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"}

// dlMonth matches a month's name from i.
func dlMonth(s string, i int) (int, bool) {
	for _, m := range dlMonths {
		if strings.HasPrefix(s[i:], m) {
			return i + len(m), true
		}
	}
	for _, m := range dlAbbrevs {
		if strings.HasPrefix(s[i:], m) {
			end := i + len(m)
			if strings.HasPrefix(s[end:], ".") {
				end++
			}
			return end, true
		}
	}
	return i, false
}

// dlDay matches one or two digits from i.
func dlDay(s string, i int) (int, bool) {
	n := dlDigits(s, i, 2)
	return i + n, n > 0
}

// dlYear matches four digits from i.
func dlYear(s string, i int) (int, bool) {
	if dlDigits(s, i, 4) == 4 {
		return i + 4, true
	}
	return i, false
}

// dlDigits is how many ASCII digits, up to most, stand at i.
func dlDigits(s string, i, most int) int {
	n := 0
	for n < most && i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		n++
	}
	return n
}

// dlSource matches one to 40 characters other than parentheses from i,
// followed by ')'; the end is that of the characters.
func dlSource(s string, i int) (int, bool) {
	n := 0
	for j := i; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == ')':
			return j, n > 0
		case r == '(' || n == 40:
			return i, false
		}
		n++
		j += size
	}
	return i, false
}

// dlDash matches white space, a dash (—, –, -- or -) and white space, from
// i, taking all the white space there is.
func dlDash(s string, i int) (int, bool) {
	j := dlSpaces(s, i)
	if j == i {
		return i, false
	}
	switch {
	case strings.HasPrefix(s[j:], "—"):
		j += len("—")
	case strings.HasPrefix(s[j:], "–"):
		j += len("–")
	case strings.HasPrefix(s[j:], "--") && dlSpaces(s, j+2) > j+2:
		j += 2
	case strings.HasPrefix(s[j:], "-"):
		j++
	default:
		return i, false
	}
	end := dlSpaces(s, j)
	if end == j {
		return i, false
	}
	return end, true
}

// dlSpaces is where the run of spaces (Unicode's space separators) and tabs
// at i ends.
func dlSpaces(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != '\t' && !unicode.Is(unicode.Zs, r) {
			break
		}
		i += n
	}
	return i
}

// dlCut is the index after prefix p at i, if it stands there.
func dlCut(s string, i int, p string) (int, bool) {
	if strings.HasPrefix(s[i:], p) {
		return i + len(p), true
	}
	return i, false
}
