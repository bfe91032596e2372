package article

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FormatWire is plain wire text, the layout of the bundled seed.
const FormatWire Format = "wire"

// wireFormat reads .txt files, and any file named explicitly whose
// extension no other format claims.
var wireFormat = formatSpec{Name: FormatWire, Title: "wire text", Exts: []string{".txt"}, Parse: one(parseWire)}

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

// datelineRE matches a wire dateline at the start of the first paragraph:
// PLACE[, REGION][, DATE][ (SOURCE)] DASH, see issue 2. Group 1 is the place
// with its region, 2 the date, 3 the source.
var datelineRE = regexp.MustCompile(func() string {
	const (
		// An all-capital word of two or more letters, which may be joined
		// by one '.', '-' or apostrophe and may end in a period:
		// NEW, D.C., EL-SHEIKH, ST., O'HARE.
		upperWord = `\p{Lu}(?:[.\-'’]?\p{Lu})+\.?`
		// A capitalised word, which may hold periods: Taiwan, Kan., D.C.
		capWord = `\p{Lu}[\p{L}.\-'’]*`
		month   = `(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)`
		day     = `\d{1,2}`
		year    = `\d{4}`
		space   = `[\p{Zs}\t]`
	)
	place := upperWord + `(?: ` + upperWord + `)*` + `(?:, ` + capWord + `(?: ` + capWord + `){0,2})?`
	date := `(?:` + month + ` ` + day + `(?:, ` + year + `)?` + `|` + day + ` ` + month + `(?:,? ` + year + `)?)`
	source := `\(([^()]{1,40})\)`
	dash := space + `+(?:—|–|--|-)` + space + `+`
	return `^(` + place + `)(?:, (` + date + `))?(?: ` + source + `)?` + dash
}())

// parseWire parses wire text (issue 2, "Wire text"): headline, optional
// byline, body paragraphs with an optional dateline, and an optional
// reactions section of entries and notes. Wire text has no errors of its
// own (Parse has already rejected empty and binary files); what is odd
// about an article becomes a warning on it.
func parseWire(text string) (Article, []Problem) {
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

	paras := wireParagraphs(rest)
	body := paras
	var section []string
	hasSection := false
	for k, p := range paras {
		if isSectionHeading(p) {
			body, section, hasSection = paras[:k], paras[k+1:], true
			a.ReactionsHeading = sectionTitle(p)
			break
		}
	}
	if len(body) > 0 {
		if place, date, source, rest, ok := parseDateline(body[0]); ok {
			a.Place, a.Date, a.Source = place, date, source
			if rest == "" {
				body = body[1:]
			} else {
				body[0] = rest
			}
		}
	}
	a.Paragraphs = body
	for _, p := range section {
		if r, ok := parseReactionEntry(p); ok {
			a.Reactions = append(a.Reactions, r)
		} else {
			a.Notes = append(a.Notes, Note{Text: p, After: len(a.Reactions)})
		}
	}

	if len(a.Paragraphs) == 0 {
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
	return strings.TrimRightFunc(rest[:i], unicode.IsSpace), true
}

// rest returns the text not yet scanned.
func (l *lineScanner) rest() string { return l.s[min(l.pos, len(l.s)):] }

// isByline reports whether the line after the headline is a byline.
func isByline(l string) bool {
	return (strings.HasPrefix(l, "By ") || strings.HasPrefix(l, "BY ")) &&
		utf8.RuneCountInString(l) <= maxBylineRunes
}

// wireParagraphs splits the body into paragraphs. Leading and trailing
// blank lines are dropped. If a blank line remains, paragraphs are the
// blocks between blank lines, their lines joined with one space
// (hard-wrapped text); otherwise each line is a paragraph (the seed's
// layout). A first pass counts the paragraphs so that the slice is
// allocated once.
func wireParagraphs(body string) []string {
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
		pendingBlank = false
		lines++
	}
	if lines == 0 {
		return nil
	}
	if !blankInside {
		paras := make([]string, 0, lines)
		ls = lineScanner{s: body}
		for l, ok := ls.next(); ok; l, ok = ls.next() {
			if l != "" {
				paras = append(paras, strings.TrimSpace(l))
			}
		}
		return paras
	}
	return joinBlocks(body, make([]string, 0, blocks))
}

// joinBlocks appends to paras the blocks of s between blank lines, each
// with its lines trimmed and joined with one space (hard-wrapped text).
// Wire bodies with blank lines and JSON body strings are read this way.
func joinBlocks(s string, paras []string) []string {
	var block strings.Builder
	first := "" // a one-line block is kept as a substring, not copied
	n := 0
	flush := func() {
		switch {
		case n == 1:
			paras = append(paras, first)
		case n > 1:
			paras = append(paras, block.String())
		}
		block = strings.Builder{}
		n = 0
	}
	ls := lineScanner{s: s}
	for l, ok := ls.next(); ok; l, ok = ls.next() {
		if l == "" {
			flush()
			continue
		}
		l = strings.TrimSpace(l)
		switch n {
		case 0:
			first = l
		case 1:
			block.WriteString(first)
			fallthrough
		default:
			block.WriteByte(' ')
			block.WriteString(l)
		}
		n++
	}
	flush()
	return paras
}

// parseDateline recognises a dateline at the start of the first paragraph
// and returns its parts (date and source kept as written) and the
// paragraph without it. Only the first maxDatelineRunes characters are
// looked at: the dateline must end within them.
func parseDateline(p string) (place, date, source, rest string, ok bool) {
	head := p
	n := 0
	for i := range p {
		if n == maxDatelineRunes {
			head = p[:i]
			break
		}
		n++
	}
	m := datelineRE.FindStringSubmatchIndex(head)
	if m == nil {
		return "", "", "", "", false
	}
	group := func(k int) string {
		if m[2*k] < 0 {
			return ""
		}
		return head[m[2*k]:m[2*k+1]]
	}
	return group(1), group(2), group(3), strings.TrimSpace(p[m[1]:]), true
}
