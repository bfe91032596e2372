// Package corpus generates libraries of news articles for measuring
// newsdesk at scale: `go run ./internal/gencorpus -n 100000 DIR` writes
// one, and tests and benchmarks call Write (or Walk, to parse without a
// disk) to build one in t.TempDir().
//
// It exists because the figures newsdesk promises (a 100,000-article
// library loaded in a second and a half, a filter keystroke in
// milliseconds, 200 SSH readers in a few hundred MiB) mean nothing unless
// everyone measures on the same library, and a library of 100,000 files
// (≈450 MB) cannot live in the repository. So the library lives here as
// a program: for a given seed it writes the same bytes on every machine
// and every run (TestWrite_SameBytesForASeed checks a digest).
//
// The articles look like the bundled seed: 4–5 KB of wire text, Markdown
// with front matter, or JSON (some files an array of two or three), with 0
// to 8 reactions each, in folders of 1,000 files. Headlines, places
// (`TAIPEI, Taiwan`, `KYIV`, `SÃO PAULO, Brazil`…), dates in the forms
// each format uses, sources and tags are drawn from word lists; the
// commentators from one pool of 320 people (some sharing a surname such as
// Miller, some with an honorific such as `Dr.` or `Prof.`, some written in
// Chinese, Japanese or Korean) who keep their role and city from story to
// story; a few stories have a headline or a paragraph in CJK. Every file
// parses without a warning (TestWrite_ParsesCleanly).
package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// Format is an on-disk article format the generator writes.
type Format int

// The formats, as the reader tells them apart: by extension.
const (
	Wire Format = iota
	Markdown
	JSON
	formats
)

// String is the format's name in a Mix ("wire", "markdown", "json").
func (f Format) String() string {
	return [...]string{"wire", "markdown", "json"}[f]
}

// ext is the format's file extension.
func (f Format) ext() string { return [...]string{".txt", ".md", ".json"}[f] }

// Mix is the share of files written in each format, as weights.
type Mix [formats]int

// DefaultMix is most files wire text, as a news desk receives them.
var DefaultMix = Mix{Wire: 60, Markdown: 25, JSON: 15}

// ParseMix reads a mix written as "wire=60,markdown=25,json=15"; formats
// left out get no files.
func ParseMix(s string) (Mix, error) {
	var m Mix
	for part := range strings.SplitSeq(s, ",") {
		name, w, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(w)
		if !ok || err != nil || n < 0 {
			return Mix{}, fmt.Errorf("mix %q: want FORMAT=WEIGHT, comma-separated (wire=60,markdown=25,json=15)", part)
		}
		f := Format(0)
		for f < formats && f.String() != name {
			f++
		}
		if f == formats {
			return Mix{}, fmt.Errorf("mix %q: unknown format %q (wire, markdown, json)", part, name)
		}
		m[f] = n
	}
	if m == (Mix{}) {
		return Mix{}, errors.New("mix: every weight is 0")
	}
	return m, nil
}

// String writes m as ParseMix reads it.
func (m Mix) String() string {
	var parts []string
	for f := range formats {
		if m[f] > 0 {
			parts = append(parts, f.String()+"="+strconv.Itoa(m[f]))
		}
	}
	return strings.Join(parts, ",")
}

// Options says what to generate. The zero value is 1,000 articles of the
// default mix, seed 1.
type Options struct {
	// N is the number of articles (not files: a JSON array holds several).
	N int
	// Seed picks the library: the same seed, the same bytes.
	Seed uint64
	// Mix weighs the formats; the zero Mix is DefaultMix.
	Mix Mix
	// PerDir is the number of files per folder (default 1,000).
	PerDir int
}

func (o Options) withDefaults() Options {
	if o.N <= 0 {
		o.N = 1000
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Mix == (Mix{}) {
		o.Mix = DefaultMix
	}
	if o.PerDir <= 0 {
		o.PerDir = 1000
	}
	return o
}

// Stats is what was generated.
type Stats struct {
	Files, Articles int
	Bytes           int64
	// ByFormat counts the articles of each format.
	ByFormat [formats]int
}

// fileSpec is one file of the plan: its format and how many articles it
// holds.
type fileSpec struct {
	format Format
	n      int
}

// plan decides every file's format and article count. It runs in file
// order (the counts must add up to N), from each file's own generator, so
// generating the files themselves can run in any order.
func plan(o Options) []fileSpec {
	total := 0
	for _, w := range o.Mix {
		total += w
	}
	var files []fileSpec
	for left, i := o.N, 0; left > 0; i++ {
		r := fileRand(o.Seed, i, 15)
		k, f := r.IntN(total), Format(0)
		for k >= o.Mix[f] {
			k -= o.Mix[f]
			f++
		}
		n := 1
		if f == JSON && chance(r, 10) {
			n = 2 + r.IntN(2)
		}
		n = min(n, left)
		files = append(files, fileSpec{f, n})
		left -= n
	}
	return files
}

// fileRand is the generator of file i's element k (k = 15: the file's plan).
func fileRand(seed uint64, i, k int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)<<4|uint64(k)))
}

// name is file i's path inside the library, slash-separated.
func (o Options) name(i int, f Format) string {
	return fmt.Sprintf("%03d/%06d%s", i/o.PerDir, i, f.ext())
}

// file generates file i of the plan: its bytes and the stories in it.
func file(o Options, i int, spec fileSpec) ([]byte, []*story) {
	stories := make([]*story, spec.n)
	for k := range stories {
		r := fileRand(o.Seed, i, k)
		stories[k] = newStory(r, spec.format, 3600+r.IntN(900))
	}
	r := fileRand(o.Seed, i, 14)
	switch spec.format {
	case Markdown:
		return writeMarkdown(r, stories[0]), stories
	case JSON:
		arts := make([]jsonArticle, len(stories))
		for k, s := range stories {
			arts[k] = jsonValue(r, s)
		}
		return writeJSON(arts), stories
	}
	return writeWire(r, stories[0]), stories
}

// Walk generates the library in memory, calling fn with each file's
// slash-separated path (such as "000/000000.txt") and bytes, in path
// order; it stops at fn's first error and returns it. data is fn's to
// keep.
func Walk(o Options, fn func(name string, data []byte) error) (Stats, error) {
	o = o.withDefaults()
	var st Stats
	for i, spec := range plan(o) {
		data, _ := file(o, i, spec)
		st.add(spec, len(data))
		if err := fn(o.name(i, spec.format), data); err != nil {
			return st, err
		}
	}
	return st, nil
}

func (st *Stats) add(spec fileSpec, size int) {
	st.Files++
	st.Articles += spec.n
	st.ByFormat[spec.format] += spec.n
	st.Bytes += int64(size)
}

// Write generates the library into dir, which is created if missing and
// must be empty (a library is never written over other files). Files are
// generated and written on every core.
func Write(dir string, o Options) (Stats, error) {
	o = o.withDefaults()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, err
	}
	if ents, err := os.ReadDir(dir); err != nil {
		return Stats{}, err
	} else if len(ents) > 0 {
		return Stats{}, fmt.Errorf("%s is not empty: write a library into a new directory", dir)
	}
	specs := plan(o)
	for i := 0; i < len(specs); i += o.PerDir {
		d := filepath.Join(dir, filepath.FromSlash(path.Dir(o.name(i, Wire))))
		if err := os.Mkdir(d, 0o755); err != nil {
			return Stats{}, err
		}
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		st    Stats
		first error
		next  = make(chan int)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var mine Stats
			for i := range next {
				data, _ := file(o, i, specs[i])
				mine.add(specs[i], len(data))
				err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(o.name(i, specs[i].format))), data, 0o644)
				if err != nil {
					mu.Lock()
					first = cmpErr(first, err)
					mu.Unlock()
				}
			}
			mu.Lock()
			st.Files += mine.Files
			st.Articles += mine.Articles
			st.Bytes += mine.Bytes
			for f := range formats {
				st.ByFormat[f] += mine.ByFormat[f]
			}
			mu.Unlock()
		})
	}
	for i := range specs {
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return st, first
}

// cmpErr keeps the first error seen.
func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}
