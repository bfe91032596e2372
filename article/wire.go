package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FormatWire is plain wire text, the layout of the bundled seed.
const FormatWire Format = "wire"

// wireFormat reads .txt files, and any file named explicitly whose
// extension no other format claims.
var wireFormat = formatSpec{Name: FormatWire, Title: "wire text", Exts: []string{".txt"}, Parse: one(parseWire), Head: parseWireHead}

// The warnings the wire parser adds.
const (
	warnNoBody         = "article has no body"
	warnNoEntries      = "reactions section has no valid entry; its paragraphs are kept as notes"
	warnEmptyReactions = "reactions section is empty"
)

const (
	// maxBylineRunes is the longest line taken as a byline, "By " included:
	// a longer line starting with "By" is the first sentence of the body.
	maxBylineRunes = 120
	// maxDatelineRunes bounds where the dateline must end (its dash and the
	// space after it) within the first paragraph.
	maxDatelineRunes = 120
)

// parseWire parses wire text (issue 2, "Wire text"): headline, optional
// byline, body paragraphs with an optional dateline, and an optional
// reactions section of entries and notes. Wire text has no errors of its
// own (Parse has already rejected empty and binary files); what is odd
// about an article becomes a warning on it.
func parseWire(text string) (Article, []Problem) { return readWire(text, false, nil) }

// parseWireHead is parseWire for a read without the body (see
// formatSpec.Head): its Paragraphs are only those holding an '&', which
// sanitising may warn about; everything else is as parseWire gives it.
// Joining and keeping the body's paragraphs is most of what parsing a
// wire file costs, and all a library's summary does not keep.
//
// The others cannot warn: the text they come from was cleaned of every
// control (cleanRaw), and lines trimmed and joined with spaces make none,
// so all sanitising could neutralise is a character reference, which
// starts with '&'; and normalising to NFC, as it does first, makes no
// '&' of anything else (TestNFC_MakesNoAmpersand).
//
// With sc the article, its reactions and its joined paragraphs are built
// in sc's room, which the next file's parse reuses: a cold load of
// 100,000 wire articles allocated 160 MB less, its garbage collections
// marking as often less.
func parseWireHead(text string, sc *scratch) ([]Article, []Problem) {
	a, probs := readWire(text, true, sc)
	if sc == nil {
		return oneArticle(nil, a, probs)
	}
	sc.arts, probs = oneArticle(sc.arts[:0], a, probs)
	return sc.arts, probs
}

// readWire is parseWire, or with head parseWireHead (sc its room, or
// nil).
func readWire(text string, head bool, sc *scratch) (Article, []Problem) {
	var a Article
	ls := lineScanner{s: text}
	line, ok := ls.next()
	for ok && line == "" {
		line, ok = ls.next()
	}
	if !ok {
		return a, []Problem{{Severity: SeverityError, Message: "empty file"}}
	}
	a.Headline = line
	rest := ls.rest()
	if line, ok := ls.next(); ok && isByline(line) {
		a.Byline = line[len("By "):]
		rest = ls.rest()
	}

	ps := newParaScanner(rest, !head)
	if !head {
		a.Paragraphs = make([]string, 0, ps.count)
	}
	if sc != nil {
		ps.buf, ps.stable = sc.buf[:0], true
		a.Reactions = sc.reactions[:0]
	}
	hasSection, body := false, 0 // body counts the body's paragraphs
	for p, joined, ok := ps.next(); ok; p, joined, ok = ps.next() {
		if isSectionHeading(p) {
			a.ReactionsHeading = kept(sectionTitle(p), joined)
			hasSection = true
			break
		}
		if body == 0 {
			// A dateline is never the whole paragraph: it ends with a
			// space, and a paragraph is trimmed.
			if place, date, source, after, ok := parseDateline(p); ok {
				a.Place, a.Date, a.Source = kept(place, joined), kept(date, joined), kept(source, joined)
				p = after
			}
		}
		body++
		if !head || strings.IndexByte(p, '&') >= 0 {
			a.Paragraphs = append(a.Paragraphs, kept(p, joined))
		}
	}
	for p, joined, ok := ps.next(); ok && hasSection; p, joined, ok = ps.next() {
		p = kept(p, joined)
		if r, ok := parseReactionEntry(p); ok {
			a.Reactions = append(a.Reactions, r)
		} else {
			a.Notes = append(a.Notes, Note{Text: p, After: len(a.Reactions)})
		}
	}
	if len(a.Paragraphs) == 0 {
		a.Paragraphs = nil
	}
	if sc != nil {
		sc.buf, sc.reactions = ps.buf, a.Reactions // grown, for the next file
	}
	if len(a.Reactions) == 0 {
		a.Reactions = nil
	}

	if body == 0 {
		a.Warnings = append(a.Warnings, warnNoBody)
	}
	if hasSection && len(a.Reactions) == 0 {
		if len(a.Notes) > 0 {
			a.Warnings = append(a.Warnings, warnNoEntries)
		} else {
			a.Warnings = append(a.Warnings, warnEmptyReactions)
		}
	}
	return a, nil
}

// lineScanner yields the right-trimmed lines of s without building a slice
// of them: a file of millions of short lines must not cost a string header
// per line on top of its paragraphs.
type lineScanner struct {
	s   string
	pos int // start of the next line; len(s)+1 when done
}

func (l *lineScanner) next() (string, bool) {
	if l.pos > len(l.s) {
		return "", false
	}
	rest := l.s[l.pos:]
	i := strings.IndexByte(rest, '\n')
	if i < 0 {
		i = len(rest)
	}
	l.pos += i + 1
	line := rest[:i]
	if n := len(line); n > 0 && line[n-1] > ' ' && line[n-1] < utf8.RuneSelf {
		// Ends in a printable ASCII byte, as most lines do: nothing to
		// trim, and no last rune to decode to know it.
		return line, true
	}
	return strings.TrimRightFunc(line, unicode.IsSpace), true
}

// rest returns the text not yet scanned.
func (l *lineScanner) rest() string { return l.s[min(l.pos, len(l.s)):] }

// isByline reports whether the line after the headline is a byline.
func isByline(l string) bool {
	return (strings.HasPrefix(l, "By ") || strings.HasPrefix(l, "BY ")) &&
		utf8.RuneCountInString(l) <= maxBylineRunes
}

// paraScanner yields the paragraphs of a wire body, or of a JSON body
// string, one at a time and without a slice of them. Leading and trailing
// blank lines are dropped. If a blank line remains, paragraphs are the
// blocks between blank lines, their lines trimmed and joined with one
// space (hard-wrapped text); otherwise each line is a paragraph, trimmed
// (the seed's layout). A first pass over the lines decides which and
// counts the paragraphs.
type paraScanner struct {
	ls     lineScanner
	blocks bool
	// count is how many paragraphs there are (if newParaScanner was
	// asked to count them).
	count int
	// buf holds the last block joined from several lines; with stable,
	// every block joined so far, one after another.
	buf []byte
	// stable keeps each joined block where it was joined: the next one
	// goes after it in buf (whose array, if it grows, is left as it
	// was), so none needs copying to be kept, for as long as buf's owner
	// lets it be (a borrowed parse, see scratch).
	stable bool
}

// newParaScanner is a scanner of body's paragraphs; with count, it
// counts them (count), else the first pass ends as soon as it knows that
// paragraphs are blocks (a head parse makes no slice of them, and the
// first blank line between two lines of a wrapped body decides).
func newParaScanner(body string, count bool) paraScanner {
	lines, blocks := 0, 0
	blankInside, pendingBlank := false, false
	ls := lineScanner{s: body}
	for l, ok := ls.next(); ok; l, ok = ls.next() {
		if l == "" {
			pendingBlank = lines > 0
			continue
		}
		if pendingBlank || lines == 0 {
			blocks++
		}
		blankInside = blankInside || pendingBlank
		if blankInside && !count {
			break
		}
		pendingBlank = false
		lines++
	}
	p := paraScanner{ls: lineScanner{s: body}, blocks: blankInside, count: lines}
	if blankInside {
		p.count = blocks
	}
	return p
}

// next returns the next paragraph. A paragraph joined from several lines
// (joined is then true) is a view of a buffer the next call overwrites:
// one to keep must be copied. A paragraph of one line is a substring of
// the body, and with stable a joined one is as lasting (joined is then
// false).
func (p *paraScanner) next() (para string, joined, ok bool) {
	n, start := 0, 0
	if p.stable {
		start = len(p.buf)
	}
	for l, more := p.ls.next(); more; l, more = p.ls.next() {
		if l == "" {
			if n > 0 {
				break
			}
			continue
		}
		l = strings.TrimSpace(l)
		if !p.blocks {
			return l, false, true
		}
		switch n {
		case 0:
			para = l
		case 1:
			p.buf = append(append(append(p.buf[:start], para...), ' '), l...)
		default:
			p.buf = append(append(p.buf, ' '), l...)
		}
		n++
	}
	if n > 1 {
		return view(p.buf[start:]), !p.stable, true
	}
	return para, false, n == 1
}

// kept is s, a paragraph or a part of one from paraScanner.next, as a
// string to keep: a copy when it was joined (it is then in the scanner's
// buffer, which the next paragraph overwrites), else s itself.
func kept(s string, joined bool) string {
	if joined {
		return strings.Clone(s)
	}
	return s
}

// joinBlocks is the blocks of s between blank lines, each with its lines
// trimmed and joined with one space, whether or not s has a blank line:
// a JSON body string is read this way. Nil when there is none.
func joinBlocks(s string) []string {
	p := &paraScanner{ls: lineScanner{s: s}, blocks: true}
	var paras []string
	for para, joined, ok := p.next(); ok; para, joined, ok = p.next() {
		paras = append(paras, kept(para, joined))
	}
	return paras
}

// datelineHead is the part of the first paragraph p that a dateline
// must end within: its first maxDatelineRunes characters.
func datelineHead(p string) string {
	n := 0
	for i := range p {
		if n == maxDatelineRunes {
			return p[:i]
		}
		n++
	}
	return p
}

// parseDateline recognises a dateline at the start of the first paragraph
// and returns its parts (date and source kept as written) and the
// paragraph without it. Only the first maxDatelineRunes characters are
// looked at: the dateline must end within them.
func parseDateline(p string) (place, date, source, rest string, ok bool) {
	head := datelineHead(p)
	m, ok := matchDateline(head)
	if !ok {
		return "", "", "", "", false
	}
	place = head[m[2]:m[3]]
	if m[4] >= 0 {
		date = head[m[4]:m[5]]
	}
	if m[6] >= 0 {
		source = head[m[6]:m[7]]
	}
	return place, date, source, strings.TrimSpace(p[m[1]:]), true
}
