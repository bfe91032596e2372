package article

import (
	"strconv"
	"strings"
)

// Element is the place (from 1) of a in its file's JSON array, or 0 when
// its file holds a single article. It is the N of `show FILE#N`, read
// from the "#N" that ends the ID of an array's element.
func (a *Article) Element() int {
	if a.Format != FormatJSON {
		return 0 // only a JSON file holds several; a wire file may be named "x#2"
	}
	id := string(a.ID)
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return 0
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil || n < 1 || id[i+1] == '+' {
		return 0
	}
	return n
}

// Name is what `newsdesk show` takes to print a: its path as the user
// named it, plus "#N" for the Nth element of a JSON array. It is not made
// safe for a terminal (see DisplayPath).
func (a *Article) Name() string {
	if n := a.Element(); n > 0 {
		return a.Path + "#" + strconv.Itoa(n)
	}
	return a.Path
}

// formatNames are the formats as the empty-library message names them.
var formatNames = map[Format]string{FormatWire: "wire text", FormatMarkdown: "Markdown", FormatJSON: "JSON"}

// EmptyLibraryMessage is what every part of newsdesk says when a library
// gave no article and no error (an empty directory, or one of other
// files): where it looked (paths as the user named them, nil for the
// bundled library) and what it reads there. One sentence, no final stop,
// safe for a terminal.
func EmptyLibraryMessage(paths []string) string {
	where := "the bundled library"
	if len(paths) > 0 {
		shown := make([]string, len(paths))
		for i, p := range paths {
			shown[i] = DisplayPath(p)
		}
		where = joinAnd(shown)
	}
	// The extensions a directory walk reads, grouped by format in the
	// walk's order: "wire text (.txt), Markdown (.md, .markdown) and …".
	var formats []Format
	exts := map[Format][]string{}
	for _, ext := range articleExts {
		f := FormatOf("x" + ext)
		if exts[f] == nil {
			formats = append(formats, f)
		}
		exts[f] = append(exts[f], ext)
	}
	kinds := make([]string, len(formats))
	for i, f := range formats {
		kinds[i] = formatNames[f] + " (" + strings.Join(exts[f], ", ") + ")"
	}
	return "no article found in " + where + ": newsdesk reads " + joinAnd(kinds) +
		" files in the directories named and their subdirectories, skipping hidden ones"
}

// joinAnd writes "a", "a and b", "a, b and c".
func joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
