package ui

import (
	"context"

	"github.com/newsdesk/newsdesk/library"
)

// matchCommentators ranks the candidates cands (indexes for idx.At, in
// the order shown) whose names and roles match term, best first, and
// returns them also in the order of cands (what a longer term narrows):
// the list's ranking (library.Rank) over the index's keys. ok is false
// when ctx was cancelled first.
func matchCommentators(ctx context.Context, idx *library.Commentators, term string, cands []int32) (ranked, matched []int32, ok bool) {
	q := library.NewQuery(term)
	keys := idx.MatchKeys()
	key := func(i int32) *library.Key { return &keys[i] }
	ranked, matched, err := library.Rank(ctx, &q, idx.Len(), key, cands)
	return ranked, matched, err == nil
}
