package render

import (
	"fmt"
	"iter"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// Glamour's cost grows much faster than its input in a few shapes of
// Markdown (measured on 2 cores, go test ./ui/render -bench Hostile):
// nested quotes and lists (each level re-wraps everything inside it: 32
// levels of 4 KB took 1.2 s, 64 levels 22 s and 2.8 GB), many small
// blocks (every line is padded to the width with a styled space per cell:
// 100,000 one-letter paragraphs, 300 KB, took 25 s and 1.2 GB), long
// code blocks (quadratic string building: 10,000 lines, 70 KB, allocated
// 918 MB) and long words (one 2 MB link: 27 s, 955 MB). The limits below
// keep every rendering far from that: an article over one is shown as
// plain text, with a note saying which.
const (
	// MaxBytes is the most Markdown rendered with Glamour.
	MaxBytes = 256 << 10
	// MaxLines is the most source lines parsed (the parser's own cost is
	// per line: a million one-line paragraphs took it 2.5 s and 1.1 GB).
	MaxLines = 8000
	// MaxToken is the longest run of text without a space (a word, a
	// link) in bytes.
	MaxToken = 16 << 10
	// MaxBlocks is the most blocks: paragraphs, headings, list items,
	// quotes, code lines and table cells.
	MaxBlocks = 2000
	// MaxNesting is the most quotes and lists inside each other.
	MaxNesting = 8
	// MaxDepth is the most Markdown elements inside each other, inline
	// ones (emphasis, links) included.
	MaxDepth = 32
	// Timeout is the most time a rendering may take once it runs (waiting
	// for the shared budget is not counted).
	Timeout = 2 * time.Second
	// MaxPlainBytes and MaxPlainLines bound the text shown of an article
	// rendered as plain text; the rest is left out, with a note.
	MaxPlainBytes = 1 << 20
	MaxPlainLines = 20000
)

// overLimit is why a rendering is shown as plain text.
type overLimit struct{ why string }

func (e *overLimit) Error() string { return e.why }

func tooLarge() *overLimit {
	return &overLimit{fmt.Sprintf("it is longer than %d KiB", MaxBytes>>10)}
}

func tooManyBlocks() *overLimit {
	return &overLimit{fmt.Sprintf("it has more than %d paragraphs, list items, code lines and table cells", MaxBlocks)}
}

// timeout is Timeout, a variable so that a test can run out of time at
// once.
var timeout = Timeout

func tooSlow() *overLimit {
	return &overLimit{fmt.Sprintf("it took longer than %v to render", timeout)}
}

// checkSource checks Markdown before it is parsed: its size, its number
// of lines and its longest word.
func checkSource(md string) *overLimit {
	if len(md) > MaxBytes {
		return tooLarge()
	}
	if n := strings.Count(md, "\n"); n > MaxLines {
		return &overLimit{fmt.Sprintf("it has more than %d lines", MaxLines)}
	}
	run := 0
	for i := 0; i < len(md); i++ {
		if c := md[i]; c == ' ' || c == '\n' || c == '\t' {
			run = 0
		} else if run++; run > MaxToken {
			return &overLimit{fmt.Sprintf("it has a word or link longer than %d KiB", MaxToken>>10)}
		}
	}
	return nil
}

// checkTree checks the parsed Markdown: nesting, depth and blocks. It
// stops at the first limit, so it never walks deeper than MaxDepth.
func checkTree(doc ast.Node) *overLimit {
	blocks := 0
	var walk func(n ast.Node, depth, nesting int) *overLimit
	walk = func(n ast.Node, depth, nesting int) *overLimit {
		if depth > MaxDepth {
			return &overLimit{fmt.Sprintf("it nests Markdown elements more than %d deep", MaxDepth)}
		}
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindList:
			if nesting++; nesting > MaxNesting {
				return &overLimit{fmt.Sprintf("it nests quotes and lists more than %d deep", MaxNesting)}
			}
		}
		switch n.Kind() {
		case ast.KindDocument, ast.KindList, ast.KindBlockquote, ast.KindTextBlock, extast.KindTable, extast.KindTableHeader, extast.KindTableRow:
			// Containers: their contents count.
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			blocks += max(n.Lines().Len(), 1)
		default:
			if n.Type() == ast.TypeBlock {
				blocks++
			}
		}
		if blocks > MaxBlocks {
			return tooManyBlocks()
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if over := walk(c, depth+1, nesting); over != nil {
				return over
			}
		}
		return nil
	}
	return walk(doc, 0, 0)
}

// plain is blocks as plain text for a pane width cells wide, with a note
// first saying why (the reason a rendering was not made), in the layout
// of Glamour's output: a margin of two, paragraphs wrapped (long words
// broken) and separated by blank lines, quotes behind a bar. It stops
// after MaxPlainBytes or MaxPlainLines, with a note.
func plain(blocks iter.Seq[block], width int, st Style, why string) string {
	if width <= 0 {
		return ""
	}
	const margin = "  "
	w := max(width-2*len(margin), 1)
	var b strings.Builder
	lines := 0
	// add writes s wrapped behind prefix and reports whether there is
	// room for more.
	add := func(prefix, s string) bool {
		pw := max(w-ansi.StringWidth(prefix), 1)
		for _, line := range strings.Split(s, "\n") {
			// Hardwrap breaks what Wrap leaves too wide (it does not
			// break "- - -" at all).
			for _, l := range strings.Split(ansi.Hardwrap(ansi.Wrap(line, pw, ""), pw, true), "\n") {
				if b.Len() >= MaxPlainBytes || lines >= MaxPlainLines {
					return false
				}
				b.WriteString(margin + prefix + l + "\n")
				lines++
			}
		}
		return true
	}
	add("", "Shown as plain text: "+why+".")
	for blk := range blocks {
		prefix := ""
		if blk.quote {
			prefix = "│ "
		}
		// Only what can still be shown is wrapped: a huge block is cut
		// first.
		t := cutAtRune(blk.text, MaxPlainBytes-b.Len())
		if !add("", "") || !add(prefix, t) || len(t) < len(blk.text) {
			b.WriteString(fmt.Sprintf("\n%s… The rest is not shown: plain text stops after %d MiB or %d lines.\n",
				margin, MaxPlainBytes>>20, MaxPlainLines))
			break
		}
	}
	return finish(b.String(), width, st.NoColor())
}

// cutAtRune is s cut to at most n bytes, at a character boundary.
func cutAtRune(s string, n int) string {
	if n >= len(s) {
		return s
	}
	n = max(n, 0)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
