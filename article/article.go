// Package article is newsdesk's article model: the Article type, the parsers
// for the three on-disk formats (wire text, Markdown with front matter, JSON),
// the sanitiser that keeps file bytes from reaching a terminal, and the
// loader that reads files and directories concurrently.
//
// It has no user-interface imports: the TUI, the SSH server and the CLI all
// read the library through this package alone.
package article

import (
	"fmt"
	"strings"
	"time"
)

// ID identifies an article stably across loads, working directories and
// the order of arguments: the absolute, cleaned path of its file with
// every symbolic link resolved ("/home/ann/news/a.txt"), or "seeds/NAME"
// for a bundled seed, plus "#N" for the Nth article of a file holding
// several (a JSON array). A file moved or renamed gets a new ID; one
// reached through another link or another relative path keeps its ID.
type ID string

// Version identifies the bytes an article was parsed from: the 64-bit
// xxHash of its file's content, so an edit is seen even when size and
// modification time stay the same. Every article of one file has the
// file's Version. Zero means unknown.
type Version uint64

// Article is one news story as loaded from disk. Every text field has been
// sanitised (see Sanitize) and trimmed; absent values are "".
//
// Memory: Paragraphs, Notes' Text and Reactions' Quote may be substrings
// of the file's whole text, so keeping any one of them keeps the file's
// text alive. Every other field (ID, the metadata, tags, reaction names,
// roles and locations) has memory of its own, apart from the file's, so
// a consumer that keeps only those holds a few hundred bytes an article.
type Article struct {
	// ID identifies the article stably across loads (see ID).
	ID ID
	// Version is the hash of the file the article was parsed from.
	Version Version
	// Path is the file the article came from, as the user named it
	// (joined with the directory walk), or "seeds/NAME" for bundled ones.
	Path string
	// Elem is the article's place in a file holding several (a JSON
	// array), from 1, counting elements that failed to load so that it
	// matches their error messages; 0 for a file of one article.
	Elem     int
	Format   Format
	Headline string
	// Byline is the author without the leading "By ".
	Byline string
	// Place, Date and Source come from the wire dateline or from metadata;
	// Date is kept exactly as written.
	Place  string
	Date   string
	Source string
	// Paragraphs is the body, one string per paragraph. For Markdown
	// articles a paragraph is Markdown source.
	Paragraphs []string
	// Reactions are the commentators' reactions, in file order.
	Reactions []Reaction
	// ReactionsHeading is the reactions section's heading as written
	// ("Reaction & Analysis", "Analysis"), without heading marks, bold or
	// a trailing colon; "" when the article has no such section.
	ReactionsHeading string
	// Notes are the paragraphs of the reactions section that are not
	// reaction entries, in order; they are shown, never dropped.
	Notes []Note
	Tags  []string
	// Warnings are problems that did not stop the article from loading.
	Warnings []string
	// ModTime is the file's modification time (zero for embedded files).
	ModTime time.Time
}

// Dateline is "PLACE · DATE · SOURCE", the parts that are absent left out
// ("" when all are), as the list, the reader and the reactions panel show
// it.
func (a Article) Dateline() string {
	parts := make([]string, 0, 3)
	for _, s := range []string{a.Place, a.Date, a.Source} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// Note is a paragraph of the reactions section that is not a reaction (a
// remark such as "Further reactions are expected"). For a Markdown article
// it is Markdown source.
type Note struct {
	Text string
	// After is how many of the article's reactions come before the note
	// in the file (front-matter reactions count: they come first), so
	// notes keep their place among the quotes.
	After int
}

// QuoteHash is the 64-bit FNV-1a hash of a quote's text: what tells one
// version of a reaction from an edited one (a reader's "new" reactions).
// It is stored on disk by the reader state, so it never changes.
func QuoteHash(quote string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(quote); i++ {
		h ^= uint64(quote[i])
		h *= 1099511628211
	}
	return h
}

// Reaction is one commentator's reaction to a story.
type Reaction struct {
	Name     string
	Role     string
	Location string
	Quote    string
}

// Severity says whether a Problem stopped a file (or one article of it)
// from loading.
type Severity string

// The two severities reported by `newsdesk check`.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Problem is something wrong with one path: an error (nothing, or one
// article of a JSON array, was loaded from it) or a warning.
type Problem struct {
	Path string
	// Line and Col are 1-based; 0 means unknown.
	Line     int
	Col      int
	Severity Severity
	Message  string
}

// String formats the problem as `PATH[:LINE[:COL]]: SEVERITY: MESSAGE`,
// the form `newsdesk check` prints.
func (p Problem) String() string {
	loc := p.Path
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, p.Line)
		if p.Col > 0 {
			loc = fmt.Sprintf("%s:%d", loc, p.Col)
		}
	}
	return fmt.Sprintf("%s: %s: %s", loc, p.Severity, p.Message)
}

// Error makes a Problem usable as an error value.
func (p Problem) Error() string { return p.String() }
