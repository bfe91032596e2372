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
const codecVersion = 4

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
//	version byte, number of articles
//	string table: the short strings every article repeats (places, dates,
//	  sources, tags, commentators' names and roles, warnings, problem
//	  messages), each once
//	files: root, path under it, identity, size, time, version, place,
//	  problems, then each article (ID suffix, format, headline, byline,
//	  place, date, parsed time, source, tags, names, roles, quote
//	  hashes, warnings), short strings as string-table numbers
//	the four sort orders, as indexes into the articles in that order
//	the 64-bit xxHash of everything before it
//
// Paths are stored under the root the user named (roots, in order), so
// that a library named another way (relative, absolute) reads it too.
func encodeLibrary(roots []string, files []savedFile, orders *[sorts][]int32) []byte {
	var body []byte
	table := map[string]uint64{}
	var strs []string
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
		for _, s := range list {
			ref(s)
		}
	}
	// files' articles, one after another, are what orders index; those
	// of a file under no root are left out (the next start reads it).
	nArts, all := 0, 0
	at := []int32{}
	kept := 0
	for _, f := range files {
		if root, _ := rootOf(roots, f.path, f.named); root >= 0 {
			kept++
		}
	}
	body = binary.AppendUvarint(body, uint64(kept))
	for _, f := range files {
		root, rel := rootOf(roots, f.path, f.named)
		if root < 0 {
			for range f.arts {
				at = append(at, -1)
				all++
			}
			continue
		}
		body = binary.AppendUvarint(body, uint64(root))
		body = appendString(body, rel)
		body = appendString(body, string(f.id))
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
			body = appendString(body, strings.TrimPrefix(string(s.ID), string(f.id)))
			ref(string(s.Format))
			body = appendString(body, s.Headline)
			body = appendString(body, s.Byline)
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
			for _, q := range s.Quotes {
				body = binary.LittleEndian.AppendUint64(body, q)
			}
			refs(s.Warnings)
		}
	}
	b := make([]byte, 0, len(body)+len(strs)*16+nArts*16+16)
	b = append(b, codecVersion)
	b = binary.AppendUvarint(b, uint64(nArts))
	b = binary.AppendUvarint(b, uint64(len(strs)))
	for _, s := range strs {
		b = appendString(b, s)
	}
	b = append(b, body...)
	b = binary.AppendUvarint(b, uint64(nArts))
	for by := range sorts {
		for _, i := range orders[by] {
			if int(i) < all && at[i] >= 0 {
				b = binary.LittleEndian.AppendUint32(b, uint32(at[i]))
			}
		}
	}
	return binary.LittleEndian.AppendUint64(b, xxhash.Sum64(b))
}

// rootOf is the root (an index into roots) that the walk finds path
// under, and path relative to it ("" for a file named on its own).
func rootOf(roots []string, path string, named bool) (int, string) {
	for i, r := range roots {
		if named {
			if path == r {
				return i, ""
			}
			continue
		}
		if c := filepath.Clean(r); c == "." && !filepath.IsAbs(path) && !strings.HasPrefix(path, "..") {
			return i, filepath.ToSlash(path)
		} else if rel, ok := strings.CutPrefix(path, c+string(filepath.Separator)); ok {
			return i, filepath.ToSlash(rel)
		} else if c == string(filepath.Separator) && strings.HasPrefix(path, c) {
			return i, filepath.ToSlash(path[1:])
		}
	}
	return -1, path
}

// decodeLibrary reads a saved library back for roots (the paths as the
// user named them this time): its files, each with its articles (seq as
// saved), and the sort orders as indexes into the articles of the files
// in that order. Every string is a copy (the short ones interned), so
// nothing keeps the saved bytes alive. A checksum guards the whole: a
// damaged save is refused, never half-read.
func decodeLibrary(b []byte, roots []string) ([]*fileData, *[sorts][]int32, error) {
	if len(b) < 9 || b[0] != codecVersion {
		return nil, nil, errBadSave
	}
	if binary.LittleEndian.Uint64(b[len(b)-8:]) != xxhash.Sum64(b[:len(b)-8]) {
		return nil, nil, errBadSave
	}
	r := reader{b: b[1 : len(b)-8]}
	// The summaries in one allocation, not one each: a warm start of
	// 100,000 articles allocates and later marks far fewer objects. (A
	// summary replaced since keeps the others' memory: at most one
	// load's worth.)
	slab := make([]Summary, r.count(min(maxSavedCount, len(r.b))))
	strs := make([]string, r.count(maxSavedCount))
	for i := range strs {
		strs[i] = intern(r.str())
	}
	r.strs = strs
	// A root's files are its clean path, a separator and the path under
	// it (clean, as saved): put together without filepath.Join's Clean.
	prefix := make([]string, len(roots))
	for i, root := range roots {
		switch c := filepath.Clean(root); {
		case c == ".":
		case strings.HasSuffix(c, string(filepath.Separator)):
			prefix[i] = c
		default:
			prefix[i] = c + string(filepath.Separator)
		}
	}
	files := make([]*fileData, r.count(maxSavedCount))
	nArts := 0
	for i := range files {
		root := r.count(len(roots) - 1)
		rel := r.str()
		d := &fileData{file: -1}
		d.id = article.ID(r.str())
		d.size = r.varint()
		d.mtime = r.varint()
		d.version = article.Version(r.uint64())
		d.file = r.count(maxSavedCount)
		if r.err != nil {
			break
		}
		if rel == "" {
			d.path, d.named = roots[root], true
		} else {
			d.path = prefix[root] + filepath.FromSlash(rel)
		}
		d.name = d.path
		for range r.count(maxSavedList) {
			p := article.Problem{Path: d.path + r.str()}
			p.Line, p.Col = r.count(1<<31), r.count(1<<31)
			p.Severity = article.Severity(r.ref())
			p.Message = r.ref()
			d.probs = append(d.probs, p)
		}
		n := r.count(maxSavedCount)
		if n > 0 && r.err == nil {
			d.arts = make([]*Summary, 0, min(n, len(r.b)))
		}
		for k := 0; k < n && r.err == nil; k++ {
			if nArts+k >= len(slab) {
				r.fail()
				break
			}
			// Field by field: the slab is zeroed already, and a whole
			// struct assigned costs a copy with write barriers.
			s := &slab[nArts+k]
			s.Version, s.Path, s.name, s.seq = d.version, d.path, d.name, d.file*fileSeq+k
			if d.mtime != 0 {
				s.mtime = d.mtime
			}
			s.ID = d.id + article.ID(r.str())
			s.Format = article.Format(r.ref())
			s.Headline = r.str()
			s.Byline = r.str()
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
			if nq := r.count(maxSavedList); nq > 0 {
				s.Quotes = make([]uint64, nq)
				for q := range s.Quotes {
					s.Quotes[q] = r.uint64()
				}
			}
			s.Warnings = r.refs()
			s.Reactions = len(s.Names)
			if len(s.Roles) != len(s.Names) || len(s.Quotes) != len(s.Names) {
				r.fail()
			}
			d.arts = append(d.arts, s)
		}
		nArts += len(d.arts)
		files[i] = d
	}
	if r.err != nil || len(slab) != nArts || r.count(maxSavedCount) != nArts || len(r.b) != int(sorts)*4*nArts {
		return nil, nil, errBadSave
	}
	var orders [sorts][]int32
	seen := make([]bool, nArts)
	for by := range sorts {
		o := make([]int32, nArts)
		clear(seen)
		for k := range o {
			i := binary.LittleEndian.Uint32(r.b[4*k:])
			if int(i) >= nArts || seen[i] {
				return nil, nil, errBadSave // not a permutation
			}
			seen[i] = true
			o[k] = int32(i)
		}
		r.b = r.b[4*nArts:]
		orders[by] = o
	}
	return files, &orders, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// reader decodes a saved library; the first error sticks and every later
// read returns zero values.
type reader struct {
	b    []byte
	err  error
	strs []string
}

func (r *reader) fail() { r.err, r.b = errBadSave, nil }

func (r *reader) byte() byte {
	if len(r.b) == 0 {
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
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) uint64() uint64 {
	if len(r.b) < 8 {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
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

// str is the next string, a copy of the saved bytes.
func (r *reader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
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

// refs is a list of string-table strings (nil when empty).
func (r *reader) refs() []string {
	n := r.count(maxSavedList)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.ref()
	}
	return out
}
