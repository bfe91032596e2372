package library

import (
	"slices"
	"strings"
	"unicode"

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
	f := folder()
	words := strings.FieldsFunc(f.String(name), unicode.IsSpace)
	if len(words) > 1 && slices.Contains(honorifics, strings.TrimSuffix(words[0], ".")) {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// Ref is one reaction in a snapshot: the article (an index for At) and the
// reaction's place in it, from 0.
type Ref struct {
	Article  int32
	Reaction int32
}

// Commentator is one person across the library.
type Commentator struct {
	// Key is the normalised name (NormalizeName).
	Key string
	// Name is the name as the newest of their reactions writes it.
	Name string
	// Roles are the distinct roles their reactions give, newest first.
	Roles []string
	// Reactions are theirs, newest article first (the date order).
	Reactions []Ref
}

// Commentators is the commentator index of a snapshot: every commentator,
// their reactions across stories, built once per snapshot.
type Commentators struct {
	list  []*Commentator
	byKey map[string]*Commentator
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

// Commentators is the snapshot's commentator index, built on first use
// and then shared by every reader of the snapshot.
func (s *Snapshot) Commentators() *Commentators {
	s.commentators.once.Do(func() { s.commentators.idx = buildCommentators(s) })
	return s.commentators.idx
}

// buildCommentators gathers every reaction of s by normalised name, in
// the date order (newest first).
func buildCommentators(s *Snapshot) *Commentators {
	c := &Commentators{byKey: map[string]*Commentator{}}
	// One normalisation per distinct spelling, not per reaction.
	keys := map[string]string{}
	for _, i := range s.Order(ByDate) {
		a := s.arts[i]
		for k, name := range a.Names {
			if name == "" {
				continue
			}
			key, ok := keys[name]
			if !ok {
				key = NormalizeName(name)
				keys[name] = key
			}
			p := c.byKey[key]
			if p == nil {
				p = &Commentator{Key: key, Name: name}
				c.byKey[key] = p
				c.list = append(c.list, p)
			}
			p.Reactions = append(p.Reactions, Ref{Article: i, Reaction: int32(k)})
			if role := a.Roles[k]; role != "" && !slices.Contains(p.Roles, role) {
				p.Roles = append(p.Roles, role)
			}
		}
	}
	slices.SortStableFunc(c.list, func(x, y *Commentator) int {
		if d := len(y.Reactions) - len(x.Reactions); d != 0 {
			return d
		}
		return strings.Compare(x.Key, y.Key)
	})
	return c
}
