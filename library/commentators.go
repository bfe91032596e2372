package library

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// honorifics are the titles set aside when names are compared: "Dr. Anya
// Petrova" and "Anya Petrova" are one commentator. Compared after case
// folding, with or without the period.
var honorifics = []string{"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame"}

// folder folds case for comparing names (Unicode case folding, not
// lower-casing: "STRAẞE" and "strasse" fold alike). A cases.Caser is not
// safe for concurrent use, so each NormalizeName makes its own (cheap).
func folder() cases.Caser { return cases.Fold() }

// NormalizeName is the key under which a commentator's reactions are
// gathered across the library: the name case-folded, its white space
// collapsed to single spaces, and a leading honorific (Dr., Prof.,
// Professor, Mr., Mrs., Ms., Mx., Sir, Dame) set aside. The displayed name
// keeps the honorific; only the comparison ignores it.
func NormalizeName(name string) string {
	words := strings.FieldsFunc(foldName(name), unicode.IsSpace)
	if len(words) > 1 && slices.Contains(honorifics, strings.TrimSuffix(words[0], ".")) {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// foldName is name case-folded. Most names are ASCII, whose case folding
// is lower-casing: that costs a tenth of a Caser's work, and the
// commentator index folds every distinct spelling of a library.
func foldName(name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return folder().String(name)
		}
	}
	return strings.ToLower(name)
}

// Ref is one reaction in a snapshot: the article (an index for At) and the
// reaction's place in it, from 0.
type Ref struct {
	Article  int32
	Reaction int32
}

// MaxRoles is the most roles a Commentator keeps: a person quoted in a
// thousand stories under a thousand descriptions is shown by the latest
// few, and the index does not grow with a file's imagination.
const MaxRoles = 8

// Commentator is one person across the library.
type Commentator struct {
	// Key is the normalised name (NormalizeName).
	Key string
	// Name is the name as the newest of their reactions writes it.
	Name string
	// Roles are the distinct roles their reactions give, newest first,
	// at most MaxRoles.
	Roles []string
	// Reactions are theirs, newest article first (the date order).
	Reactions []Ref
}

// Commentators is the commentator index of a snapshot: every commentator,
// their reactions across stories, built once per snapshot.
type Commentators struct {
	list  []*Commentator
	byKey map[string]*Commentator

	// byName is the order by name, made on first use.
	byName struct {
		once  sync.Once
		order []int32
	}
	// keys are the filter keys, made on first use.
	keys struct {
		once sync.Once
		keys []Key
	}
}

// Len is the number of commentators.
func (c *Commentators) Len() int { return len(c.list) }

// At is the i-th commentator, most reactions first (ties by name).
func (c *Commentators) At(i int) *Commentator { return c.list[i] }

// Lookup is the commentator whose normalised name is NormalizeName(name).
func (c *Commentators) Lookup(name string) (*Commentator, bool) {
	p, ok := c.byKey[NormalizeName(name)]
	return p, ok
}

// ByName is the commentators' indexes (for At) in the order of their
// normalised names (so "Dr. Anya Petrova" is under A), made once and
// shared: the slice must not be modified.
func (c *Commentators) ByName() []int32 {
	c.byName.once.Do(func() {
		o := make([]int32, len(c.list))
		for i := range o {
			o[i] = int32(i)
		}
		slices.SortFunc(o, func(x, y int32) int { return strings.Compare(c.list[x].Key, c.list[y].Key) })
		c.byName.order = o
	})
	return c.byName.order
}

// MatchKeys are the commentators' filter keys (for Rank, by index for
// At): each one's name where an article's key has its headline, so a
// name matches before a role, and their roles where it has its tags.
// Made once, on first use, and shared: the slice must not be modified.
func (c *Commentators) MatchKeys() []Key {
	c.keys.once.Do(func() {
		keys := make([]Key, len(c.list))
		for i, p := range c.list {
			keys[i] = NewKey(p.Name, "", "", p.Roles, nil)
		}
		c.keys.keys = keys
	})
	return c.keys.keys
}

// commentatorIndex is a Snapshot's commentator index, built on first use.
type commentatorIndex struct {
	once sync.Once
	idx  atomic.Pointer[Commentators]
}

// Commentators is the snapshot's commentator index, built on first use
// and then shared by every reader of the snapshot. A reader that must
// not wait for the build (the UI goroutine) checks CommentatorsReady
// first and calls this in the background otherwise.
func (s *Snapshot) Commentators() *Commentators {
	s.commentators.once.Do(func() { s.commentators.idx.Store(buildCommentators(s)) })
	return s.commentators.idx.Load()
}

// CommentatorsReady is the snapshot's commentator index if it has been
// built, without waiting for it.
func (s *Snapshot) CommentatorsReady() (*Commentators, bool) {
	c := s.commentators.idx.Load()
	return c, c != nil
}

// buildCommentators gathers every reaction of s by normalised name, in
// the date order (newest first).
//
// It goes over the summaries twice. First in load order, in which they
// lie one after another in memory: each reaction's commentator and role
// become small numbers in two flat arrays (a map lookup per reaction, a
// normalisation per distinct spelling), and each commentator's reactions
// are counted. Then in date order over those arrays alone, filling one
// array of Refs cut to size for everybody. Reading the summaries in date
// order instead, which jumps about tens of megabytes of memory at 100,000
// articles, and growing a slice per commentator took three to five times
// as long (BenchmarkCommentators_Build100k; figures in the README).
func buildCommentators(s *Snapshot) *Commentators {
	n := len(s.arts)
	off := make([]int32, n+1) // the reactions of article i are [off[i], off[i+1])
	for i, a := range s.arts {
		off[i+1] = off[i] + int32(len(a.Names))
	}
	who := make([]int32, off[n])  // each reaction's commentator, -1 for none
	role := make([]int32, off[n]) // each reaction's role, -1 for none
	var (
		people   []*Commentator
		counts   []int32
		byName   = map[string]int32{} // spelling → commentator
		byKey    = map[string]int32{} // normalised name → commentator
		roleOf   = map[string]int32{}
		roleText []string
	)
	for i, a := range s.arts {
		base := off[i]
		for k, name := range a.Names {
			j := base + int32(k)
			who[j], role[j] = -1, -1
			if name == "" {
				continue
			}
			c, ok := byName[name]
			if !ok {
				key := NormalizeName(name)
				if c, ok = byKey[key]; !ok {
					c = int32(len(people))
					byKey[key] = c
					people = append(people, &Commentator{Key: key})
					counts = append(counts, 0)
				}
				byName[name] = c
			}
			who[j] = c
			counts[c]++
			if r := a.Roles[k]; r != "" {
				id, ok := roleOf[r]
				if !ok {
					id = int32(len(roleText))
					roleOf[r] = id
					roleText = append(roleText, r)
				}
				role[j] = id
			}
		}
	}

	refs := make([]Ref, 0, off[n])
	fill := make([]int32, len(people)) // where each one's next reaction goes
	for c, p := range people {
		fill[c] = int32(len(refs))
		end := len(refs) + int(counts[c])
		refs = refs[:end]
		p.Reactions = refs[fill[c]:end:end]
	}
	roles := make([][MaxRoles]int32, len(people))
	for _, i := range s.Order(ByDate) {
		for j := off[i]; j < off[i+1]; j++ {
			c := who[j]
			if c < 0 {
				continue
			}
			refs[fill[c]] = Ref{Article: i, Reaction: j - off[i]}
			fill[c]++
			if r, p := role[j], people[c]; r >= 0 && len(p.Roles) < MaxRoles && !slices.Contains(roles[c][:len(p.Roles)], r) {
				roles[c][len(p.Roles)] = r
				p.Roles = append(p.Roles, roleText[r])
			}
		}
	}
	idx := &Commentators{list: people, byKey: make(map[string]*Commentator, len(people))}
	for _, p := range people {
		newest := p.Reactions[0]
		p.Name = s.arts[newest.Article].Names[newest.Reaction]
		idx.byKey[p.Key] = p
	}
	slices.SortFunc(people, func(x, y *Commentator) int {
		if d := len(y.Reactions) - len(x.Reactions); d != 0 {
			return d
		}
		return strings.Compare(x.Key, y.Key)
	})
	return idx
}
