package article

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// The warnings the sanitiser adds. Each appears at most once per article.
const (
	warnInvalidUTF8 = "invalid UTF-8 replaced with U+FFFD"
	warnControls    = "control sequences removed"
)

// utf8BOM is the byte order mark some editors put at the start of UTF-8
// files; it is not text.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// view is the bytes of b as a string, without a copy: b must not change
// for as long as the string, or any part of it, is in use.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// cleanRaw prepares a file's bytes for parsing: drops a UTF-8 BOM, turns each
// maximal run of invalid UTF-8 into one U+FFFD (warning), normalises CRLF to
// LF and removes terminal control (warning), as specified in issue 2.
//
// Each step makes at most one copy of the text, so memory stays linear in
// the input whatever it holds. With asView set, clean text is not copied
// at all: the string returned may then be a view of data (see view).
func cleanRaw(data []byte, asView bool) (string, []string) {
	var warns []string
	data = bytes.TrimPrefix(data, utf8BOM)
	var s string
	if asView {
		s = view(data)
	} else {
		s = string(data)
	}
	if !utf8.ValidString(s) {
		// ToValidUTF8 replaces each run of invalid bytes, not each byte.
		s = strings.ToValidUTF8(s, "\uFFFD")
		warns = append(warns, warnInvalidUTF8)
	}
	if strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	s, removed := stripControls(s)
	if removed {
		warns = append(warns, warnControls)
	}
	return s, warns
}

// sanitizeArticle cleans every text field of a parsed article (controls,
// bidi overrides, NFC, Unicode trimming) and adds one warning if control
// sequences were removed; it also dedupes warnings.
//
// Paragraphs, notes and tags that are empty once cleaned are dropped:
// an empty paragraph is nothing a reader can see.
func sanitizeArticle(a *Article) {
	removed := false
	clean := func(s string) string {
		t, r := sanitize(s)
		removed = removed || r
		return t
	}
	cleanList := func(list []string) []string {
		// In place: the article owns its slices, and a huge article
		// must not need a second copy of its paragraph list.
		out := list[:0]
		for _, s := range list {
			if t := clean(s); t != "" {
				out = append(out, t)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	a.Headline = clean(a.Headline)
	a.Byline = clean(a.Byline)
	a.Place = clean(a.Place)
	a.Date = clean(a.Date)
	a.Source = clean(a.Source)
	a.Paragraphs = cleanList(a.Paragraphs)
	for i := range a.Reactions {
		r := &a.Reactions[i]
		r.Name = clean(r.Name)
		r.Role = clean(r.Role)
		r.Location = clean(r.Location)
		r.Quote = clean(r.Quote)
	}
	a.ReactionsHeading = clean(a.ReactionsHeading)
	notes := a.Notes[:0]
	for _, n := range a.Notes {
		if n.Text = clean(n.Text); n.Text != "" {
			notes = append(notes, n)
		}
	}
	a.Notes = notes
	if len(notes) == 0 {
		a.Notes = nil
	}
	a.Tags = cleanList(a.Tags)
	a.Warnings = cleanList(a.Warnings)
	if removed && !slices.Contains(a.Warnings, warnControls) {
		a.Warnings = append(a.Warnings, warnControls)
	}
	a.Warnings = dedupe(a.Warnings)
}

// dedupe removes repeated strings, keeping the first of each in order.
// An article has a warning or two, or none: those lists need no map.
func dedupe(list []string) []string {
	if len(list) < 8 {
		out := list[:0]
		for _, s := range list {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	seen := make(map[string]bool, len(list))
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Sanitize makes any single string safe to print on a terminal: invalid
// UTF-8 runs become U+FFFD, escape sequences and other terminal controls
// (C0 except tab and newline, DEL, C1, bidi overrides and isolates) are
// removed, numeric character references that a renderer would decode into
// one of those controls ("&#x1b;", "&#27", "&#X9D;") become U+FFFD, the
// text is normalised to NFC and trimmed of Unicode white space.
// Article fields are already sanitised; use it for other text that comes
// from the filesystem, such as paths and error messages.
func Sanitize(s string) string {
	t, _ := sanitize(s)
	return t
}

// sanitize is Sanitize that also reports whether terminal control was
// removed (invalid UTF-8 alone does not count).
//
// Character references are neutralised after NFC: normalisation can make
// one (U+037E GREEK QUESTION MARK becomes ';', and "&#x1e" followed by a
// combining acute becomes "&#x1é", which a decoder reads as U+0001).
//
// Plain ASCII, most of a news article, is valid UTF-8 and NFC already:
// one scan finds out, and the UTF-8 and NFC passes are skipped for it.
func sanitize(s string) (string, bool) {
	ascii, control := scanText(s)
	if !ascii && !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		_, control = scanText(s)
	}
	removed := false
	if control {
		s, removed = stripControls(s)
	}
	if !ascii {
		s = norm.NFC.String(s)
	}
	s, refs := neutralizeRefs(s)
	return strings.TrimFunc(s, unicode.IsSpace), removed || refs
}

// neutralizeRefs replaces with U+FFFD every numeric character reference
// in s that a renderer could decode into a character isControl removes,
// and reports whether it replaced any. Glamour runs html.UnescapeString
// over text, code spans, strikethrough, table cells and HTML, so "&#x1b;"
// in an article would reach the terminal as a real ESC after sanitising.
//
// What counts as a reference is deliberately broader than CommonMark's
// (`&#` 1–7 digits `;`, `&#x` 1–6 hex digits `;`) because the decoder
// Glamour really uses is: html.UnescapeString takes any number of digits,
// does not need the ';', and computes the value in an int32 that wraps,
// so "&#x10000001b" and "&#4294967323" are ESC too. The value here is
// computed the same way (modulo 2^32), which also covers CommonMark's and
// goldmark's exact values. A value from U+0080 to U+009F counts as C1 even
// though html.UnescapeString maps most of them to Windows-1252 (&#155; is
// '›'): CommonMark and goldmark decode them as the C1 code point itself.
//
// Named references need no rule: of the 2,231 names of html.UnescapeString
// and the 2,124 of goldmark's table, only &Tab; and &NewLine; decode to a
// control, and tab and newline are allowed (checked by a throwaway program
// over both tables, and TestNeutralizeRefs keeps those two). Leading-zero
// decimals are read as decimal, as both decoders do on text; goldmark's
// util.ResolveNumericReferences would read them as octal, but only its
// HTML renderer's link destinations use it, and treating "&#034;" (a
// quote mark) as octal 034 (a control) would mangle real text.
func neutralizeRefs(s string) (string, bool) {
	i := strings.Index(s, "&#")
	if i < 0 {
		return s, false
	}
	var b strings.Builder
	last := 0 // s[last:i] is not yet written
	for i >= 0 {
		end, bad := controlRef(s, i)
		if bad {
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:i])
			b.WriteString("\uFFFD")
			last = end
		}
		next := strings.Index(s[end:], "&#")
		if next < 0 {
			break
		}
		i = end + next
	}
	if last == 0 {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// controlRef reads the numeric character reference at s[i:] (s[i:i+2] is
// "&#") as html.UnescapeString does: an optional x or X, every digit that
// follows, an optional ';'. It returns where the reference ends (i+2 when
// there is none) and whether it decodes to a character isControl removes.
func controlRef(s string, i int) (end int, bad bool) {
	j := i + 2
	hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
	if hex {
		j++
	}
	start := j
	var v uint32 // wraps as the decoder's int32 does
	for ; j < len(s); j++ {
		d, ok := digit(s[j], hex)
		if !ok {
			break
		}
		if hex {
			v = v<<4 | d
		} else {
			v = v*10 + d
		}
	}
	if j == start {
		return i + 2, false
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	return j, v <= unicode.MaxRune && isControl(rune(v))
}

// stripControls removes terminal control from valid UTF-8 text and reports
// whether it removed anything.
//
// Escape sequences are removed whole, introducer to final byte, so that
// their parameters do not show up as stray text: CSI (ESC [ or U+009B)
// through its final byte; OSC, DCS, SOS, PM and APC (ESC ] P X ^ _ or
// U+009D U+0090 U+0098 U+009E U+009F) through BEL or ST (ESC \ or U+009C);
// other ESC sequences through their final byte. A string sequence with no
// terminator anywhere after it loses only its introducer: a terminal would
// swallow the rest of the file, but a reader must not lose the text, and
// without the introducer what remains is inert.
//
// Then every other C0 control except tab and newline, DEL, C1 controls and
// the bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) go. The
// scan is linear: a string sequence's body is skipped once, and after one
// failed search for a terminator no later introducer searches again.
func stripControls(s string) (string, bool) {
	if !needsStrip(s) {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	noTerm := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			i = skipEscape(s, i+size, &noTerm)
		case r == 0x9b:
			i = skipCSI(s, i+size)
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f:
			i = skipString(s, i+size, &noTerm)
		case isControl(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String(), true
}

// needsStrip reports whether s (valid UTF-8) holds anything
// stripControls removes.
func needsStrip(s string) bool {
	_, control := scanText(s)
	return control
}

// scanText reports whether s is all ASCII and whether it holds a
// character isControl reports (s valid UTF-8). It looks at bytes, not
// runes: only a few bytes can start a control (one below 0x20, DEL, and
// the lead bytes 0xC2 of C1 and 0xE2 of the bidi characters), so clean
// text costs a test of eight bytes at a time for any byte below 0x20,
// 0x7F or above 0x7F, and a table lookup a byte in the words that have
// one (a newline, a dash); each lead byte found has its character
// decoded and checked by isControl, the one rule. Loading 100,000
// seed-sized files spent 19 % of its CPU in this check when it decoded
// every rune.
func scanText(s string) (ascii, control bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var high uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		high |= x
		del := x ^ 0x7f*ones
		// The high bit of a byte of m is set (at least) where x has a byte
		// below 0x20, equal to 0x7F, or above 0x7F.
		m := (x-0x20*ones)&^x | (del-ones)&^del | x
		if !control && m&highs != 0 && controlAt(s, i, i+8) {
			control = true
		}
	}
	for j := i; j < len(s); j++ {
		high |= uint64(s[j])
	}
	return high&highs == 0, control || controlAt(s, i, len(s))
}

// controlAt reports whether a character isControl reports starts in
// s[from:to].
func controlAt(s string, from, to int) bool {
	for i := from; i < to; i++ {
		if !mayStartControl[s[i]] {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); isControl(r) {
			return true
		}
	}
	return false
}

// mayStartControl marks the bytes that can begin a character isControl
// reports: C0 (tab and newline are decoded and let through), DEL, 0xC2
// (U+0080–U+009F are C2 80–C2 9F) and 0xE2 (U+202A–U+202E are E2 80 AA–
// E2 80 AE, U+2066–U+2069 E2 81 A6–E2 81 A9).
var mayStartControl = func() (t [256]bool) {
	for b := range 0x20 {
		t[b] = true
	}
	t[0x7f], t[0xc2], t[0xe2] = true, true, true
	return t
}()

// isControl reports whether r is removed on its own: C0 except tab and
// newline, DEL, C1, and the bidi override and isolate characters.
func isControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// skipEscape returns where the sequence introduced by an ESC ends; i is
// just after the ESC.
func skipEscape(s string, i int, noTerm *bool) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1, noTerm)
	case c >= 0x20 && c <= 0x2f:
		// nF sequence: intermediate bytes, then one final byte.
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e:
		// Fp, Fe or Fs sequence: one final byte (ESC 7, ESC c, ESC \ ...).
		return i + 1
	}
	return i // a lone ESC: only it goes
}

// skipCSI returns where a control sequence ends: after its final byte, or
// at the first byte that cannot belong to it (a terminal aborts the
// sequence there; that byte is then handled as ordinary input).
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		case c >= 0x20 && c <= 0x3f:
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns where an OSC, DCS, SOS, PM or APC body ends: after
// BEL or U+009C, or at an ESC (which ends the string and is then removed
// as a sequence of its own, ESC \ being the usual terminator). With no
// terminator before the end of s only the introducer is removed, and
// noTerm records that no later search can succeed either.
func skipString(s string, i int, noTerm *bool) int {
	if *noTerm {
		return i
	}
	for j := i; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch r {
		case 0x07, 0x9c:
			return j + size
		case 0x1b:
			return j
		}
		j += size
	}
	*noTerm = true
	return i
}

// digit is the value of c as a decimal digit, or a hexadecimal one when
// hex is set.
func digit(c byte, hex bool) (uint32, bool) {
	switch {
	case '0' <= c && c <= '9':
		return uint32(c - '0'), true
	case hex && 'a' <= c && c <= 'f':
		return uint32(c-'a') + 10, true
	case hex && 'A' <= c && c <= 'F':
		return uint32(c-'A') + 10, true
	}
	return 0, false
}
