package article

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// FormatMarkdown is Markdown with optional YAML front matter.
const FormatMarkdown Format = "markdown"

var markdownFormat = formatSpec{Name: FormatMarkdown, Title: "Markdown", Exts: []string{".md", ".markdown"}, Parse: one(parseMarkdown)}

// maxFrontMatter bounds the YAML front matter. The YAML parser builds a
// node tree costing up to a hundred times the size of its input (a flow
// list of one-letter tags), so an unbounded front matter would let one
// 16 MiB file take gigabytes. Real front matter is a few hundred bytes;
// 64 KiB holds hundreds of reactions.
const maxFrontMatter = 64 << 10

// maxFrontMatterExpanded bounds the text a front matter stands for once
// its aliases are followed. An alias (*a) costs its writer three bytes
// and the reader the whole anchored value each time it is used: one 40 KB
// anchor aliased 5,000 times in 59 KB of front matter made `show
// --markdown` write 195 MB at 590 MiB resident. 1 MiB is far above any
// honest use of aliases (a shared role or location).
const maxFrontMatterExpanded = 1 << 20

// errNoMarkdownHeadline is the error for a Markdown file with nothing to
// show in the list: no title and no level-1 heading before the reactions.
const errNoMarkdownHeadline = `article has no headline: no "title" in the front matter and no "# " heading`

// parseMarkdown parses Markdown with optional YAML front matter (issue 2,
// "Markdown"; the README's "Markdown" section lists the rules and the
// choices made where the issue is silent). Problems are errors with the
// file line of the front matter field or YAML syntax error; what is odd
// about an article that still loads becomes a warning on it.
func parseMarkdown(text string) (Article, []Problem) {
	var a Article
	fmText, fmLine, body, bodyLine, prob := splitFrontMatter(text)
	if prob != nil {
		return a, []Problem{*prob}
	}
	if fmLine > 0 {
		var probs []Problem
		a, probs = parseFrontMatter(fmText, fmLine)
		if len(probs) > 0 {
			return Article{}, probs
		}
	}
	useTitle := !isBlank(a.Headline)

	// Pass 1 finds the reactions heading and, without a title, the
	// headline heading, and counts the body blocks so that the paragraph
	// slice is allocated once. Blocks are scanned twice rather than kept:
	// a slice of block records would cost more than the text itself for
	// a file of short paragraphs.
	headline, section, nBody := -1, -1, 0
	blocks := newMDBlocks(body, bodyLine)
	for i := 0; ; i++ {
		b := blocks.next()
		if b == nil {
			break
		}
		switch {
		case section >= 0:
		case b.startsSection():
			section = i
			a.ReactionsHeading = sectionTitle(b.sectionText())
		case !useTitle && headline < 0 && b.kind == blockHeading && b.level == 1 && !isBlank(b.heading):
			headline = i
			a.Headline = b.heading
		default:
			nBody++
		}
	}
	if headline < 0 && !useTitle {
		return Article{}, []Problem{{Severity: SeverityError, Message: errNoMarkdownHeadline}}
	}

	if nBody > 0 {
		a.Paragraphs = make([]string, 0, nBody)
	}
	blocks = newMDBlocks(body, bodyLine)
	for i := 0; ; i++ {
		b := blocks.next()
		if b == nil {
			break
		}
		switch {
		case i == headline || i == section:
		case section < 0 || i < section:
			a.Paragraphs = append(a.Paragraphs, b.source())
		default:
			if r, ok := sectionEntry(b, blocks); ok {
				a.Reactions = append(a.Reactions, r)
			} else {
				a.Notes = append(a.Notes, Note{Text: b.source(), After: len(a.Reactions)})
			}
		}
	}

	if len(a.Paragraphs) == 0 {
		a.Warnings = append(a.Warnings, warnNoBody)
	}
	// Front-matter reactions count: a section holding only a remark
	// beside them is no mistake worth a warning.
	if section >= 0 && len(a.Reactions) == 0 {
		if len(a.Notes) > 0 {
			a.Warnings = append(a.Warnings, warnNoEntries)
		} else {
			a.Warnings = append(a.Warnings, warnEmptyReactions)
		}
	}
	return a, nil
}

// stripBy removes a leading "By " (any case) from a byline field.
func stripBy(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if len(s) >= 3 && strings.EqualFold(s[:3], "by ") {
		return s[3:]
	}
	return s
}

// isBlank reports whether s shows nothing once sanitised (white space,
// control sequences). Plain printable ASCII is decided without running the
// sanitiser.
func isBlank(s string) bool {
	printable := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f {
			return Sanitize(s) == ""
		}
		printable = printable || c != ' '
	}
	return !printable
}

// splitFrontMatter finds the YAML front matter: the lines between a first
// non-blank line "---" and the next line "---". It returns the YAML text,
// the file line of the opening "---" (0 when there is no front matter),
// the body after it and the file line the body starts on. An opening line
// without a closing one, or a front matter over maxFrontMatter, is an
// error at the opening line.
func splitFrontMatter(text string) (fm string, fmLine int, body string, bodyLine int, prob *Problem) {
	ls := lineScanner{s: text}
	line := 0
	for {
		start := ls.pos
		l, ok := ls.next()
		if !ok {
			return "", 0, text, 1, nil
		}
		line++
		if l == "" {
			continue
		}
		if l != "---" {
			return "", 0, text[start:], line, nil
		}
		break
	}
	fmLine = line
	fmStart := ls.pos
	for {
		end := ls.pos
		l, ok := ls.next()
		if !ok {
			return "", 0, "", 0, &Problem{Line: fmLine, Severity: SeverityError,
				Message: `front matter has no closing "---" line`}
		}
		line++
		if l != "---" {
			continue
		}
		fm = text[fmStart:end]
		if len(fm) > maxFrontMatter {
			return "", 0, "", 0, &Problem{Line: fmLine, Severity: SeverityError,
				Message: fmt.Sprintf("front matter too large (%d KiB, limit %d KiB)", (len(fm)+1023)>>10, maxFrontMatter>>10)}
		}
		return fm, fmLine, ls.rest(), line + 1, nil
	}
}

// frontMatterSchema maps the front matter's keys to an article's fields.
var frontMatterSchema = schema{
	"title": toHeadline, "byline": toByline, "author": toAuthor, "place": toPlace, "date": toDate,
	"source": toSource, "tags": toTags, "reactions": toReactions,
}

// frontMatterVocabulary is the words of the front matter's messages.
var frontMatterVocabulary = vocabulary{prefix: "front matter: ", list: "list",
	reactions: "list of reactions (name, role, location, quote)", reaction: "mapping (name, role, location, quote)",
	warn: "front matter "}

// parseFrontMatter decodes the YAML between the "---" lines; fmLine is the
// file line of the opening "---", so YAML line k is file line fmLine+k.
// The YAML is decoded into a node tree rather than Go types so that every
// scalar is kept exactly as written (a date 2024-02-01 stays that string,
// never a time.Time) and each wrong-typed field is reported with its line.
// Unknown fields are ignored: front matter is shared with static site
// generators and editors that add their own.
func parseFrontMatter(src string, fmLine int) (Article, []Problem) {
	root, err := decodeYAML(src)
	if err != nil {
		line, msg := yamlErrorLine(err)
		// An error at the end of the text sits on the closing "---".
		closing := fmLine + strings.Count(src, "\n") + 1
		return Article{}, []Problem{{Line: min(fmLine+line, closing), Severity: SeverityError,
			Message: "front matter: invalid YAML: " + msg}}
	}
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return Article{}, nil
		}
		root = root.Content[0]
	}
	if at := expandsPast(root, maxFrontMatterExpanded); at != nil {
		return Article{}, []Problem{{Line: fmLine + at.Line, Col: at.Column, Severity: SeverityError,
			Message: fmt.Sprintf("front matter: aliases expand it past %d MiB (the limit)", maxFrontMatterExpanded>>20)}}
	}
	root = resolveAlias(root)
	if root.Kind == 0 || isYAMLNull(root) {
		return Article{}, nil // empty, or only comments
	}
	fe := &fmErrors{fmLine: fmLine}
	if root.Kind != yaml.MappingNode {
		fe.add(root, "front matter: want mapping of fields (title: ...), got %s", yamlKind(root))
		return Article{}, fe.probs
	}
	a, _ := readFields(yamlTree{fe}, root, frontMatterSchema, frontMatterVocabulary)
	return a, fe.probs
}

// decodeYAML parses src into a node tree. The parser is a port of libyaml
// with a history of panics on malformed input; any that remains is turned
// into an error here, since Parse must never panic.
func decodeYAML(src string) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("yaml: the YAML parser failed: %v", r)
		}
	}()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// yamlLineRE matches a yaml.v3 syntax error: "yaml: line N: MESSAGE".
var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlErrorLine returns the YAML line (1-based) and the message of a
// yaml.v3 error. yaml.v3 v3.0.1 numbers a scanner error's line from 1 but
// a parser error's ("did not find expected ...", "found undefined tag
// handle", "found duplicate ...", "found incompatible ...") from 0, and
// gives no line when the position is on the first line; this undoes both.
// An error with no line at all (an unknown alias) is put on line 1.
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	m := yamlLineRE.FindStringSubmatchIndex(msg)
	if m == nil {
		return 1, strings.TrimPrefix(msg, "yaml: ")
	}
	line, convErr := strconv.Atoi(msg[m[2]:m[3]])
	msg = msg[m[1]:]
	if convErr != nil {
		return 1, msg
	}
	for _, p := range []string{"did not find expected", "found undefined tag handle", "found duplicate", "found incompatible"} {
		if strings.HasPrefix(msg, p) {
			line++
			break
		}
	}
	return max(line, 1), msg
}

// resolveAlias follows a YAML alias (*name) to the node it names. Aliases
// are not expanded recursively, so an anchored node containing itself
// cannot make the walk loop.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 8; i++ {
		n = n.Alias
	}
	return n
}

// expandsPast walks the node tree as a reader of every value would, an
// alias counting as the whole value it names, and returns the node at
// which the text read passes limit bytes (a scalar's bytes, plus one per
// node so that a tree of empty values counts too), or nil if it never
// does. yaml.v3 checks the ratio of aliases to nodes only when it decodes
// into Go values, never for a node tree, so the count is done here.
//
// Each anchored value's size is computed once and remembered, so the walk
// is linear in the size of the tree however the aliases nest (a billion
// laughs of nested anchors costs one visit per node). An alias inside the
// value it names counts nothing more: the parser never expands it.
func expandsPast(root *yaml.Node, limit int64) *yaml.Node {
	sizes := make(map[*yaml.Node]int64)
	// size is n's expanded size, or any value over limit once it passes.
	var size func(n *yaml.Node) int64
	size = func(n *yaml.Node) int64 {
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return 1
			}
			n = n.Alias
		}
		if s, ok := sizes[n]; ok {
			return s
		}
		sizes[n] = 1 // in progress: what refers back to it adds one node
		s := int64(1 + len(n.Value))
		for _, c := range n.Content {
			if s += size(c); s > limit {
				break
			}
		}
		sizes[n] = s
		return s
	}
	var total int64
	var at *yaml.Node
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		if n.Kind == yaml.AliasNode {
			total += size(n)
		} else {
			total += int64(1 + len(n.Value))
		}
		if total > limit {
			at = n
			return false
		}
		if n.Kind != yaml.AliasNode {
			for _, c := range n.Content {
				if !walk(c) {
					return false
				}
			}
		}
		return true
	}
	walk(root)
	return at
}

// isYAMLNull reports whether n is a null scalar (`~`, `null`, or nothing
// after the colon): the field is absent.
func isYAMLNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// yamlKind names a node's type for an error message.
func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "null"
		case "!!int", "!!float":
			return "number"
		case "!!bool":
			return "boolean"
		case "!!timestamp":
			return "date"
		}
		return "string"
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.AliasNode:
		return "alias"
	}
	return "document"
}

// fmErrors collects front matter type errors with their file lines.
type fmErrors struct {
	fmLine int
	probs  []Problem
}

// add records an error at node n's line and column.
func (e *fmErrors) add(n *yaml.Node, format string, args ...any) {
	e.probs = append(e.probs, Problem{Line: e.fmLine + n.Line, Col: n.Column, Severity: SeverityError,
		Message: fmt.Sprintf(format, args...)})
}

// yamlTree reads a front matter's node tree for readFields, following
// aliases. Keys that are not scalars are skipped: no field is named by one.
type yamlTree struct{ e *fmErrors }

func (yamlTree) kind(n *yaml.Node) valueKind {
	switch n.Kind {
	case yaml.ScalarNode:
		if isYAMLNull(n) {
			return valueNull
		}
		return valueText // any scalar is text: a title 1984, a date 2024-02-01
	case yaml.SequenceNode:
		return valueList
	case yaml.MappingNode:
		return valueMap
	}
	return valueOther
}

func (yamlTree) text(n *yaml.Node) string     { return n.Value }
func (yamlTree) typeName(n *yaml.Node) string { return yamlKind(n) }

func (yamlTree) first(*yaml.Node) int { return 0 }

// item follows an alias item to the value it names; a cursor is an index
// into the node's Content.
func (yamlTree) item(n *yaml.Node, c int) (*yaml.Node, int, bool) {
	if c >= len(n.Content) {
		return nil, c, false
	}
	return resolveAlias(n.Content[c]), c + 1, true
}

func (yamlTree) member(n *yaml.Node, c int) (string, *yaml.Node, *yaml.Node, int, bool) {
	for ; c+1 < len(n.Content); c += 2 {
		if k := n.Content[c]; k.Kind == yaml.ScalarNode {
			return k.Value, k, resolveAlias(n.Content[c+1]), c + 2, true
		}
	}
	return "", nil, nil, c, false
}

func (t yamlTree) fail(at *yaml.Node, msg string) { t.e.add(at, "%s", msg) }

// twice makes a field given twice an error: which of two titles an
// editor shows is anyone's guess.
func (t yamlTree) twice(key string, first, k *yaml.Node) bool {
	t.e.add(k, "front matter: field %q given twice (lines %d and %d)", key, t.e.fmLine+first.Line, t.e.fmLine+k.Line)
	return true
}

// blockKind is what a top-level Markdown block is, as far as the parser
// needs to know.
type blockKind uint8

const (
	// blockPara is a paragraph, and any block without a rule of its own
	// here (HTML, a table, a thematic break).
	blockPara blockKind = iota
	blockHeading
	blockQuote
	blockList
	blockCode  // indented code
	blockFence // fenced code, ``` or ~~~
)

// mdBlock is one top-level Markdown block: a substring of the text. The
// iterators fill blocks in place: a text of millions of short paragraphs
// must not pay for copying a block record several times per paragraph.
type mdBlock struct {
	text       string // the whole text the offsets refer to
	start, end int    // its bytes in text, first line to last line
	first      int    // file line of its first line
	last       int    // file line of its last line
	gap        int    // blank lines before it
	indent     int    // the first line's indentation, in columns
	// contentIndent is, for a list, the column its first item's text
	// starts at; fenceLen is, for fenced code, the fence's length.
	contentIndent int
	fenceLen      int
	heading       string // heading text, without the # marks or underline
	kind          blockKind
	level         uint8 // heading level, 1–6
	// marker is a list's first marker (- * + or the ordered delimiter .
	// or )), or a fence's character.
	marker  byte
	ordered bool
	// dirty says a line of the block (or a blank line inside it) has
	// trailing white space, so its source must be rebuilt right-trimmed;
	// gapDirty says so of a blank line before it.
	dirty, gapDirty bool
}

// source is the block's Markdown source with each line right-trimmed.
func (b *mdBlock) source() string {
	src := b.text[b.start:b.end]
	if !b.dirty {
		return src
	}
	var sb strings.Builder
	sb.Grow(len(src))
	for i := 0; ; i++ {
		line, rest, more := strings.Cut(src, "\n")
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(strings.TrimRightFunc(line, unicode.IsSpace))
		if !more {
			break
		}
		src = rest
	}
	return sb.String()
}

// lines returns the block's right-trimmed lines.
func (b *mdBlock) lines() []string {
	return strings.Split(b.source(), "\n")
}

// startsSection reports whether the block names the reactions section: a
// heading of any level, or a paragraph that is only a bold section name
// (`**Reactions:**`), which writers use as a heading.
func (b *mdBlock) startsSection() bool {
	switch b.kind {
	case blockHeading:
		return isSectionHeading(b.heading)
	case blockPara:
		if b.first != b.last || b.text[b.start] != '*' && b.text[b.start] != ' ' {
			return false
		}
		s := strings.TrimSpace(b.source())
		return strings.HasPrefix(s, "**") && isSectionHeading(s)
	}
	return false
}

// sectionText is the text of a block that startsSection: a heading's
// text, or the bold paragraph.
func (b *mdBlock) sectionText() string {
	if b.kind == blockHeading {
		return b.heading
	}
	return b.source()
}

// rawBlocks splits text into blocks at blank lines, around ATX headings
// and fenced code (which may follow or be followed by text directly), and
// after a setext underline; blank lines inside a fence are part of it. It
// reads each line once.
type rawBlocks struct {
	text     string
	pos      int // start of the next line
	line     int // file line of the next line
	gap      int // blank lines since the last block
	gapDirty bool
}

// next fills b with the next block and reports whether there was one.
func (r *rawBlocks) next(b *mdBlock) bool {
	open := false
	for r.pos < len(r.text) {
		start := r.pos
		end := strings.IndexByte(r.text[start:], '\n')
		if end < 0 {
			end = len(r.text)
		} else {
			end += start
		}
		line := strings.TrimRightFunc(r.text[start:end], unicode.IsSpace)
		dirty := start+len(line) != end

		if open && b.kind == blockFence {
			r.extend(b, start, end, dirty)
			if closesFence(line, b.marker, b.fenceLen) {
				return true
			}
			continue
		}
		if line == "" {
			r.pos, r.line = end+1, r.line+1
			if open {
				r.gap, r.gapDirty = 1, dirty
				return true
			}
			r.gap++
			r.gapDirty = r.gapDirty || dirty
			continue
		}
		ind, body := indentation(line)
		if ind <= 3 {
			if level, text, ok := atxHeading(body); ok {
				if open {
					return true // the heading is the next block
				}
				r.begin(b, blockHeading, start, end, dirty, ind)
				b.level, b.heading = uint8(level), text
				return true
			}
			if c, n, ok := fenceOpen(body); ok {
				if open {
					return true
				}
				r.begin(b, blockFence, start, end, dirty, ind)
				b.marker, b.fenceLen = c, n
				open = true
				continue
			}
			if open && b.kind == blockPara {
				if level, ok := setextUnderline(body); ok {
					b.heading = joinLines(b.text[b.start:b.end])
					b.kind, b.level = blockHeading, uint8(level)
					r.extend(b, start, end, dirty)
					return true
				}
			}
		}
		if open {
			r.extend(b, start, end, dirty)
			continue
		}
		open = true
		switch {
		case ind >= 4:
			r.begin(b, blockCode, start, end, dirty, ind)
		case body[0] == '>':
			r.begin(b, blockQuote, start, end, dirty, ind)
		default:
			if marker, ordered, width, ok := listMarker(body); ok {
				r.begin(b, blockList, start, end, dirty, ind)
				b.marker, b.ordered, b.contentIndent = marker, ordered, ind+width
			} else {
				r.begin(b, blockPara, start, end, dirty, ind)
			}
		}
	}
	return open
}

// begin starts block b with the line text[start:end] and consumes it.
func (r *rawBlocks) begin(b *mdBlock, kind blockKind, start, end int, dirty bool, indent int) {
	*b = mdBlock{text: r.text, start: start, end: end, first: r.line, last: r.line, gap: r.gap,
		indent: indent, kind: kind, dirty: dirty, gapDirty: r.gapDirty}
	r.gap, r.gapDirty = 0, false
	r.pos, r.line = end+1, r.line+1
}

// extend adds the line text[start:end] to block b and consumes it.
func (r *rawBlocks) extend(b *mdBlock, start, end int, dirty bool) {
	b.end, b.last = end, r.line
	b.dirty = b.dirty || dirty
	r.pos, r.line = end+1, r.line+1
}

// mdBlocks yields the top-level blocks: the raw blocks, with a list and the
// blocks that continue it (further items of the same kind, indented
// paragraphs, nested lists and code) joined into one, blank lines kept,
// and consecutive indented code blocks joined likewise. A loose list is
// one paragraph of the article, as it is one block in Markdown.
type mdBlocks struct {
	raw rawBlocks
	cur mdBlock
	// rawHeld is a raw block read to learn that a list had ended.
	rawHeld    mdBlock
	hasRawHeld bool
	// peeked is a joined block returned by peek and not yet by next.
	peeked    mdBlock
	hasPeeked bool
}

// newMDBlocks returns the blocks of body, whose first line is file line
// firstLine.
func newMDBlocks(body string, firstLine int) *mdBlocks {
	return &mdBlocks{raw: rawBlocks{text: body, line: firstLine}}
}

// next returns the next block, or nil at the end. The block is valid until
// the next call of next.
func (m *mdBlocks) next() *mdBlock {
	if m.hasPeeked {
		m.hasPeeked = false
		m.cur = m.peeked
		return &m.cur
	}
	if !m.joined(&m.cur) {
		return nil
	}
	return &m.cur
}

// peek returns the block after the one next returned last, without
// consuming it, or nil at the end.
func (m *mdBlocks) peek() *mdBlock {
	if !m.hasPeeked {
		if !m.joined(&m.peeked) {
			return nil
		}
		m.hasPeeked = true
	}
	return &m.peeked
}

// joined fills b with the next raw block and the raw blocks that continue
// it.
func (m *mdBlocks) joined(b *mdBlock) bool {
	if m.hasRawHeld {
		*b, m.hasRawHeld = m.rawHeld, false
	} else if !m.raw.next(b) {
		return false
	}
	for b.kind == blockList || b.kind == blockCode {
		n := &m.rawHeld
		if !m.raw.next(n) {
			break
		}
		if !continues(b, n) {
			m.hasRawHeld = true
			break
		}
		b.end, b.last = n.end, n.last
		b.dirty = b.dirty || n.dirty || n.gapDirty
	}
	return true
}

// continues reports whether block n belongs to the list or code block b.
func continues(b, n *mdBlock) bool {
	if b.kind == blockCode {
		return n.kind == blockCode
	}
	if n.indent >= b.contentIndent {
		return true
	}
	return n.kind == blockList && n.ordered == b.ordered && n.marker == b.marker
}

// indentation returns the indentation of line in columns (a tab reaching
// the next multiple of 4) and the line without it.
func indentation(line string) (int, string) {
	col := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col, line[i:]
		}
	}
	return col, ""
}

// atxHeading recognises `# Heading` (1–6 '#', then a space or the end of
// the line) and returns its level and text, closing '#'s removed.
func atxHeading(s string) (int, string, bool) {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(s) && s[n] != ' ' && s[n] != '\t') {
		return 0, "", false
	}
	text := strings.TrimSpace(s[n:])
	// A closing sequence is '#'s alone or after a space: "# C#" keeps its '#'.
	if t := strings.TrimRight(text, "#"); len(t) < len(text) && (t == "" || t[len(t)-1] == ' ' || t[len(t)-1] == '\t') {
		text = strings.TrimSpace(t)
	}
	return n, text, true
}

// setextUnderline recognises a line of '=' (level 1) or '-' (level 2)
// under a paragraph, which makes it a heading.
func setextUnderline(s string) (int, bool) {
	if s == "" || (s[0] != '=' && s[0] != '-') {
		return 0, false
	}
	if strings.Trim(s, s[:1]) != "" {
		return 0, false
	}
	if s[0] == '=' {
		return 1, true
	}
	return 2, true
}

// fenceOpen recognises the opening of fenced code: three or more '`' or
// '~' (a backtick fence's info string may hold no backtick).
func fenceOpen(s string) (byte, int, bool) {
	if s == "" || (s[0] != '`' && s[0] != '~') {
		return 0, 0, false
	}
	c := s[0]
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	if n < 3 || (c == '`' && strings.IndexByte(s[n:], '`') >= 0) {
		return 0, 0, false
	}
	return c, n, true
}

// closesFence reports whether line closes a fence of n chars c: at most
// three spaces, at least n of c, nothing after.
func closesFence(line string, c byte, n int) bool {
	ind, s := indentation(line)
	if ind > 3 || len(s) < n {
		return false
	}
	return strings.Trim(s, string(c)) == ""
}

// listMarker recognises a list item's marker (`- `, `* `, `+ `, `1. `,
// `1) `) and returns the marker character, whether the list is ordered,
// and the width of the marker with the spaces after it.
func listMarker(s string) (byte, bool, int, bool) {
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	ordered := n > 0
	if ordered {
		if n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return 0, false, 0, false
		}
	} else if s[0] != '-' && s[0] != '*' && s[0] != '+' {
		return 0, false, 0, false
	}
	marker := s[n]
	n++
	if n == len(s) {
		return marker, ordered, n + 1, true
	}
	if s[n] != ' ' && s[n] != '\t' {
		return 0, false, 0, false
	}
	spaces := len(s[n:]) - len(strings.TrimLeft(s[n:], " "))
	if spaces == 0 || spaces > 4 {
		spaces = 1 // a tab, or text indented as code inside the item
	}
	return marker, ordered, n + spaces, true
}

// joinLines joins the lines of a paragraph with one space, each trimmed,
// as a hard-wrapped wire paragraph is joined.
func joinLines(s string) string {
	if strings.IndexByte(s, '\n') < 0 {
		return strings.TrimSpace(s)
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(l)
		}
	}
	return sb.String()
}

// sectionEntry reads a reaction from block b of the reactions section: a
// paragraph in a wire entry form, or a blockquote with its attribution as
// its own last line, on the line after it, or after one blank line (the
// next block, which is then consumed). A blockquote holding a whole wire
// entry (`> "Quote" — Name, Role`) is accepted too. When it consumes the
// next block, b (the iterator's current block) is overwritten: callers use
// b only when no entry was found.
func sectionEntry(b *mdBlock, blocks *mdBlocks) (Reaction, bool) {
	switch b.kind {
	case blockPara:
		return parseReactionEntry(joinLines(b.source()))
	case blockQuote:
	default:
		return Reaction{}, false
	}
	lines := b.lines()
	if len(lines) >= 2 {
		att := lines[len(lines)-1]
		if ind, s := indentation(att); ind <= 3 && strings.HasPrefix(s, ">") {
			att = stripQuoteMarker(att)
		}
		if name, role, loc, ok := parseAttribution(att); ok {
			if q := quoteText(lines[:len(lines)-1]); q != "" {
				return Reaction{Name: name, Role: role, Location: loc, Quote: q}, true
			}
		}
	}
	if n := blocks.peek(); n != nil && n.gap == 1 && n.first == n.last && (n.kind == blockPara || n.kind == blockList) {
		if name, role, loc, ok := parseAttribution(n.source()); ok {
			if q := quoteText(lines); q != "" {
				blocks.next()
				return Reaction{Name: name, Role: role, Location: loc, Quote: q}, true
			}
		}
	}
	return parseReactionEntry(joinQuoteLines(lines))
}

// stripQuoteMarker removes a blockquote's `>` (and one space after it)
// from a line; a lazy continuation line without one is returned as is.
func stripQuoteMarker(l string) string {
	ind, s := indentation(l)
	if ind > 3 || !strings.HasPrefix(s, ">") {
		return l
	}
	s = s[1:]
	if strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\t") {
		s = s[1:]
	}
	return s
}

// joinQuoteLines strips the `>` markers of a blockquote's lines and joins
// them with a space; an empty quoted line (a paragraph break inside the
// quote) is kept as a blank line.
func joinQuoteLines(lines []string) string {
	var sb strings.Builder
	pendingBreak := false
	for _, l := range lines {
		l = strings.TrimSpace(stripQuoteMarker(l))
		if l == "" {
			pendingBreak = sb.Len() > 0
			continue
		}
		switch {
		case pendingBreak:
			sb.WriteString("\n\n")
		case sb.Len() > 0:
			sb.WriteByte(' ')
		}
		pendingBreak = false
		sb.WriteString(l)
	}
	return sb.String()
}

// quoteText is a blockquote's text as a reaction's quote: its lines
// joined, and the quote marks wrapping the whole of it, if any, removed.
func quoteText(lines []string) string {
	q := joinQuoteLines(lines)
	if u, ok := unwrapQuote(q); ok {
		return u
	}
	return q
}
