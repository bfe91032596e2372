package ui

import (
	"context"
	"strings"

	"github.com/sahilm/fuzzy"

	"github.com/newsdesk/newsdesk/library"
)

// commentatorText is what the filter matches a commentator on: the name
// and the roles.
func commentatorText(p *library.Commentator) string {
	return p.Name + " " + strings.Join(p.Roles, " ")
}

// commentatorSource is the candidates' texts for the ranking.
type commentatorSource struct {
	idx *library.Commentators
	at  []int32
}

func (c commentatorSource) String(i int) string { return commentatorText(c.idx.At(int(c.at[i]))) }
func (c commentatorSource) Len() int            { return len(c.at) }

// matchCommentators keeps the candidates (indexes for idx.At) whose name
// and roles match term by the list's rule (fuzzyMatch, then ranked as
// matchArticles ranks), ranked and in candidate order; ok is false when
// ctx was cancelled first.
func matchCommentators(ctx context.Context, idx *library.Commentators, term string, cands []int32) (ranked, matched []int32, ok bool) {
	t := strings.ToLower(term)
	for n, i := range cands {
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, nil, false
		}
		if fuzzyMatch(t, strings.ToLower(commentatorText(idx.At(int(i))))) {
			matched = append(matched, i)
		}
	}
	if len(matched) > rankLimit {
		return matched, matched, true
	}
	ranked = make([]int32, 0, len(matched))
	for _, mt := range fuzzy.FindFrom(term, commentatorSource{idx, matched}) {
		ranked = append(ranked, matched[mt.Index])
	}
	return ranked, matched, true
}

// narrows reports whether term's matches are among the matches of prev
// (the user typed on), so that only those need matching.
func narrows(term, prev string) bool { return prev != "" && strings.HasPrefix(term, prev) }
