package article

import (
	"strconv"
	"strings"
)

// Element is the place (from 1) of a in its file, for a format holding
// several articles (a JSON array), or 0 when its file holds a single
// article: the N of `show FILE#N` (see Article.Elem).
func (a *Article) Element() int { return a.Elem }

// Name is what `newsdesk show` takes to print a: its path as the user
// named it, plus "#N" for the Nth element of a JSON array. It is not made
// safe for a terminal (see DisplayPath).
func (a *Article) Name() string {
	if n := a.Element(); n > 0 {
		return a.Path + "#" + strconv.Itoa(n)
	}
	return a.Path
}

// elemID is the ID of article elem of the file whose ID is file: the
// file's own for its only article (elem 0), else "#N" after it.
func elemID(file ID, elem int) ID {
	if elem <= 0 {
		return file
	}
	return ID(string(file) + "#" + strconv.Itoa(elem))
}

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
	// The formats and the extensions a directory walk reads, in the
	// registry's order: "wire text (.txt), Markdown (.md, .markdown) and …".
	kinds := make([]string, len(formats))
	for i, f := range formats {
		kinds[i] = f.Title + " (" + strings.Join(f.Exts, ", ") + ")"
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
