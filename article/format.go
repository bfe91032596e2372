package article

import (
	"path/filepath"
	"slices"
	"strings"
)

// Format names the on-disk format an article was read from. Its string
// value appears in `list --json`.
type Format string

// formatSpec is one on-disk format: everything the loader, Parse and
// FormatOf know about it. Each format's value lives in its own file
// (wire.go, markdown.go, json.go); a new format is a new file and one
// line in formats.
type formatSpec struct {
	Name Format
	// Title is what messages call the format: "wire text", "Markdown".
	Title string
	// Exts are the extensions read as this format in a directory walk,
	// lower case with the dot (compared case-insensitively).
	Exts []string
	// Parse turns a file's text, already cleaned (see cleanRaw), into
	// its articles. A format holding several articles in one file sets
	// each one's Elem (its place, from 1, counting elements that failed),
	// from which Parse derives the ID's "#N" and Name derives "FILE#N".
	// Parse sets Path, ID, Version and Format, enforces the limits and
	// sanitises every field, so a format needs none of that. Problems
	// are errors for the whole file or, with several articles, for one;
	// their Path is set by Parse.
	Parse func(text string) ([]Article, []Problem)
	// Head, when set, is Parse for a read with Options.NoBody: it may
	// leave out of Paragraphs any paragraph whose sanitising cannot warn
	// (see parseWireHead), and parse drops the rest once sanitised, so
	// every other field and every warning is as Parse gives. No warning
	// or problem may hold a part of the text, which parse then does not
	// copy, and Parse's articles may hold no more text than the file's
	// plus maxWarningText (parse then needs no paragraph to enforce the
	// size limit). A format without it is parsed whole, its paragraphs
	// dropped.
	//
	// sc, when not nil, is room the articles may be built in (a borrowed
	// read, see Entry.ReadThen): they are then valid only until the
	// read hands them over, as the file's buffer is.
	Head func(text string, sc *scratch) ([]Article, []Problem)
}

// registry is the formats a load knows, in the order they are tried.
type registry []formatSpec

// formats is where every format is registered. A file whose extension no
// format claims (one named explicitly: a directory walk skips it) is read
// as the first, wire text.
var formats = registry{wireFormat, markdownFormat, jsonFormat}

// FormatOf returns the format a file is parsed as, from its extension:
// Markdown for .md and .markdown, JSON for .json, wire text for anything
// else (a file named explicitly is read whatever its extension).
func FormatOf(path string) Format { return formats.of(path).Name }

// of returns the format of path by its extension, or the first one.
func (r registry) of(path string) formatSpec {
	if f, ok := r.byExt(path); ok {
		return f
	}
	return r[0]
}

// byExt returns the format that claims path's extension.
func (r registry) byExt(path string) (formatSpec, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range r {
		if slices.Contains(f.Exts, ext) {
			return f, true
		}
	}
	return formatSpec{}, false
}

// named returns the format called name, or the first one.
func (r registry) named(name Format) formatSpec {
	for _, f := range r {
		if f.Name == name {
			return f
		}
	}
	return r[0]
}

// isArticle reports whether a directory walk reads the file name: some
// format claims its extension.
func (r registry) isArticle(name string) bool {
	_, ok := r.byExt(name)
	return ok
}

// articleExts are the extensions a directory walk reads, in registration
// order.
func (r registry) articleExts() []string {
	var exts []string
	for _, f := range r {
		exts = append(exts, f.Exts...)
	}
	return exts
}

// one adapts a parser of one article per file to formatSpec.Parse.
func one(parse func(text string) (Article, []Problem)) func(string) ([]Article, []Problem) {
	return func(text string) ([]Article, []Problem) {
		a, probs := parse(text)
		return oneArticle(nil, a, probs)
	}
}

// oneArticle is the articles of a file of one article, a, as
// formatSpec.Parse gives them: none if probs holds an error, else a,
// appended to room (which may be nil).
func oneArticle(room []Article, a Article, probs []Problem) ([]Article, []Problem) {
	if hasError(probs) {
		return nil, probs
	}
	return append(room, a), probs
}
