package article

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"
)

// DefaultMaxSize is the largest file the loader reads when Options.MaxSize
// is zero: 16 MiB, far above any real article, small enough that a stray
// log or disk image never fills memory.
const DefaultMaxSize = 16 << 20

// Options tunes a load. The zero value is ready to use.
type Options struct {
	// Workers bounds how many files are read and parsed at once
	// (default: GOMAXPROCS).
	Workers int
	// MaxSize is the largest file read (default 16 MiB).
	MaxSize int64
	// NoBody leaves the articles' Paragraphs out (nil), for a reader that
	// keeps only their other fields, as a library's summaries do: every
	// other field and every warning is as a whole read gives. Wire text
	// is then parsed from the read buffer, without joining its body:
	// a load of 100,000 wire files allocates half as much.
	NoBody bool
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	return o
}

// window is how many files may be in flight (being read, parsed, or parsed
// and waiting for a slower earlier file) at once. It bounds the reorder
// buffer, so one slow file cannot make memory grow with the library.
func (o Options) window() int { return max(4*o.Workers, 8) }

// byteBudget bounds the bytes of the files in flight (being read, parsed,
// or parsed and waiting for an earlier file). Parsing a file costs a few
// times its size, so with large files only one (up to MaxSize) is in
// flight at a time: measured, checking eight 15 MiB articles peaks at
// about 90 MiB resident, against 133 MiB with a 32 MiB budget. Small
// files are bounded by the window instead; a file larger than the budget
// still loads, on its own.
const byteBudget = 16 << 20

// Result is what one file gave: its articles in file order and its
// problems. Results arrive in the stable order: arguments as given, files
// of a directory in byte order of their path.
type Result struct {
	// Index is the file's position in the stable order, from 0.
	Index    int
	Path     string
	Articles []Article
	Problems []Problem
	// ID is the file's identity, the base of its articles' IDs ("" when
	// the path could not be resolved).
	ID ID
	// Size and ModTime are the file's as it was read (from the open
	// file); zero when it could not be opened.
	Size    int64
	ModTime time.Time
}

// done is a worker's Result with the share of byteBudget its job holds
// until the emitter has passed it on.
type done struct {
	Result
	weight int64
}

// source is what the loader walks: the operating system's files (Load) or
// an fs.FS such as the embedded seeds (LoadFS).
type source interface {
	// stat follows symbolic links; lstat does not.
	stat(name string) (fs.FileInfo, error)
	lstat(name string) (fs.FileInfo, error)
	// readDir lists a directory; its entries' Info may be called until
	// done is.
	readDir(name string) (entries []fs.DirEntry, done func(), err error)
	open(name string) (fs.File, error)
	join(dir, name string) string
	// sep is what join puts between a clean directory and a name.
	sep() string
	// display is the path shown to the user for name.
	display(name string) string
	// id is the identity of the file or directory name (see ID).
	id(name string) string
}

// osSource reads the operating system's files; openFn is openFile as it
// was when the load started, so a test restoring the hook cannot race
// with a worker still finishing a cancelled load.
type osSource struct{ openFn func(string) (fs.File, error) }

func (osSource) stat(name string) (fs.FileInfo, error)              { return os.Stat(name) }
func (osSource) lstat(name string) (fs.FileInfo, error)             { return os.Lstat(name) }
func (osSource) readDir(name string) ([]fs.DirEntry, func(), error) { return readDirAt(name) }
func (s osSource) open(name string) (fs.File, error)                { return s.openFn(name) }
func (osSource) join(dir, name string) string                       { return filepath.Join(dir, name) }
func (osSource) sep() string                                        { return string(filepath.Separator) }
func (osSource) display(name string) string                         { return name }

// id is name made absolute and cleaned, every symbolic link in it
// resolved. A path that cannot be resolved (it vanished, or a directory
// on the way is unreadable) is made absolute as it stands: its read
// fails anyway, with a message of its own.
func (osSource) id(name string) string {
	if r, err := filepath.EvalSymlinks(name); err == nil {
		name = r
	}
	if abs, err := filepath.Abs(name); err == nil {
		return abs
	}
	return filepath.Clean(name)
}

type fsSource struct {
	fsys   fs.FS
	prefix string
}

func (s fsSource) stat(name string) (fs.FileInfo, error)  { return fs.Stat(s.fsys, name) }
func (s fsSource) lstat(name string) (fs.FileInfo, error) { return fs.Stat(s.fsys, name) }
func (s fsSource) readDir(name string) ([]fs.DirEntry, func(), error) {
	des, err := fs.ReadDir(s.fsys, name)
	return des, func() {}, err
}
func (s fsSource) open(name string) (fs.File, error) { return s.fsys.Open(name) }
func (s fsSource) join(dir, name string) string      { return path.Join(dir, name) }
func (s fsSource) sep() string                       { return "/" }
func (s fsSource) display(name string) string        { return path.Join(s.prefix, name) }

// id is the display path: an fs.FS (the embedded seeds) has no links and
// no working directory, so "seeds/NAME" is already stable.
func (s fsSource) id(name string) string { return s.display(name) }

// Load reads paths (files and directories) with a bounded worker pool and
// streams one Result per file, in the stable order, closing the channel when
// done or when ctx is cancelled.
//
// Directories are walked recursively: hidden entries (names starting with
// ".") are skipped, only files with an extension a format claims (.txt,
// .md, .markdown, .json) are read,
// symbolic links are followed but a directory is never walked twice (so
// link loops end). A file named in paths is read whatever its extension.
// Everything that goes wrong (missing path, unreadable, not a regular file,
// too large, binary, empty, unparsable) becomes an error Problem of that
// path's Result; the rest still loads.
func Load(ctx context.Context, paths []string, opt Options) <-chan Result {
	return start(ctx, osSource{openFn: openFile}, paths, opt)
}

// LoadFS is Load over every article file of fsys (the embedded seeds),
// naming each "prefix/PATH".
func LoadFS(ctx context.Context, fsys fs.FS, prefix string, opt Options) <-chan Result {
	return start(ctx, fsSource{fsys: fsys, prefix: prefix}, []string{"."}, opt)
}

// Collect drains a load into all its articles and problems, in order.
func Collect(ch <-chan Result) ([]Article, []Problem) {
	var arts []Article
	var probs []Problem
	for r := range ch {
		arts = append(arts, r.Articles...)
		probs = append(probs, r.Problems...)
	}
	return arts, probs
}

// job is one entry of the stable order: a file to read, or a problem the
// walk already found (it keeps its place in the order all the same).
type job struct {
	index   int
	name    string // for the source
	path    string // as shown to the user
	id      string // the file's identity, the base of its articles' IDs
	size    int64
	problem string // set when the walk already failed for this path
	weight  int64
	// fi is what the walk's stat said (nil when it failed); named says
	// the path was named by the user rather than found in a directory.
	fi    fs.FileInfo
	named bool
}

// start runs the pipeline: one walker producing jobs in the stable order,
// opt.Workers readers, and one emitter that puts results back in order.
// Tokens bound the jobs in flight to opt.window() and the budget their
// bytes to byteBudget, so the emitter's reorder buffer stays small. Both
// are taken by the walker in the stable order and given back by the
// emitter, so the earliest job never waits for a later one: no deadlock.
func start(ctx context.Context, src source, args []string, opt Options) <-chan Result {
	opt = opt.withDefaults()
	// The formats as they are now: a worker of a cancelled load that is
	// still finishing never reads a registry changed since (by a test).
	reg := formats
	out := make(chan Result)
	jobs := make(chan job)
	results := make(chan done, opt.window())
	tokens := make(chan struct{}, opt.window())
	budget := semaphore.NewWeighted(byteBudget)

	go func() {
		defer close(jobs)
		w := walker{ctx: ctx, src: src, reg: reg, visited: newVisitedSet()}
		q := queue{ctx: ctx, jobs: jobs, tokens: tokens, budget: budget, maxSize: opt.MaxSize}
		w.sink = q.emit
		for _, a := range args {
			if !w.arg(a) {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := done{readJob(src, reg, j, opt, nil), j.weight}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	go func() {
		defer close(out)
		pending := make(map[int]done)
		next := 0
		for r := range results {
			pending[r.Index] = r
			for {
				r, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				select {
				case out <- r.Result:
				case <-ctx.Done():
					return
				}
				next++
				<-tokens
				budget.Release(r.weight)
			}
		}
	}()
	return out
}

// walker turns the arguments into jobs, in the stable order, and hands
// them to sink: Load's queue, which reads them, or Walk's callback, which
// only looks.
type walker struct {
	ctx     context.Context
	src     source
	reg     registry
	visited visitedSet
	n       int
	sink    func(job) bool
	// onDir, if set, is told of each directory as it is entered; false
	// stops the walk.
	onDir func(Entry) bool
	// known, if set, reports directories walked already by an earlier
	// walk, which this one does not enter again.
	known func(fs.FileInfo) bool
	// toRead leaves unlooked at the files that their directory's listing
	// calls regular (see WalkToRead).
	toRead bool
}

// emit numbers one job in the stable order and hands it on; it reports
// false when the walk is to stop.
func (w *walker) emit(j job) bool {
	if w.ctx.Err() != nil {
		return false
	}
	j.index = w.n
	w.n++
	return w.sink(j)
}

// queue is Load's sink: it hands the jobs to the workers within the
// window and the byte budget.
type queue struct {
	ctx     context.Context
	jobs    chan<- job
	tokens  chan struct{}
	budget  *semaphore.Weighted
	maxSize int64
}

// emit queues one job; it reports false when the load was cancelled.
func (q *queue) emit(j job) bool {
	select {
	case q.tokens <- struct{}{}:
	case <-q.ctx.Done():
		return false
	}
	j.weight = 1 // a file that is not read costs nothing worth counting
	if j.problem == "" && j.size <= q.maxSize {
		j.weight = min(max(j.size, 1), byteBudget)
	}
	if err := q.budget.Acquire(q.ctx, j.weight); err != nil {
		return false
	}
	select {
	case q.jobs <- j:
		return true
	case <-q.ctx.Done():
		return false
	}
}

func (w *walker) fail(name, msg string) bool {
	return w.emit(job{name: name, path: w.src.display(name), problem: msg})
}

// arg handles one path the user named: a directory is walked, anything
// else is read as an article whatever its extension.
func (w *walker) arg(name string) bool {
	j, fi := namedJob(w.src, name)
	if fi != nil && fi.IsDir() {
		return w.dir(name, j.id, fi)
	}
	return w.emit(j)
}

// namedJob looks at a path named on its own (following links) and returns
// the job that reads it, holding the problem the look found: missing, a
// dangling link, not a regular file. fi is what stat said (nil when it
// failed); for a directory the job is not ready to run: Load walks it,
// ReadFile refuses it.
func namedJob(src source, name string) (job, fs.FileInfo) {
	j := job{name: name, path: src.display(name), named: true}
	fi, err := src.stat(name)
	if err != nil {
		j.problem = statError(src, name, err)
		return j, nil
	}
	j.id = src.id(name)
	j.fi = fi
	if msg := notRegular(fi); msg != "" {
		j.problem = msg
		return j, fi
	}
	j.size = fi.Size()
	return j, fi
}

// ReadFile reads and parses the one file name names, with exactly the
// rules Load applies to a file named on the command line: links are
// followed; anything but a regular file (a FIFO, a socket, a device, a
// directory) is refused without being opened, and checked again on the
// open file in case it was swapped since; a file over opt.MaxSize is
// refused from its size and never read past it even if it grows; a
// binary or empty file is an error; the format comes from the extension.
// The articles have the ID, Version and ModTime Load gives the same file
// (compare an ID or Version with an earlier load's to see that the file
// was edited, or replaced by a link to another), and Path is name as
// given. Problems are Load's, with the same messages.
//
// It costs one stat, the resolution of name's links, one open, one fstat
// and a read of the file, then its parse (BenchmarkReadFile_Seed: about
// 65 µs for the seed): cheap enough to read an article again each time a
// reader opens it. It never panics and is safe for concurrent use.
func ReadFile(name string, opt Options) ([]Article, []Problem) {
	return readNamed(osSource{openFn: openFile}, name, opt)
}

// ReadFileFS is ReadFile for the file name of fsys (the embedded seeds),
// naming it "prefix/name" as LoadFS does.
func ReadFileFS(fsys fs.FS, prefix, name string, opt Options) ([]Article, []Problem) {
	return readNamed(fsSource{fsys: fsys, prefix: prefix}, name, opt)
}

func readNamed(src source, name string, opt Options) ([]Article, []Problem) {
	j, _ := namedJob(src, name)
	r := readJob(src, formats, j, opt.withDefaults(), nil)
	return r.Articles, r.Problems
}

// dirEntry is one directory entry with what the walk needs to order it.
type dirEntry struct {
	name string
	fi   fs.FileInfo // nil when stat failed or was not made (walker.toRead)
	err  error
	key  string
	link bool
}

// lookAt is the entry name of directory dir as a walk sees it, given its
// type from the directory listing and a way to stat it without following
// a link (info); ok is false for an entry the walk never looks at: a
// hidden one, or a file no format claims (no stat is spent on an image or
// a log).
func (w *walker) lookAt(dir, name string, typ fs.FileMode, info func() (fs.FileInfo, error)) (e dirEntry, ok bool) {
	if strings.HasPrefix(name, ".") {
		return e, false
	}
	e = dirEntry{name: name, key: name, link: typ&fs.ModeSymlink != 0}
	if !e.link && !typ.IsDir() && !w.reg.isArticle(name) {
		return e, false
	}
	switch {
	case e.link:
		e.fi, e.err = w.src.stat(w.src.join(dir, name))
	case typ == 0 && w.toRead:
		// A regular file by its listing, for a walk whose files are all
		// read: the read looks at the open file (its size and time, and
		// whether it is still a regular file), so a stat now would be
		// one system call too many for each file.
		return e, true
	default:
		e.fi, e.err = info()
	}
	if e.err == nil && e.fi.IsDir() {
		e.key += "/"
	}
	return e, true
}

// lookAll is what lookAt finds of each entry of the directory name that
// the walk looks at, in the listing's order. A large directory's entries
// are looked at on every processor: a stat is a system call, and a warm
// start makes one for every file of the library (the 97,782 files of the
// generated library: 0.24–0.33 s on one processor, 0.20–0.22 s on two,
// BenchmarkWalk_Corpus).
func (w *walker) lookAll(name string, des []fs.DirEntry) []dirEntry {
	// An entry the walk does not look at stays zero: no name.
	looked := make([]dirEntry, len(des))
	look := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if e, ok := w.lookAt(name, des[i].Name(), des[i].Type(), des[i].Info); ok {
				looked[i] = e
			}
		}
	}
	if n := min(runtime.GOMAXPROCS(0), len(des)/minLookPart); n > 1 {
		var wg sync.WaitGroup
		for p := 1; p < n; p++ {
			wg.Go(func() { look(p*len(des)/n, (p+1)*len(des)/n) })
		}
		look(0, len(des)/n)
		wg.Wait()
	} else {
		look(0, len(des))
	}
	entries := looked[:0]
	for _, e := range looked {
		if e.name != "" {
			entries = append(entries, e)
		}
	}
	return entries
}

// minLookPart is the fewest entries lookAll gives a goroutine: below it
// a goroutine costs about what it saves.
const minLookPart = 128

// dir walks a directory depth first; id is its identity. Entries are
// sorted so that the walk visits paths in byte order: a subdirectory
// sorts as "name/", which is where all of its paths fall among its
// siblings. An entry that is not a link has its directory's identity
// plus its name, so only links cost a resolution.
func (w *walker) dir(name, id string, fi fs.FileInfo) bool {
	if w.ctx.Err() != nil {
		return false
	}
	if (w.known != nil && w.known(fi)) || !w.visited.add(fi) {
		return true // already walked: a link loop or a second path to it
	}
	if w.onDir != nil && !w.onDir(Entry{Kind: EntryDir, Path: w.src.display(name), ID: ID(id), Info: fi, name: name, src: w.src}) {
		return false
	}
	des, done, err := w.src.readDir(name)
	if err != nil {
		if !w.fail(name, reason(err)) {
			done()
			return false
		}
	}
	entries := w.lookAll(name, des)
	done()
	slices.SortFunc(entries, func(a, b dirEntry) int { return cmp.Compare(a.key, b.key) })
	// Joining a clean path with a name is putting a separator between
	// them: Clean once for the directory rather than once for each entry.
	join := w.src.join
	if sep := w.src.sep(); w.src.join(name, "") == name && w.src.join(id, "") == id &&
		!strings.HasSuffix(name, sep) && !strings.HasSuffix(id, sep) && name != "." && id != "." {
		join = func(dir, n string) string { return dir + sep + n }
	}
	for _, e := range entries {
		if !w.entry(name, id, e, join) {
			return false
		}
	}
	return true
}

// entry handles one entry e of the directory name (identity id), as
// lookAt found it, joining paths with join: a subdirectory is walked, an
// article file becomes a job, whatever cannot be read a problem.
func (w *walker) entry(name, id string, e dirEntry, join func(dir, name string) string) bool {
	child := join(name, e.name)
	childID := func() string {
		if e.link {
			return w.src.id(child)
		}
		if id == name {
			// A directory named by its identity (absolute, no link on
			// the way): the child's identity is its path, one string
			// for both (100,000 of them are a warm start's walk's).
			return child
		}
		return join(id, e.name)
	}
	switch {
	case e.err != nil:
		return w.fail(child, statError(w.src, child, e.err))
	case e.fi == nil:
		// Not looked at (see walker.toRead).
		return w.emit(job{name: child, path: w.src.display(child), id: childID()})
	case e.fi.IsDir() && w.reg.isArticle(e.name):
		return w.fail(child, "is a directory")
	case e.fi.IsDir():
		return w.dir(child, childID(), e.fi)
	case !w.reg.isArticle(e.name):
		return true
	case notRegular(e.fi) != "":
		return w.fail(child, notRegular(e.fi))
	}
	return w.emit(job{name: child, path: w.src.display(child), id: childID(), size: e.fi.Size(), fi: e.fi})
}

// statError explains why name could not be looked at; a link whose target
// is missing says so rather than "no such file or directory".
func statError(src source, name string, err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		if li, lerr := src.lstat(name); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			return "dangling symbolic link"
		}
	}
	return reason(err)
}

// notRegular names what kind of non-regular file fi is, or "" for a
// regular file. Such files are never opened: a FIFO would block.
func notRegular(fi fs.FileInfo) string {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return ""
	case m&fs.ModeNamedPipe != 0:
		return "not a regular file (named pipe)"
	case m&fs.ModeSocket != 0:
		return "not a regular file (socket)"
	case m&fs.ModeDevice != 0:
		return "not a regular file (device)"
	case m.IsDir():
		return "is a directory"
	default:
		return "not a regular file"
	}
}

// reason is err without the path an *fs.PathError repeats: problems are
// printed as "PATH: reason".
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	}
	return err.Error()
}

// readJob reads and parses one file. The size is checked before reading
// (from the walk's stat and again on the open file), and the read is
// limited in case the file grows meanwhile, so no file costs more than
// opt.MaxSize bytes of memory. opt has its defaults. With use, the
// Result goes to use, before the file's buffer is given back for the
// next file, and its articles' strings are not copied out of that buffer
// (see Entry.ReadThen); readJob then returns the zero Result.
func readJob(src source, reg registry, j job, opt Options, use func(Result)) Result {
	maxSize := opt.MaxSize
	r := Result{Index: j.index, Path: j.path, ID: ID(j.id)}
	fail := func(msg string) Result {
		r.Problems = []Problem{{Path: j.path, Severity: SeverityError, Message: msg}}
		return handOver(r, use)
	}
	if j.problem != "" {
		return fail(j.problem)
	}
	if j.size > maxSize {
		return fail(tooLarge(j.size, maxSize))
	}
	f, err := src.open(j.name)
	if err != nil {
		return fail(reason(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fail(reason(err))
	}
	r.Size, r.ModTime = fi.Size(), fi.ModTime()
	if msg := notRegular(fi); msg != "" {
		return fail(msg)
	}
	if fi.Size() > maxSize {
		return fail(tooLarge(fi.Size(), maxSize))
	}
	sc := takeScratch()
	defer keepScratch(sc)
	data, err := readAll(io.LimitReader(f, maxSize+1), sc.readBuf(min(fi.Size(), maxSize)+1), fi.Size())
	sc.data = data // grown, for the next file
	if err != nil {
		return fail(reason(err))
	}
	if int64(len(data)) > maxSize {
		return fail(tooLarge(int64(len(data)), maxSize))
	}
	room := sc // a borrowed read's articles are built in it too
	if use == nil {
		room = nil
	}
	r.Articles, r.Problems = parse(j.path, ID(j.id), data, reg.of(j.name), opt.NoBody, room)
	for i := range r.Articles {
		r.Articles[i].ModTime = fi.ModTime()
	}
	return handOver(r, use) // before the deferred keepScratch
}

// handOver is what a read with use returns: r itself without use; with
// use, r goes to use and the zero Result is returned.
func handOver(r Result, use func(Result)) Result {
	if use == nil {
		return r
	}
	use(r)
	return Result{}
}

// scratch is what one read uses and gives back for the next reads,
// through scratches: the buffer its file is read into, and the room a
// borrowed read builds its articles in (see formatSpec.Head): the
// articles, their reactions and the paragraphs joined from several lines.
// What parse keeps of a file it copies (cleanRaw), or, borrowed, hands
// over before the read ends, so all of it is free once the read has
// ended. A cold load of 100,000 files allocated 430 MB for the buffers
// alone, a quarter of all it allocated; the articles' room was another
// 160 MB.
type scratch struct {
	data      []byte
	arts      []Article
	reactions []Reaction
	buf       []byte
}

// scratches holds the scratch of reads that have ended, for the next.
var scratches = sync.Pool{New: func() any { return new(scratch) }}

// The most a kept scratch holds: a few large files (over 1 MiB, or of
// thousands of reactions) get room of their own, which goes with them.
const (
	maxKeptReadBuf   = 1 << 20
	maxKeptReactions = 1024
	maxKeptJoined    = 256 << 10
)

// minReadBuf is the least a kept read buffer is made with: room for most
// articles, so that one buffer serves file after file.
const minReadBuf = 64 << 10

// takeScratch is a scratch for one read.
func takeScratch() *scratch { return scratches.Get().(*scratch) }

// keepScratch gives sc back to scratches once nothing refers to what it
// holds.
func keepScratch(sc *scratch) {
	sc.reset()
	scratches.Put(sc)
}

// readBuf is an empty buffer of at least n bytes' capacity, sc's own if
// it is large enough.
func (sc *scratch) readBuf(n int64) []byte {
	if int64(cap(sc.data)) >= n {
		return sc.data[:0]
	}
	if n <= maxKeptReadBuf {
		n = max(n, minReadBuf)
	}
	return make([]byte, 0, n)
}

// reset empties sc for another read, letting go of what its articles
// point to and of what a large file grew it to.
func (sc *scratch) reset() {
	clear(sc.arts)
	clear(sc.reactions)
	sc.arts, sc.reactions = sc.arts[:0], sc.reactions[:0]
	if cap(sc.data) > maxKeptReadBuf {
		sc.data = nil
	}
	if cap(sc.reactions) > maxKeptReactions {
		sc.reactions = nil
	}
	if cap(sc.buf) > maxKeptJoined {
		sc.buf = nil
	}
}

// readAll is io.ReadAll into a buffer already sized for the file, so a
// file of known size is read without growing copies. size is what stat
// said: once that much is read, a read that does not fill what is left
// of the buffer is taken as the end of the file, as it is for a regular
// file, saving the read that would only say so (one system call in
// five of a cold load). A file that grew since its stat is read on
// until a read comes back short; one that grows after is read as it
// stood, as it would be a moment sooner.
func readAll(r io.Reader, b []byte, size int64) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		room := cap(b) - len(b)
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if n > 0 && n < room && int64(len(b)) >= size {
			return b, nil
		}
	}
}

// tooLarge is the message for a file over the limit, e.g. "file too large
// (200 MiB, limit 16 MiB)".
func tooLarge(size, limit int64) string {
	return fmt.Sprintf("file too large (%s, limit %s)", sizeText(size), sizeText(limit))
}

// sizeText writes n bytes in the largest unit it reaches (MiB, KiB or
// bytes), rounded up so that a file just over a limit never reads as
// equal to it.
func sizeText(n int64) string {
	const kib, mib = 1 << 10, 1 << 20
	switch {
	case n >= mib:
		return fmt.Sprintf("%d MiB", (n+mib-1)/mib)
	case n >= kib:
		return fmt.Sprintf("%d KiB", (n+kib-1)/kib)
	}
	return fmt.Sprintf("%d bytes", n)
}
