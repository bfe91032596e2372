package article

import (
	"context"
	"io/fs"
	"strings"
	"time"
)

// EntryKind says what a walk found at a path.
type EntryKind uint8

// The kinds of Entry.
const (
	// EntryFile is a file Load would read.
	EntryFile EntryKind = iota
	// EntryDir is a directory the walk enters, reported before what it
	// holds.
	EntryDir
	// EntryProblem is a path Load would report as an error without
	// reading it (missing, a dangling link, not a regular file, a
	// directory named like an article); Problem says why.
	EntryProblem
)

// Entry is one path of a library as Load's walk finds it, looked at
// (stat) but not read: what a live library compares with what it has
// indexed, to read again only the files that changed. Every rule of the
// walk applies (hidden entries and files no format claims are never
// reported, links are followed, a directory is walked once per walk).
type Entry struct {
	Kind EntryKind
	// Path is the path as shown (joined with the directory walk).
	Path string
	// ID is the identity of the file or directory (see ID); "" when it
	// could not be resolved.
	ID ID
	// Info is what stat said (links followed); nil when it failed, and
	// for a regular file of WalkToRead.
	Info fs.FileInfo
	// Problem is the error message of an EntryProblem.
	Problem string
	// Named says the path was named by the caller rather than found in
	// a directory: it is read whatever its extension, and its absence is
	// an error rather than a file gone.
	Named bool

	name string
	src  source
}

// Size is the file's size from the walk's stat (0 without one).
func (e Entry) Size() int64 {
	if e.Info == nil {
		return 0
	}
	return e.Info.Size()
}

// ModTime is the file's modification time from the walk's stat (zero
// without one).
func (e Entry) ModTime() time.Time {
	if e.Info == nil {
		return time.Time{}
	}
	return e.Info.ModTime()
}

// Read reads and parses the file of a EntryFile with exactly the rules
// Load applies (the file is checked again once open, in case it was
// swapped since the walk looked at it); an EntryProblem gives its error.
// The Result's Index is 0.
func (e Entry) Read(opt Options) Result { return e.read(opt, nil) }

// ReadThen is Read handing the Result to fn rather than returning it,
// without copying what its articles keep out of the buffer the file was
// read into (Read gives them memory of their own), which the next file
// read reuses once fn returns: their strings are valid until then, and
// fn copies what it keeps. Problems are the loader's, as Read gives
// them. For a reader that keeps little of each article (the library's
// summaries), the copy Read makes of every article was a sixth of what
// a cold load of 100,000 files allocated.
func (e Entry) ReadThen(opt Options, fn func(Result)) { e.read(opt, fn) }

// read is Read, or ReadThen with use.
func (e Entry) read(opt Options, use func(Result)) Result {
	if e.src == nil {
		return handOver(Result{Path: e.Path, Problems: []Problem{{Path: e.Path, Severity: SeverityError, Message: "not a file of a walk"}}}, use)
	}
	j := job{name: e.name, path: e.Path, id: string(e.ID), problem: e.Problem, fi: e.Info, named: e.Named}
	if e.Kind == EntryDir {
		j.problem = "is a directory"
	}
	if e.Info != nil {
		j.size = e.Info.Size()
	}
	return readJob(e.src, formats, j, opt.withDefaults(), use)
}

// IsArticleFile reports whether a directory walk reads a file called
// name (a base name): it is not hidden and a format claims its
// extension. A file named on the command line is read whatever its name.
func IsArticleFile(name string) bool {
	return !strings.HasPrefix(name, ".") && formats.isArticle(name)
}

// Walk walks paths exactly as Load does, without reading any file, and
// calls fn with each entry in Load's stable order: every directory as it
// is entered (before it is read: a watcher registered then misses
// nothing made afterwards), then what it holds. fn returning false stops the walk. It
// reports whether the walk ran to the end (not stopped, ctx not done).
func Walk(ctx context.Context, paths []string, fn func(Entry) bool) bool {
	return walkPaths(ctx, paths, fn, false)
}

// WalkToRead is Walk for a caller that reads every file it is handed (a
// first load, with nothing to compare with): a file that its directory's
// listing calls regular is not looked at, since its Read looks at the
// open file anyway, so its Entry has no Info (Size 0, ModTime zero).
// Links, directories and every other kind of entry are looked at as Walk
// looks at them, and reading an entry gives what Walk's entry gives.
func WalkToRead(ctx context.Context, paths []string, fn func(Entry) bool) bool {
	return walkPaths(ctx, paths, fn, true)
}

// walkPaths is Walk, or WalkToRead when toRead is set.
func walkPaths(ctx context.Context, paths []string, fn func(Entry) bool, toRead bool) bool {
	w := newWalker(ctx, osSource{openFn: openFile}, fn)
	w.toRead = toRead
	for _, p := range paths {
		if !w.arg(p) {
			return false
		}
	}
	return ctx.Err() == nil
}

// WalkFS is Walk over every article file of fsys, naming each
// "prefix/PATH" as LoadFS does.
func WalkFS(ctx context.Context, fsys fs.FS, prefix string, fn func(Entry) bool) bool {
	w := newWalker(ctx, fsSource{fsys: fsys, prefix: prefix}, fn)
	return w.arg(".") && ctx.Err() == nil
}

// WalkChild calls fn with what the walk of the directory dir (an
// EntryDir of an earlier walk) finds today at its entry called name: one
// file, or a subdirectory and all it holds, or a problem; nothing when
// there is no such entry, or the walk would not look at it (hidden, a
// file no format claims). It is how a watcher looks at one path an event
// names with the walk's rules. known, if not nil, reports the directories
// that earlier walks entered: like Load, which walks a directory once
// however many links lead to it, WalkChild does not enter them again.
func WalkChild(ctx context.Context, dir Entry, name string, known func(fs.FileInfo) bool, fn func(Entry) bool) bool {
	if dir.Kind != EntryDir || dir.src == nil || strings.ContainsRune(name, '/') {
		return true
	}
	w := newWalker(ctx, dir.src, fn)
	w.known = known
	child := dir.src.join(dir.name, name)
	li, err := dir.src.lstat(child)
	if err != nil {
		return ctx.Err() == nil // gone (or unreadable: the next walk of dir says so)
	}
	e, ok := w.lookAt(dir.name, name, li.Mode().Type(), func() (fs.FileInfo, error) { return li, nil })
	if !ok {
		return true
	}
	return w.entry(dir.name, string(dir.ID), e, dir.src.join) && ctx.Err() == nil
}

// StatFile is the Entry of the path name named on its own, looked at as
// Load and ReadFile look at it (links followed): an EntryFile, or an
// EntryProblem (missing, not a regular file, a directory). Its Read is
// ReadFile's result, with the file's identity, size and time.
func StatFile(name string) Entry {
	src := osSource{openFn: openFile}
	j, _ := namedJob(src, name)
	return j.entry(src)
}

// StatFileFS is StatFile for the file name of fsys, named "prefix/name".
func StatFileFS(fsys fs.FS, prefix, name string) Entry {
	src := fsSource{fsys: fsys, prefix: prefix}
	j, _ := namedJob(src, name)
	return j.entry(src)
}

// newWalker is a walker that hands fn every entry instead of reading it.
func newWalker(ctx context.Context, src source, fn func(Entry) bool) *walker {
	w := &walker{ctx: ctx, src: src, reg: formats, visited: newVisitedSet()}
	w.sink = func(j job) bool { return fn(j.entry(src)) }
	w.onDir = fn
	return w
}

// entry is the Entry a job stands for.
func (j job) entry(src source) Entry {
	e := Entry{Kind: EntryFile, Path: j.path, ID: ID(j.id), Info: j.fi, Problem: j.problem, Named: j.named, name: j.name, src: src}
	if j.problem != "" {
		e.Kind = EntryProblem
	}
	return e
}
