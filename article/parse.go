package article

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// binarySniff is how much of a file is looked at for a NUL byte: the same
// window git and grep use to call a file binary.
const binarySniff = 8 << 10

// FormatOf returns the format a file is parsed as: Markdown for .md and
// .markdown, JSON for .json, wire text for anything else (a file named
// explicitly is read whatever its extension).
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return FormatMarkdown
	case ".json":
		return FormatJSON
	default:
		return FormatWire
	}
}

// Parse turns one file's bytes into articles. path is recorded in each
// article (and its ID); f selects the parser. Problems carry path; an error
// problem means the file (or, for JSON arrays, that one element) did not
// load. Parse never panics, whatever data holds.
func Parse(path string, data []byte, f Format) ([]Article, []Problem) {
	if i := bytes.IndexByte(data[:min(len(data), binarySniff)], 0); i >= 0 {
		return nil, []Problem{{Path: path, Severity: SeverityError, Message: "binary file"}}
	}
	text, rawWarnings := cleanRaw(data)
	if strings.TrimSpace(text) == "" {
		return nil, []Problem{{Path: path, Severity: SeverityError, Message: "empty file"}}
	}
	var arts []Article
	var probs []Problem
	switch f {
	case FormatMarkdown:
		a, p := parseMarkdown(text)
		probs = p
		if !hasError(p) {
			arts = []Article{a}
		}
	case FormatJSON:
		arts, probs = parseJSON(text)
	default:
		a, p := parseWire(text)
		probs = p
		if !hasError(p) {
			arts = []Article{a}
		}
	}
	// An article's text may never exceed the file size limit, whatever
	// the format expands (YAML aliases): a file's own size is allowed
	// when it is larger, for a loader configured with a larger limit.
	limit := max(int64(DefaultMaxSize), int64(len(data)))
	kept := arts[:0]
	for _, a := range arts {
		if n := a.textSize(); n > limit {
			msg := fmt.Sprintf("article too large once expanded (%s of text, limit %s)", sizeText(n), sizeText(limit))
			if a.ID != "" {
				msg = fmt.Sprintf("article %s: %s", strings.TrimPrefix(string(a.ID), "#"), msg)
			}
			probs = append(probs, Problem{Severity: SeverityError, Message: msg})
			continue
		}
		// The parsers leave ID empty, or "#N" for the Nth element of a
		// JSON array (counted over every element, loaded or not).
		a.ID = ID(path) + a.ID
		a.Path = path
		a.Format = f
		a.Warnings = append(append([]string(nil), rawWarnings...), a.Warnings...)
		sanitizeArticle(&a)
		kept = append(kept, a)
	}
	if len(kept) == 0 {
		kept = nil
	}
	for i := range probs {
		probs[i].Path = path
	}
	return kept, probs
}

// textSize is how many bytes of text a holds in all its fields.
func (a *Article) textSize() int64 {
	n := len(a.Headline) + len(a.Byline) + len(a.Place) + len(a.Date) + len(a.Source) + len(a.ReactionsHeading)
	for _, p := range a.Paragraphs {
		n += len(p)
	}
	for _, r := range a.Reactions {
		n += len(r.Name) + len(r.Role) + len(r.Location) + len(r.Quote)
	}
	for _, note := range a.Notes {
		n += len(note.Text)
	}
	for _, t := range a.Tags {
		n += len(t)
	}
	for _, w := range a.Warnings {
		n += len(w)
	}
	return int64(n)
}

func hasError(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}
