package library

import (
	"hash/maphash"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unique"

	"github.com/newsdesk/newsdesk/article"
)

// Summary is what a Snapshot keeps of one article: enough to list, sort,
// filter and find it, never its body or quotes (Library.Open reads those
// from the file when a reader needs them). Summaries are never changed once
// published; a changed file gets a new Summary in a new Snapshot.
//
// Its strings are copies, so a Summary never keeps its file's text alive.
type Summary struct {
	// ID and Version identify the article and the bytes it was read from.
	ID      article.ID
	Version article.Version
	Format  article.Format
	// Path is the file as the user named it (joined with the directory
	// walk), or "seeds/NAME" for the bundled library; Elem is the
	// article's place in a JSON array (from 1; 0 for a file of one).
	Path     string
	Elem     int
	Headline string
	Byline   string
	Place    string
	// Date is the date as written; When is it parsed (zero when it could
	// not be read), as the date sort uses it.
	Date   string
	When   time.Time
	Source string
	Tags   []string
	// Names and Roles are the commentators' names and roles, one per
	// reaction, in file order, and Quotes the article.QuoteHash of each
	// quote (what tells a reader's new reactions); Reactions is their
	// number.
	Names     []string
	Roles     []string
	Quotes    []uint64
	Reactions int
	Warnings  []string
	// Key is what the filter matches (NewKey of the headline, place,
	// source, tags and names), built once.
	Key Key

	// seq is the article's place in load order: the tie-break of every
	// sort, so equal keys keep load order. It is the file's place in the
	// load order times fileSeq plus the article's place in its file.
	seq int
	// name is what the file is opened as: Path for the operating
	// system's files, the name inside the embedded file system otherwise.
	name string
	// mtime is the file's modification time when it was read (Unix
	// nanoseconds; 0 for embedded files, which never change): Open
	// checks it before trusting a cached article.
	mtime int64
}

// fileSeq spaces the seq numbers of consecutive files: room for a JSON
// array of 16 M articles, far more than a 16 MiB file can hold.
const fileSeq = 1 << 24

// Seq orders the articles in load order: a larger Seq was loaded later
// (a file new to a live library comes after every file loaded before it;
// a changed file keeps its place).
func (s *Summary) Seq() int { return s.seq }

// Name is what `newsdesk show` takes to print the article: Path, plus
// "#N" for the Nth element of a JSON array (as article.Article.Name). It
// is not made safe for a terminal.
func (s *Summary) Name() string {
	if s.Elem > 0 {
		return s.Path + "#" + strconv.Itoa(s.Elem)
	}
	return s.Path
}

// file is the place of the summary's file in the load order.
func (s *Summary) file() int { return s.seq / fileSeq }

// Dateline is "PLACE · DATE · SOURCE" with absent parts left out.
func (s *Summary) Dateline() string {
	return joinPresent(" · ", s.Place, s.Date, s.Source)
}

// joinPresent joins the non-empty parts with sep.
func joinPresent(sep string, parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}

// summarize makes the Summary of a, from the file shown as path and
// opened as name, whose identity is file: path, name and file are
// strings of their own (not parts of the file's text), kept as they are
// (an article ID equal to file's is file's string). Its place in the load
// order (seq) is set when it is published. now dates a wire date without
// a year when the article has no modification time (embedded files).
func summarize(a *article.Article, file article.ID, path, name string, now time.Time) *Summary {
	id := file
	if a.ID != file {
		id = article.ID(strings.Clone(string(a.ID)))
	}
	s := &Summary{
		ID:        id,
		Version:   a.Version,
		Format:    a.Format,
		Path:      path,
		Elem:      a.Elem,
		name:      name,
		Headline:  strings.Clone(a.Headline),
		Byline:    strings.Clone(a.Byline),
		Place:     intern(a.Place),
		Date:      intern(a.Date),
		Source:    intern(a.Source),
		Tags:      internAll(a.Tags),
		Reactions: len(a.Reactions),
		Warnings:  internAll(a.Warnings),
	}
	if len(a.Reactions) > 0 {
		s.Names = make([]string, len(a.Reactions))
		s.Roles = make([]string, len(a.Reactions))
		s.Quotes = make([]uint64, len(a.Reactions))
		for i, r := range a.Reactions {
			s.Names[i], s.Roles[i] = intern(r.Name), intern(r.Role)
			s.Quotes[i] = article.QuoteHash(r.Quote)
		}
	}
	if !a.ModTime.IsZero() {
		s.mtime = a.ModTime.UnixNano()
	}
	s.When = a.Time(now)
	s.Key = NewKey(s.Headline, s.Place, s.Source, s.Tags, s.Names)
	return s
}

// intern is s as one shared copy for every equal string: places, dates,
// sources, tags and commentators' names and roles repeat across a library
// (the same analyst in a thousand stories), so a library of 100,000
// articles holds each once. The copy never keeps the file's text alive.
func intern(s string) string {
	if s == "" {
		return ""
	}
	slot := &interned[maphash.String(internSeed, s)%uint64(len(interned))]
	if p := slot.Load(); p != nil && *p == s {
		return *p
	}
	v := unique.Make(s).Value()
	slot.Store(&v)
	return v
}

// interned remembers the strings intern gave last, one a slot by hash:
// most of what it is asked for is a few places, dates, sources and names
// over and over, and finding one here costs a hash where unique.Make
// costs several times that (0.5 cpu-s of a cold load of 100,000
// articles). The slots hold the canonical copies, so equal strings are
// still one; at most len(interned) of them are kept alive by it.
var (
	interned   [4096]atomic.Pointer[string]
	internSeed = maphash.MakeSeed()
)

// internAll interns every string of list (nil for an empty list).
func internAll(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = intern(s)
	}
	return out
}
