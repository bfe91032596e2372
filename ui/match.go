package ui

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

	"github.com/newsdesk/newsdesk/library"
)

// rankLimit is the most matches that are ranked.
const rankLimit = 5000

// filterText is what the filter matches an article on.
func filterText(s *library.Summary) string {
	parts := []string{s.Headline, s.Place, s.Source}
	parts = append(parts, s.Tags...)
	parts = append(parts, s.Names...)
	return strings.Join(parts, " ")
}

type filterSource struct {
	snap *library.Snapshot
	idx  []int32
}

func (f filterSource) String(i int) string { return filterText(f.snap.At(int(f.idx[i]))) }
func (f filterSource) Len() int            { return len(f.idx) }

// matchArticles keeps the candidates whose filter text holds term's
// characters in order, ranked and in candidate order.
func matchArticles(ctx context.Context, snap *library.Snapshot, term string, cands []int32) (ranked, matched []int32, ok bool) {
	t := strings.ToLower(term)
	for n, i := range cands {
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, nil, false
		}
		if fuzzyMatch(t, strings.ToLower(filterText(snap.At(int(i))))) {
			matched = append(matched, i)
		}
	}
	if len(matched) > rankLimit {
		return matched, matched, true
	}
	ms := fuzzy.FindFrom(term, filterSource{snap, matched})
	ranked = make([]int32, 0, len(matched))
	for _, mt := range ms {
		ranked = append(ranked, matched[mt.Index])
	}
	return ranked, matched, true
}

func fuzzyMatch(term, s string) bool {
	for _, r := range term {
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		s = s[i+utf8.RuneLen(r):]
	}
	return true
}
