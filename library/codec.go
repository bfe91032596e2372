package library

import (
	"encoding/binary"
	"errors"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// codecVersion is the first byte of an encoded file: a row written in
// another layout is read as absent (the file is parsed again).
const codecVersion = 1

// Bounds that a decoded row must respect; a row past them is damaged.
const (
	maxRowArticles = 1 << 20
	maxRowList     = 1 << 16
)

var errBadRow = errors.New("library: damaged index row")

// encodeFile is d's summaries and problems in the index's layout: a
// version byte, then the articles (ID suffix "#N", format, headline,
// byline, place, date, parsed time, source, tags, commentators' names and
// roles, warnings), then the problems (path suffix, line, column,
// severity, message). Paths are not stored: a row is found by the file's
// identity and shown under the path the user named this time. ok is
// false for what the index cannot hold faithfully.
func encodeFile(d *fileData) ([]byte, bool) {
	b := make([]byte, 0, 256)
	b = append(b, codecVersion)
	b = binary.AppendUvarint(b, uint64(len(d.arts)))
	for _, s := range d.arts {
		suffix, ok := strings.CutPrefix(string(s.ID), string(d.id))
		if !ok || s.Version != d.version {
			return nil, false
		}
		b = appendString(b, suffix)
		b = appendString(b, string(s.Format))
		b = appendString(b, s.Headline)
		b = appendString(b, s.Byline)
		b = appendString(b, s.Place)
		b = appendString(b, s.Date)
		if s.When.IsZero() {
			b = append(b, 0)
		} else {
			b = append(b, 1)
			b = binary.AppendVarint(b, s.When.Unix())
			b = binary.AppendUvarint(b, uint64(s.When.Nanosecond()))
		}
		b = appendString(b, s.Source)
		b = appendList(b, s.Tags)
		b = appendList(b, s.Names)
		b = appendList(b, s.Roles)
		b = appendList(b, s.Warnings)
	}
	b = binary.AppendUvarint(b, uint64(len(d.probs)))
	for _, p := range d.probs {
		suffix, ok := strings.CutPrefix(p.Path, d.path)
		if !ok {
			return nil, false
		}
		b = appendString(b, suffix)
		b = binary.AppendUvarint(b, uint64(max(p.Line, 0)))
		b = binary.AppendUvarint(b, uint64(max(p.Col, 0)))
		b = appendString(b, string(p.Severity))
		b = appendString(b, p.Message)
	}
	return b, true
}

// decodeFile fills d (whose path, name, id, version and mtime are set)
// with the summaries and problems of an encoded row. Every string is a
// copy (the short ones interned), so nothing keeps the row alive.
func decodeFile(d *fileData, b []byte) error {
	r := reader{b: b}
	if r.byte() != codecVersion {
		return errBadRow
	}
	n := r.count(maxRowArticles)
	if n > 0 {
		d.arts = make([]*Summary, 0, n)
	}
	for k := 0; k < n && r.err == nil; k++ {
		s := &Summary{Version: d.version, Path: d.path, name: d.name, mtime: d.mtime, seq: k}
		s.ID = d.id + article.ID(r.str())
		s.Format = article.Format(intern(r.str()))
		s.Headline = r.str()
		s.Byline = r.str()
		s.Place = intern(r.str())
		s.Date = intern(r.str())
		if r.byte() == 1 {
			sec := r.varint()
			s.When = time.Unix(sec, int64(min(r.uvarint(), 999_999_999)))
		}
		s.Source = intern(r.str())
		s.Tags = r.list()
		s.Names = r.list()
		s.Roles = r.list()
		s.Warnings = r.list()
		s.Reactions = len(s.Names)
		if len(s.Roles) != len(s.Names) {
			r.err = errBadRow
		}
		d.arts = append(d.arts, s)
	}
	np := r.count(maxRowList)
	for k := 0; k < np && r.err == nil; k++ {
		p := article.Problem{Path: d.path + r.str()}
		p.Line, p.Col = int(min(r.uvarint(), 1<<31)), int(min(r.uvarint(), 1<<31))
		p.Severity = article.Severity(intern(r.str()))
		p.Message = r.str()
		d.probs = append(d.probs, p)
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errBadRow
	}
	return r.err
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendList(b []byte, list []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(list)))
	for _, s := range list {
		b = appendString(b, s)
	}
	return b
}

// reader decodes a row; the first error sticks and every later read
// returns zero values.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail() { r.err, r.b = errBadRow, nil }

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

// count reads a length of at most limit (and of no more items than
// bytes left: each takes one at least).
func (r *reader) count(limit int) int {
	v := r.uvarint()
	if v > uint64(limit) || v > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(v)
}

// str is the next string, a copy of the row's bytes.
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

func (r *reader) list() []string {
	n := r.count(maxRowList)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = intern(r.str())
	}
	return out
}
