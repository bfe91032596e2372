package article

import (
	"bytes"
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
	for i := range probs {
		probs[i].Path = path
	}
	for i := range arts {
		a := &arts[i]
		a.Path = path
		a.Format = f
		// The parsers leave ID empty, or "#N" for the Nth element of a
		// JSON array (counted over every element, loaded or not).
		a.ID = ID(path) + a.ID
		a.Warnings = append(append([]string(nil), rawWarnings...), a.Warnings...)
		sanitizeArticle(a)
	}
	return arts, probs
}

func hasError(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}
