package render

import (
	"html"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/newsdesk/newsdesk/article"
)

// Two layers keep article text from reaching the terminal as anything
// but text. The article's fields are sanitised when loaded, but Markdown
// can make bytes the file never held literally: a character reference
// (&#x1b;) decodes to any code point, in text, link targets and titles,
// and Glamour decodes references again where CommonMark does not (code
// spans, raw HTML). So the AST is rewritten before Glamour sees it
// (literalText), and what Glamour writes is parsed and filtered
// (sanitizeOutput) whatever the input was.

// tabStop is how many spaces a tab in rendered text becomes.
const tabStop = 4

// maxLinkLen is the longest URL newsdesk makes a hyperlink of.
const maxLinkLen = 2048

// sanitizeOutput keeps of rendered text only what newsdesk means to
// draw: printable text, newlines (tabs become spaces), SGR styling, and
// OSC 8 hyperlinks to a URL that safeLink accepts, which it writes anew.
// Every other escape sequence (CSI other than SGR, OSC, DCS, APC, PM,
// SOS, in 7- and 8-bit form), every control character and the bidi
// controls are dropped, as are invalid UTF-8 bytes.
func sanitizeOutput(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	p := ansi.GetParser()
	defer ansi.PutParser(p)
	var state byte
	for len(s) > 0 {
		seq, width, n, newState := ansi.DecodeSequence(s, state, p)
		if n <= 0 { // the decoder always moves on; never loop on a bug
			n, seq = 1, s[:1]
		}
		switch {
		case width > 0 || seq[0] >= 0xc0:
			// A grapheme (a zero-width one too: a combining mark, or a C1
			// or bidi control, which is filtered here).
			writeText(&b, seq)
		case seq == "\n":
			b.WriteByte('\n')
		case seq == "\t":
			b.WriteString(strings.Repeat(" ", tabStop))
		case isSGR(seq):
			b.WriteString(seq)
		case strings.HasPrefix(seq, "\x1b]8;"):
			b.WriteString(hyperlink(p.Data()))
		}
		state = newState
		s = s[n:]
	}
	return b.String()
}

// writeText writes the runes of grapheme g that are text: no control, no
// bidi control, no invalid UTF-8 (a U+FFFD written as such stays: it is
// what the loader and literalText put where a control was).
func writeText(b *strings.Builder, g string) {
	for len(g) > 0 {
		r, size := utf8.DecodeRuneInString(g)
		if !(r == utf8.RuneError && size == 1) && !article.IsControl(r) {
			b.WriteString(g[:size])
		}
		g = g[size:]
	}
}

// isSGR reports whether seq is a 7-bit SGR sequence, ESC [ params m, with
// nothing in it but digits and separators.
func isSGR(seq string) bool {
	if len(seq) < 3 || !strings.HasPrefix(seq, "\x1b[") || seq[len(seq)-1] != 'm' {
		return false
	}
	for i := 2; i < len(seq)-1; i++ {
		if c := seq[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// hyperlink is the OSC 8 sequence newsdesk writes for the OSC 8 data
// "8;params;url" it read: the same link without its parameters when the
// URL is safe, the end of a link when the URL is empty (or unsafe, so the
// text shows without a link).
func hyperlink(data []byte) string {
	parts := strings.SplitN(string(data), ";", 3)
	if len(parts) != 3 || !safeLink(parts[2]) {
		return ansi.ResetHyperlink()
	}
	return ansi.SetHyperlink(parts[2])
}

// SafeLink reports whether u may be shown as a link, copied or opened: the
// rule of the hyperlinks newsdesk writes (see safeLink).
func SafeLink(u string) bool { return safeLink(u) }

// safeLink reports whether u may be a hyperlink's target: an absolute
// http, https or mailto URL of at most maxLinkLen bytes of printable
// ASCII (no space, no control: nothing a terminal could read as the end
// of the sequence).
func safeLink(u string) bool {
	if u == "" || len(u) > maxLinkLen {
		return false
	}
	for i := 0; i < len(u); i++ {
		if u[i] <= ' ' || u[i] >= 0x7f {
			return false
		}
	}
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(pu.Scheme) {
	case "http", "https":
		return pu.Host != ""
	case "mailto":
		return pu.Opaque != ""
	}
	return false
}

// literalText rewrites doc, parsed from src, so that Glamour shows what
// CommonMark means and nothing else, and returns the source the rewritten
// nodes point into (src with their new text appended).
//
// Glamour does not show text nodes as CommonMark reads them. It decodes
// their source with html.UnescapeString, so a reference without its
// final ";" is decoded and a code span's references are too; then every
// text element goes through its own backslash unescaper, which knows only
// 18 of the 32 ASCII punctuation characters ("\&" stays "\&": that is
// why every & of wire and JSON text showed its backslash) and runs once
// more for each link or table cell a piece of text is wrapped in. So each
// text node is given its text as CommonMark reads it (escapes and
// references resolved), encoded so that Glamour's decoding gives it back
// unchanged: & as &amp;, and each backslash doubled once per unescaping
// pass. A reference that decodes to a control character or NUL becomes
// U+FFFD, as the loader turns controls away. Link and image targets and
// titles (which the parser has already decoded) lose their control
// characters the same way.
func literalText(doc ast.Node, src []byte) []byte {
	out := src[:len(src):len(src)] // appending copies: src stays as parsed
	set := func(seg *text.Segment, s []byte) {
		start := len(out)
		out = append(out, s...)
		*seg = text.NewSegment(start, len(out))
	}
	// walk rewrites n's descendants. amp is whether Glamour decodes their
	// text as HTML (not an image's alt text); extra is how many times more
	// than once its backslash unescaper runs over them.
	var walk func(n ast.Node, amp bool, extra int)
	walk = func(n ast.Node, amp bool, extra int) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			// A link or table cell draws a link, image or code span inside
			// it, then unescapes that again.
			inner := extra
			switch n.Kind() {
			case ast.KindLink, extast.KindTableCell:
				inner++
			}
			switch c := c.(type) {
			case *ast.Text:
				if v := c.Segment.Value(src); needsResolve(v) {
					set(&c.Segment, encode(resolveText(v), amp, 1+extra))
				}
			case *ast.CodeSpan:
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if t, ok := t.(*ast.Text); ok {
						if v := t.Segment.Value(src); needsResolve(v) {
							set(&t.Segment, encode(string(v), true, inner))
						}
					}
				}
			case *ast.Link:
				c.Destination, c.Title = noControls(c.Destination), noControls(c.Title)
				walk(c, amp, inner)
			case *ast.Image:
				c.Destination, c.Title = noControls(c.Destination), noControls(c.Title)
				walk(c, false, inner)
			default:
				walk(c, amp, extra)
			}
		}
	}
	walk(doc, true, 0)
	return out
}

// needsResolve reports whether text source v holds an escape or a
// reference, or a character to encode.
func needsResolve(v []byte) bool {
	for _, c := range v {
		if c == '\\' || c == '&' {
			return true
		}
	}
	return false
}

// encode is literal text s as Glamour must be given it to show s: with
// amp every & as &amp; (Glamour decodes HTML references), and every
// backslash doubled once for each of the passes of Glamour's backslash
// unescaper.
func encode(s string, amp bool, passes int) []byte {
	backslash := strings.Repeat("\\", 1<<min(passes, 8))
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '&' && amp:
			out = append(out, "&amp;"...)
		case c == '\\':
			out = append(out, backslash...)
		default:
			out = append(out, c)
		}
	}
	return out
}

// resolveText is text source v as CommonMark reads it: a backslash before
// ASCII punctuation escapes it, and a character reference ending in `;`
// (&amp; &#38; &#x26;) is the character it names (U+FFFD for one that
// names NUL, a surrogate, a code point past U+10FFFF or a control).
func resolveText(v []byte) string {
	var b strings.Builder
	b.Grow(len(v))
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && i+1 < len(v) && isASCIIPunct(v[i+1]):
			b.WriteByte(v[i+1])
			i++
		case c == '&':
			if s, n := reference(v[i:]); n > 0 {
				b.WriteString(s)
				i += n - 1
				continue
			}
			b.WriteByte('&')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// reference decodes the character reference at the start of v ("&...;")
// and returns its text and length, or 0 when v does not start with one.
// The forms are CommonMark's: &#DIGITS; (1–7 digits), &#xHEX; (1–6 hex
// digits, x or X) and &NAME; for the HTML5 entity names.
func reference(v []byte) (string, int) {
	end := -1
	for i := 1; i < len(v) && i <= 33; i++ {
		if v[i] == ';' {
			end = i
			break
		}
	}
	if end < 2 {
		return "", 0
	}
	body := string(v[1:end])
	if body[0] == '#' {
		digits, base, maxDigits := body[1:], 10, 7
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			digits, base, maxDigits = digits[1:], 16, 6
		}
		if len(digits) == 0 || len(digits) > maxDigits {
			return "", 0
		}
		var cp rune
		for _, d := range digits {
			x := digitValue(d, base)
			if x < 0 {
				return "", 0
			}
			cp = cp*rune(base) + rune(x)
		}
		return string(safeRune(cp)), end + 1
	}
	for _, r := range body {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", 0
		}
	}
	ref := string(v[:end+1])
	s := html.UnescapeString(ref)
	if s == ref {
		return "", 0 // not an entity name
	}
	return strings.Map(func(r rune) rune { return safeRune(r) }, s), end + 1
}

// safeRune is r, or U+FFFD when r is NUL, not a valid code point or a
// character the sanitiser removes.
func safeRune(r rune) rune {
	if r == 0 || !utf8.ValidRune(r) || article.IsControl(r) {
		return utf8.RuneError
	}
	return r
}

func digitValue(d rune, base int) int {
	switch {
	case d >= '0' && d <= '9':
		return int(d - '0')
	case base == 16 && d >= 'a' && d <= 'f':
		return int(d-'a') + 10
	case base == 16 && d >= 'A' && d <= 'F':
		return int(d-'A') + 10
	}
	return -1
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// noControls is b with every control character (and each run of invalid
// UTF-8) replaced by U+FFFD.
func noControls(b []byte) []byte {
	s := string(b)
	if utf8.ValidString(s) && !strings.ContainsFunc(s, article.IsControl) {
		return b
	}
	return []byte(strings.Map(func(r rune) rune {
		if article.IsControl(r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD")))
}
