package ui

import (
	"context"

	"github.com/newsdesk/newsdesk/library"
)

// matchArticles ranks the candidates cands (indices of snap, in the list's
// order) whose filter keys match term, best first, and returns them also
// in the list's order (what a longer term narrows); library.Rank says how.
// ok is false when ctx was cancelled first.
func matchArticles(ctx context.Context, snap *library.Snapshot, term string, cands []int32) (ranked, matched []int32, ok bool) {
	q := library.NewQuery(term)
	key := func(i int32) *library.Key { return &snap.At(int(i)).Key }
	ranked, matched, err := library.Rank(ctx, &q, snap.Len(), key, cands)
	return ranked, matched, err == nil
}

// narrows reports whether term's matches are among the matches of prev,
// so that only those need matching.
func narrows(term, prev string) bool {
	q, p := library.NewQuery(term), library.NewQuery(prev)
	return q.Narrows(&p)
}
