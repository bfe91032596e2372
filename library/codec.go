package library

import (
	"encoding/binary"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/newsdesk/newsdesk/article"
)

// codecVersion is the first byte of a saved library: one written in
// another layout is not read (the library is loaded from its files).
const codecVersion = 7

// Bounds a saved library must respect; one past them is damaged.
const (
	maxSavedCount = 1 << 28
	maxSavedList  = 1 << 16
)

var errBadSave = errors.New("library: damaged saved library")

// savedFile is one path of a saved library: its record and its place.
type savedFile struct {
	path    string
	id      article.ID
	size    int64
	mtime   int64
	version article.Version
	file    int
	named   bool
	probs   []article.Problem
	arts    []*Summary
}

// encodeLibrary is a library's files (in load order, each with its
// articles as the snapshot holds them) and the snapshot's sort orders, in
// the index's layout:
//
//	header: version byte; the numbers of articles, of list items (tags,
//	  names, roles, warnings), of quote hashes, of roots, of bytes of
//	  text, of strings in the string table and of files; then its own
//	  64-bit xxHash, so that no count is trusted before it is checked
//	the roots as named
//	text: every file's path and identity and every article's ID suffix,
//	  headline, byline and filter key, one after another (the records say
//	  how long)
//	string table: the short strings every article repeats (places, dates,
//	  sources, tags, commentators' names and roles, warnings, problem
//	  severities and messages), each once
//	files: root, path, identity, size, time, version, place, problems,
//	  then each article (ID suffix, format, headline, byline, filter key
//	  and where its headline ends, place in a JSON array, place, date,
//	  parsed time, source, tags, names, roles, quote hashes, warnings),
//	  short strings as string-table numbers
//	the four sort orders, as indexes into the articles in that order
//	the 64-bit xxHash of everything before it
//
// The counts and the text let a start decode 100,000 articles into a few
// large allocations rather than a million small ones. A path is found
// again under the root the user named (roots, in order), so a library
// named another way (relative, absolute) reads it too.
//
// The encoding is handed to put in parts of savePart bytes (each valid
// until put returns), and its size returned. Only the body (the records'
// numbers) is built in memory first, since the string table it fills
// comes before it; the text (most of the save), the table and the sort
// orders are written as they are read. Joined in memory first, they were
// 45 MB at 100,000 articles every time the library was saved.
func encodeLibrary(roots []string, files []savedFile, orders *[sorts][]int32, put func([]byte) error) (int64, error) {
	// Each file's root, found once; and the body's size, about: grown by
	// append from a guess too small, it was copied twice over (17 MB at
	// 100,000 articles).
	prefixes := rootPrefixes(roots)
	fileRoot := make([]int, len(files))
	nSums, nItems, kept := 0, 0, 0
	for i, f := range files {
		fileRoot[i] = rootOf(roots, prefixes, f.path, f.named)
		if fileRoot[i] >= 0 {
			kept++
		}
		nSums += len(f.arts)
		for _, s := range f.arts {
			nItems += len(s.Tags) + 2*len(s.Names) + len(s.Warnings) + 3*len(s.Quotes)
		}
	}
	textLen := 0
	body := make([]byte, 0, 32*len(files)+32*nSums+3*nItems)
	table := map[string]uint64{}
	var strs []string
	nRefs, nQuotes := 0, 0
	putText := func(s string) {
		body = binary.AppendUvarint(body, uint64(len(s)))
		textLen += len(s)
	}
	ref := func(s string) {
		i, ok := table[s]
		if !ok {
			i = uint64(len(strs))
			table[s] = i
			strs = append(strs, s)
		}
		body = binary.AppendUvarint(body, i)
	}
	refs := func(list []string) {
		body = binary.AppendUvarint(body, uint64(len(list)))
		nRefs += len(list)
		for _, s := range list {
			ref(s)
		}
	}
	// files' articles, one after another, are what orders index; those
	// of a file under no root are left out (the next start reads it).
	nArts, all := 0, 0
	at := make([]int32, 0, nSums)
	for i, f := range files {
		root := fileRoot[i]
		if root < 0 {
			for range f.arts {
				at = append(at, -1)
				all++
			}
			continue
		}
		body = binary.AppendUvarint(body, uint64(root))
		putText(f.path)
		putText(string(f.id))
		body = binary.AppendVarint(body, f.size)
		body = binary.AppendVarint(body, f.mtime)
		body = binary.LittleEndian.AppendUint64(body, uint64(f.version))
		body = binary.AppendUvarint(body, uint64(f.file))
		body = binary.AppendUvarint(body, uint64(len(f.probs)))
		for _, p := range f.probs {
			body = appendString(body, strings.TrimPrefix(p.Path, f.path))
			body = binary.AppendUvarint(body, uint64(max(p.Line, 0)))
			body = binary.AppendUvarint(body, uint64(max(p.Col, 0)))
			ref(string(p.Severity))
			ref(p.Message)
		}
		body = binary.AppendUvarint(body, uint64(len(f.arts)))
		for _, s := range f.arts {
			at = append(at, int32(nArts))
			nArts++
			all++
			putText(idSuffix(s, f))
			ref(string(s.Format))
			putText(s.Headline)
			putText(s.Byline)
			// The key is saved, not built again: building 100,000 takes
			// 63 ms (BenchmarkNewKey100k), a sixth of a warm start.
			putText(s.Key.text)
			body = binary.AppendUvarint(body, uint64(s.Key.head))
			body = binary.AppendUvarint(body, uint64(s.Elem))
			ref(s.Place)
			ref(s.Date)
			if s.When.IsZero() {
				body = append(body, 0)
			} else {
				body = append(body, 1)
				body = binary.AppendVarint(body, s.When.Unix())
				body = binary.AppendUvarint(body, uint64(s.When.Nanosecond()))
			}
			ref(s.Source)
			refs(s.Tags)
			refs(s.Names)
			refs(s.Roles)
			body = binary.AppendUvarint(body, uint64(len(s.Quotes)))
			nQuotes += len(s.Quotes)
			for _, q := range s.Quotes {
				body = binary.LittleEndian.AppendUint64(body, q)
			}
			refs(s.Warnings)
		}
	}
	h := header{arts: nArts, refs: nRefs, quotes: nQuotes, roots: len(roots), text: textLen, strs: len(strs), files: kept}
	head := h.append(nil)
	head = binary.LittleEndian.AppendUint64(head, xxhash.Sum64(head))
	for _, r := range roots {
		head = appendString(head, r)
	}
	w := &partWriter{buf: make([]byte, 0, savePart), put: put, sum: xxhash.New()}
	w.write(head)
	// The text: what putText counted, in the same order.
	for i, f := range files {
		if fileRoot[i] < 0 {
			continue
		}
		w.writeString(f.path)
		w.writeString(string(f.id))
		for _, s := range f.arts {
			w.writeString(idSuffix(s, f))
			w.writeString(s.Headline)
			w.writeString(s.Byline)
			w.writeString(s.Key.text)
		}
	}
	if w.n != int64(len(head)+textLen) && w.err == nil {
		w.err = errors.New("library: the saved text is not the length counted")
	}
	b := make([]byte, 0, 64) // one value at a time
	for _, s := range strs {
		b = appendString(b[:0], s)
		w.write(b)
	}
	w.write(body)
	for by := range sorts {
		for _, i := range orders[by] {
			if int(i) < all && at[i] >= 0 {
				w.write(binary.LittleEndian.AppendUint32(b[:0], uint32(at[i])))
			}
		}
	}
	return w.close()
}

// idSuffix is what s's ID adds to its file's (the "#N" of a JSON array's
// article).
func idSuffix(s *Summary, f savedFile) string {
	return strings.TrimPrefix(string(s.ID), string(f.id))
}

// partWriter cuts what is written into parts of len(buf) bytes for put,
// hashing it on its way, and ends it with the checksum.
type partWriter struct {
	buf []byte
	put func([]byte) error
	sum *xxhash.Digest
	n   int64 // bytes written
	err error
}

func (w *partWriter) write(b []byte) { writeTo(w, b) }

// writeString is write for a string, without a copy of it.
func (w *partWriter) writeString(s string) { writeTo(w, s) }

// writeTo appends b to w's part, handing on each part that fills.
func writeTo[S string | []byte](w *partWriter, b S) {
	for len(b) > 0 && w.err == nil {
		k := min(len(b), cap(w.buf)-len(w.buf))
		w.buf = append(w.buf, b[:k]...)
		b = b[k:]
		w.n += int64(k)
		if len(w.buf) == cap(w.buf) {
			w.flush()
		}
	}
}

// flush hands the part held to put.
func (w *partWriter) flush() {
	if len(w.buf) == 0 || w.err != nil {
		return
	}
	_, _ = w.sum.Write(w.buf)
	w.err = w.put(w.buf)
	w.buf = w.buf[:0]
}

// close writes the checksum of all written before it and the last part,
// and returns the size of the whole.
func (w *partWriter) close() (int64, error) {
	w.flush()
	var sum [8]byte
	binary.LittleEndian.PutUint64(sum[:], w.sum.Sum64())
	w.write(sum[:])
	w.flush()
	return w.n, w.err
}

// header is what a saved library begins with: the counts that size the
// decoding's allocations.
type header struct {
	arts, refs, quotes, roots, text, strs, files int
}

// counts are h's counts in the order they are saved.
func (h *header) counts() []*int {
	return []*int{&h.arts, &h.refs, &h.quotes, &h.roots, &h.text, &h.strs, &h.files}
}

// append is h encoded after b: the version byte, then each count.
func (h header) append(b []byte) []byte {
	b = append(b, codecVersion)
	for _, n := range h.counts() {
		b = binary.AppendUvarint(b, uint64(*n))
	}
	return b
}

// rootOf is the root (an index into roots, whose rootPrefixes are
// prefixes) that the walk finds path under; -1 for none.
func rootOf(roots, prefixes []string, path string, named bool) int {
	for i, r := range roots {
		if named {
			if path == r {
				return i
			}
			continue
		}
		if rel, ok := strings.CutPrefix(path, prefixes[i]); ok && rel != "" && !filepath.IsAbs(rel) && !strings.HasPrefix(rel, "..") {
			return i
		}
	}
	return -1
}

// rootPrefixes is the rootPrefix of each root.
func rootPrefixes(roots []string) []string {
	out := make([]string, len(roots))
	for i, r := range roots {
		out[i] = rootPrefix(r)
	}
	return out
}

// rootPrefix is what the walk's paths under the directory root begin
// with: its clean path and a separator ("" for ".").
func rootPrefix(root string) string {
	switch c := filepath.Clean(root); {
	case c == ".":
		return ""
	case strings.HasSuffix(c, string(filepath.Separator)):
		return c
	default:
		return c + string(filepath.Separator)
	}
}

// decodeParts reads a saved library back for roots (the paths as the
// user named them this time): its files, each with its articles (seq as
// saved), and the sort orders as indexes into the articles of the files
// in that order. The summaries, their lists and their text are cut from
// a few large allocations (one string holds every path, identity,
// headline and byline), which are theirs alone: nothing keeps the saved
// bytes alive. A summary replaced later keeps its neighbours' memory, at
// most one load's worth. A checksum guards the whole: a damaged save is
// refused, never half-read.
//
// The library is size bytes that come in parts: next returns each in
// turn (valid until the next call; nil, nil after the last). Each part is
// decoded as it comes, so the whole is never held at once. What the parts
// give is refused unless it is size bytes whose checksum holds, and an
// error of next is returned. textRead, if set, is called once the text
// is read: the parts it came in (most of the save) are then garbage.
func decodeParts(size int64, next func() ([]byte, error), roots []string, textRead func()) ([]*fileData, *[sorts][]int32, error) {
	if size < 9 {
		return nil, nil, errBadSave
	}
	src := &savedBytes{parts: next, left: size - 8, h: xxhash.New()}
	r := reader{src: src}
	files, orders := r.library(roots, textRead)
	if err := src.end(); err != nil {
		return nil, nil, err
	}
	if r.err != nil || r.remaining() != 0 {
		return nil, nil, errBadSave
	}
	return files, orders, nil
}

// library decodes the saved library r reads.
func (r *reader) library(roots []string, textRead func()) ([]*fileData, *[sorts][]int32) {
	if r.byte() != codecVersion {
		r.fail()
		return nil, nil
	}
	var h header
	for _, n := range h.counts() {
		*n = r.count(maxSavedCount)
	}
	// The counts size what is allocated next: a damaged one is refused
	// here, not by the checksum of the whole once it has been allocated.
	if r.uint64() != xxhash.Sum64(h.append(nil)) || h.roots != len(roots) || r.err != nil {
		r.fail()
		return nil, nil
	}
	nArts, nRefs, nQuotes := h.arts, h.refs, h.quotes
	saved := make([]string, h.roots)
	for i := range saved {
		saved[i] = r.str()
	}
	savedPrefixes, rootsPrefixes := rootPrefixes(saved), rootPrefixes(roots)
	r.text = r.strN(uint64(h.text))
	if textRead != nil {
		textRead()
	}
	strs := make([]string, h.strs)
	for i := range strs {
		strs[i] = intern(r.str())
	}
	r.strs = strs
	r.refSlab = make([]string, nRefs)
	quotes := make([]uint64, nQuotes)
	slab := make([]Summary, nArts)
	ptrs := make([]*Summary, nArts)
	for i := range slab {
		ptrs[i] = &slab[i]
	}
	files := make([]*fileData, h.files)
	datas := make([]fileData, len(files))
	n := 0 // articles decoded
	for i := range files {
		d := &datas[i]
		root := r.count(len(roots) - 1)
		path := r.text1()
		d.id = article.ID(r.text1())
		d.size = r.varint()
		d.mtime = r.varint()
		d.version = article.Version(r.uint64())
		d.file = r.count(maxSavedCount)
		if r.err != nil {
			break
		}
		switch rel, ok := strings.CutPrefix(path, savedPrefixes[root]); {
		case roots[root] == saved[root]:
			d.path = path
		case path == saved[root]:
			d.path, d.named = roots[root], true
		case ok:
			d.path = rootsPrefixes[root] + rel
		default:
			r.fail()
		}
		d.named = d.named || path == saved[root]
		d.name = d.path
		for range r.count(maxSavedList) {
			p := article.Problem{Path: d.path + r.str()}
			p.Line, p.Col = r.count(1<<31), r.count(1<<31)
			p.Severity = article.Severity(r.ref())
			p.Message = r.ref()
			d.probs = append(d.probs, p)
		}
		k := r.count(nArts - n)
		d.arts = ptrs[n : n+k : n+k]
		for j, s := range d.arts {
			// Field by field: the slab is zeroed already, and a whole
			// struct assigned costs a copy with write barriers.
			s.Version, s.Path, s.name, s.seq, s.mtime = d.version, d.path, d.name, d.file*fileSeq+j, d.mtime
			s.ID = d.id
			if suffix := r.text1(); suffix != "" {
				s.ID = d.id + article.ID(suffix)
			}
			s.Format = article.Format(r.ref())
			s.Headline = r.text1()
			s.Byline = r.text1()
			s.Key.text = r.text1()
			s.Key.head = uint16(r.count(len(s.Key.text)))
			s.Elem = r.count(maxSavedCount)
			s.Place = r.ref()
			s.Date = r.ref()
			if r.byte() == 1 {
				sec := r.varint()
				s.When = time.Unix(sec, int64(r.count(999_999_999)))
			}
			s.Source = r.ref()
			s.Tags = r.refs()
			s.Names = r.refs()
			s.Roles = r.refs()
			if nq := r.count(len(quotes)); nq > 0 {
				s.Quotes, quotes = quotes[:nq:nq], quotes[nq:]
				for q := range s.Quotes {
					s.Quotes[q] = r.uint64()
				}
			}
			s.Warnings = r.refs()
			s.Reactions = len(s.Names)
			if len(s.Roles) != len(s.Names) || len(s.Quotes) != len(s.Names) {
				r.fail()
			}
		}
		n += k
		files[i] = d
	}
	if r.err != nil || n != nArts {
		r.fail()
		return nil, nil
	}
	var orders [sorts][]int32
	seen := make([]bool, nArts)
	for by := range sorts {
		o := make([]int32, nArts)
		clear(seen)
		for k := range o {
			i := r.uint32()
			if int(i) >= nArts || seen[i] {
				r.fail() // not a permutation
				return nil, nil
			}
			seen[i] = true
			o[k] = int32(i)
		}
		orders[by] = o
	}
	return files, &orders
}

// savedBytes hands a saved library to a reader part after part: the body
// (all but the last 8 bytes), hashed on its way, and then the checksum
// those 8 bytes hold.
type savedBytes struct {
	parts func() ([]byte, error)
	left  int64 // bytes of the body still to come
	h     *xxhash.Digest
	sum   []byte // the checksum's bytes, as they come
	err   error
}

// next is the next bytes of the body; nil when it has all come (or the
// parts failed).
func (s *savedBytes) next() []byte {
	for s.err == nil {
		p, err := s.parts()
		if err != nil || p == nil {
			s.err = err
			return nil
		}
		k := int(min(int64(len(p)), s.left))
		s.left -= int64(k)
		_, _ = s.h.Write(p[:k])
		if s.sum = append(s.sum, p[k:]...); len(s.sum) > 8 {
			s.err = errBadSave // more than was saved
			return nil
		}
		if k > 0 {
			return p[:k]
		}
	}
	return nil
}

// end reads what is left of the parts and reports whether they were the
// size saved and the checksum holds (errBadSave if not), or their error.
func (s *savedBytes) end() error {
	for s.next() != nil {
	}
	switch {
	case s.err != nil:
		return s.err
	case s.left != 0 || len(s.sum) != 8 || binary.LittleEndian.Uint64(s.sum) != s.h.Sum64():
		return errBadSave
	}
	return nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// reader decodes a saved library, which comes in parts: b is the unread
// rest of the current one, src gives the ones after, and a value cut by
// the end of a part is put together in join (pend then holds what
// follows it). The first error sticks and every later read
// returns zero values. text is the saved text, strs the string table,
// refSlab the storage the lists are cut from.
type reader struct {
	b       []byte
	src     *savedBytes
	pend    []byte
	join    []byte
	err     error
	text    string
	strs    []string
	refSlab []string
}

func (r *reader) fail() { r.err, r.b, r.pend, r.src = errBadSave, nil, nil, nil }

// more makes the next part current, once b is read; false at the end.
func (r *reader) more() bool {
	switch {
	case r.pend != nil:
		r.b, r.pend = r.pend, nil
	case r.src != nil:
		r.b = r.src.next()
	default:
		r.b = nil
	}
	return len(r.b) > 0
}

// gather makes b hold at least n bytes, when that many are left: those cut
// by the end of a part are put together in join.
func (r *reader) gather(n int) {
	if len(r.b) >= n || r.err != nil {
		return
	}
	j := append(r.join[:0], r.b...)
	r.b = nil
	for len(j) < n && r.more() {
		k := min(n-len(j), len(r.b))
		j = append(j, r.b[:k]...)
		if k < len(r.b) {
			r.pend = r.b[k:]
		}
		r.b = nil
	}
	r.join, r.b = j, j
}

// remaining is how many bytes of the body are still to be read.
func (r *reader) remaining() int64 {
	n := int64(len(r.b) + len(r.pend))
	if r.src != nil {
		n += r.src.left
	}
	return n
}

func (r *reader) byte() byte {
	if len(r.b) == 0 && !r.more() {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) uvarint() uint64 {
	if len(r.b) > 0 && r.b[0] < 0x80 {
		// Most numbers (string-table refs, lengths) fit one byte.
		v := uint64(r.b[0])
		r.b = r.b[1:]
		return v
	}
	r.gather(binary.MaxVarintLen64)
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	r.gather(binary.MaxVarintLen64)
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// take is the next n bytes (a few: gather puts them together across
// parts), nil when there are not that many left.
func (r *reader) take(n int) []byte {
	r.gather(n)
	if len(r.b) < n {
		r.fail()
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) uint64() uint64 {
	if b := r.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (r *reader) uint32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

// count reads a number of at most limit.
func (r *reader) count(limit int) int {
	v := r.uvarint()
	if limit < 0 || v > uint64(limit) {
		r.fail()
		return 0
	}
	return int(v)
}

// str is the next string, as long as the number before it says.
func (r *reader) str() string { return r.strN(r.uvarint()) }

// strN is the next n bytes as a string, a copy of the saved bytes (put
// together from the parts they span).
func (r *reader) strN(n uint64) string {
	if n <= uint64(len(r.b)) {
		s := string(r.b[:n])
		r.b = r.b[n:]
		return s
	}
	if r.err != nil || n > uint64(r.remaining()) {
		r.fail()
		return ""
	}
	var b strings.Builder
	b.Grow(int(n))
	for b.Len() < int(n) {
		if len(r.b) == 0 && !r.more() {
			r.fail()
			return ""
		}
		k := min(int(n)-b.Len(), len(r.b))
		b.Write(r.b[:k])
		r.b = r.b[k:]
	}
	return b.String()
}

// text1 is the next string of the text, as long as the next number says.
func (r *reader) text1() string {
	n := r.uvarint()
	if n > uint64(len(r.text)) {
		r.fail()
		return ""
	}
	s := r.text[:n]
	r.text = r.text[n:]
	return s
}

// ref is the string-table string the next number names.
func (r *reader) ref() string {
	i := r.uvarint()
	if i >= uint64(len(r.strs)) {
		r.fail()
		return ""
	}
	return r.strs[i]
}

// refs is a list of string-table strings (nil when empty), cut from
// refSlab.
func (r *reader) refs() []string {
	n := r.count(min(maxSavedList, len(r.refSlab)))
	if n == 0 {
		return nil
	}
	out := r.refSlab[:n:n]
	r.refSlab = r.refSlab[n:]
	for i := range out {
		out[i] = r.ref()
	}
	return out
}
