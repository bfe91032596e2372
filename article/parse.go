package article

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// binarySniff is how much of a file is looked at for a NUL byte: the same
// window git and grep use to call a file binary.
const binarySniff = 8 << 10

// Parse turns one file's bytes into articles. path is recorded in each
// article and, as given, is the base of its ID (Load and ReadFile, which
// know the file, give the resolved one); f selects the parser. Problems
// carry path; an error problem means the file (or, for JSON arrays, that
// one element) did not load. Parse never panics, whatever data holds.
func Parse(path string, data []byte, f Format) ([]Article, []Problem) {
	return parse(path, ID(path), data, formats.named(f), false, nil)
}

// maxWarningText bounds the bytes of the warnings a format with a head
// parse may add to its text (wire text's are four fixed sentences), which
// TextSize counts: see parse and formatSpec.Head.
const maxWarningText = 1 << 10

// parse is Parse with the ID of the file given apart from its path, and
// the format itself rather than its name. With noBody the articles have
// no Paragraphs (Options.NoBody) and own all their text: nothing they
// hold is a part of data, which the caller may then reuse; unless sc is
// given too, when they are borrowed (see Entry.ReadThen): not copied out
// of data, and built in sc where the format can, both of which must
// outlive them.
func parse(path string, id ID, data []byte, f formatSpec, noBody bool, sc *scratch) ([]Article, []Problem) {
	if i := bytes.IndexByte(data[:min(len(data), binarySniff)], 0); i >= 0 {
		return nil, []Problem{{Path: path, Severity: SeverityError, Message: "binary file"}}
	}
	// A format that reads its head alone (wire text) parses a view of
	// data rather than a copy: own copies all an article keeps of it,
	// and its problems hold none of it.
	head := noBody && f.Head != nil
	text, rawWarnings := cleanRaw(data, head)
	if strings.TrimSpace(text) == "" {
		return nil, []Problem{{Path: path, Severity: SeverityError, Message: "empty file"}}
	}
	// An article's text may never exceed the file size limit, whatever
	// the format expands (YAML aliases): a file's own size is allowed
	// when it is larger, for a loader configured with a larger limit.
	limit := max(int64(DefaultMaxSize), int64(len(data)))
	// The head parse leaves the body's paragraphs out, so they are not
	// counted against the limit. The count must come out as the whole
	// parse's, so it is used only where the body cannot matter: by
	// formatSpec.Head's rule, an article is then at most its text plus
	// maxWarningText (for wire text: its fields are disjoint parts of the
	// text, a joined paragraph no longer than its lines).
	var arts []Article
	var probs []Problem
	if head && int64(len(text))+maxWarningText <= limit {
		arts, probs = f.Head(text, sc)
	} else {
		arts, probs = f.Parse(text)
	}
	// xxHash (XXH64, seed 0) is specified byte for byte, so the same
	// bytes give the same Version in every process, machine and Go
	// release, which a Version kept in an on-disk index needs
	// (hash/maphash is seeded per process and may change between
	// releases); and it hashes at memory speed, so hashing bytes already
	// read costs little next to parsing them. It detects edits, not
	// attacks: a crafted collision only confuses its own author's cache.
	version := Version(xxhash.Sum64(data))
	kept := arts[:0]
	for i := range arts {
		// By pointer: a copy whose address own passes on would be moved
		// to the heap, 170 MB for an array of 500,000 articles.
		a := &arts[i]
		if n := a.TextSize(); n > limit {
			msg := fmt.Sprintf("article too large once expanded (%s of text, limit %s)", sizeText(n), sizeText(limit))
			if a.Elem > 0 {
				msg = fmt.Sprintf("article %d: %s", a.Elem, msg)
			}
			probs = append(probs, Problem{Severity: SeverityError, Message: msg})
			continue
		}
		a.Version = version
		a.Path = path
		a.Format = f.Name
		if len(rawWarnings) > 0 {
			// Clipped: each article gets a list of its own.
			a.Warnings = append(slices.Clip(rawWarnings), a.Warnings...)
		}
		sanitizeArticle(a)
		if noBody {
			a.Paragraphs = nil
		}
		if sc != nil {
			a.ID = elemID(id, a.Elem)
		} else {
			a.own(id, noBody)
		}
		kept = append(kept, *a)
	}
	if len(kept) == 0 {
		kept = nil
	}
	for i := range probs {
		probs[i].Path = path
	}
	return kept, probs
}

// TextSize is how many bytes of text a holds in all its fields, the
// measure of Parse's limit (an article may hold no more than its file
// limit) and of what caching it costs.
func (a *Article) TextSize() int64 {
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

// own sets a's ID from the file's (plus "#N" for the Nth article of a
// file holding several: the parsers set Elem) and gives it and the other
// short fields (headline, byline, place, date, source, reactions heading,
// tags, reaction names, roles and locations) memory of their own, one
// allocation for them all. A consumer that keeps only those, as the
// library's summaries do, then keeps a few hundred bytes an article
// instead of the whole file's text, which a substring of it would keep
// alive: a heap profile of `list` over 100,000 files found 469 MB of
// 608 MB held that way. The long fields (paragraphs, notes, quotes) stay
// substrings of the text: they are most of it, and copying them would
// double a file's cost. With all, they are copied too (an article
// without paragraphs, whose text may be reused once it is parsed).
func (a *Article) own(id ID, all bool) {
	var num [24]byte
	elem := num[:0]
	if a.Elem > 0 {
		elem = strconv.AppendInt(append(elem, '#'), int64(a.Elem), 10)
	}
	n := len(id) + len(elem)
	a.fields(all, func(s *string) { n += len(*s) })
	var b strings.Builder
	b.Grow(n)
	b.WriteString(string(id))
	b.Write(elem)
	a.fields(all, func(s *string) { b.WriteString(*s) })
	text := b.String()
	a.ID = ID(text[:len(id)+len(elem)])
	off := len(a.ID)
	a.fields(all, func(s *string) {
		end := off + len(*s)
		*s = text[off:end]
		off = end
	})
}

// fields calls f with each short text field of a, in a fixed order, and
// with all, with its notes and quotes too.
func (a *Article) fields(all bool, f func(*string)) {
	f(&a.Headline)
	f(&a.Byline)
	f(&a.Place)
	f(&a.Date)
	f(&a.Source)
	f(&a.ReactionsHeading)
	for i := range a.Tags {
		f(&a.Tags[i])
	}
	for i := range a.Reactions {
		r := &a.Reactions[i]
		f(&r.Name)
		f(&r.Role)
		f(&r.Location)
		if all {
			f(&r.Quote)
		}
	}
	if all {
		for i := range a.Notes {
			f(&a.Notes[i].Text)
		}
	}
}
