package search

import (
	"context"
	"database/sql"
	"strings"

	"github.com/newsdesk/newsdesk/article"
)

// Bounds of a search's results.
const (
	// DefaultLimit is the number of hits when Search is asked for 0.
	DefaultLimit = 50
	// MaxLimit is the most hits one Search returns.
	MaxLimit = 500
	// ShortScan is how many articles with CJK text (the most recently
	// indexed) a one- or two-character CJK term is looked for in: the
	// trigram index needs three characters, so such a term is found by
	// reading the text, and the reading is bounded.
	ShortScan = 5000
)

// Hit is one article that matches a search.
type Hit struct {
	ID      article.ID
	Version article.Version
	// Score ranks the hits, the best first: higher is better. It is
	// BM25 over the weighted fields; it compares hits of one search only.
	Score float64
	// Headline is the article's headline with the matches in it marked.
	Headline Snippet
	// Field is where Snippet comes from: the best-matching body paragraph
	// or reaction (FieldBody, FieldQuote, FieldName, FieldRole). When only
	// the headline or the dateline matched, it is that field, and Snippet
	// is the opening of the body, with no matches.
	Field Field
	// Part is which paragraph (FieldBody, counting the notes after the
	// paragraphs) or reaction (FieldQuote, FieldName, FieldRole) the
	// snippet is from, from 0.
	Part int
	// Snippet is a piece of the text around the best matches, at most
	// SnippetWidth cells wide. A reaction's snippet reads
	// `Name, Role: Quote`.
	Snippet Snippet
	// Matched is every field in which a match was found.
	Matched Fields
}

// Search runs query (see Parse for its syntax) and returns the best limit
// hits (DefaultLimit for 0, at most MaxLimit), best first. A query that
// cannot be searched returns a *QueryError. ctx cancels the search: a
// search superseded by the next keystroke stops where it is.
//
// Hits are what the index holds, which can be ahead of or behind a
// reader's snapshot for a moment: a reader looks each ID up in its
// snapshot and leaves out those it does not have.
func (x *Index) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	q, err := Parse(query)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.r == nil {
		return nil, errClosed
	}
	hits, err := x.search(ctx, q, limit)
	if err != nil && isCorrupt(err) {
		x.noteCorrupt(err)
		return nil, errDamaged
	}
	return hits, err
}

// ranked is a row of the ranking query.
type ranked struct {
	rowid int64
	score float64
}

func (x *Index) search(ctx context.Context, q *Query, limit int) ([]Hit, error) {
	p := compile(q)
	top, err := rank(ctx, x.r, p, limit)
	if err != nil || len(top) == 0 {
		return nil, err
	}
	return fetch(ctx, x.r, top, highlights(q))
}

// rank runs the ranking query of p: the rowids and scores of the best
// limit matches.
func rank(ctx context.Context, db *sql.DB, p plan, limit int) ([]ranked, error) {
	var b strings.Builder
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "?"
	}
	// The main query is the most selective index that ranks: the word
	// index, else the trigram index, else a scan of the CJK articles.
	switch {
	case p.words != "":
		// bm25() in the select list, not FTS5's rank column: ORDER BY rank
		// makes FTS5 sort every match itself, where ORDER BY a column
		// with a LIMIT lets SQLite keep only the best limit rows.
		b.WriteString("SELECT rowid, bm25(fts, " + weightList(wordColumns) + ") AS score FROM fts WHERE fts MATCH " + arg(p.words))
		if p.tri != "" {
			b.WriteString(" AND rowid IN (SELECT rowid FROM tri WHERE tri MATCH " + arg(p.tri) + ")")
		}
		if p.triNot != "" {
			b.WriteString(" AND rowid NOT IN (SELECT rowid FROM tri WHERE tri MATCH " + arg(p.triNot) + ")")
		}
	case p.tri != "":
		b.WriteString("SELECT rowid, bm25(tri, " + weightList(triColumns) + ") AS score FROM tri WHERE tri MATCH " + arg(p.tri))
	default:
		b.WriteString("SELECT rowid, -" + shortScore(p.short, arg) + " AS score FROM " + recent(arg) + " WHERE 1")
	}
	if p.words == "" && p.wordsNot != "" {
		b.WriteString(" AND rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH " + arg(p.wordsNot) + ")")
	}
	if p.words != "" || p.tri != "" {
		for _, t := range p.short {
			b.WriteString(" AND rowid IN (SELECT rowid FROM " + recent(arg) + " WHERE " + shortCond(t, arg) + ")")
		}
	} else {
		for _, t := range p.short {
			b.WriteString(" AND " + shortCond(t, arg))
		}
	}
	for _, t := range p.shortNot {
		b.WriteString(" AND rowid NOT IN (SELECT rowid FROM " + recent(arg) + " WHERE " + shortCond(t, arg) + ")")
	}
	// Lower is better (bm25() is negative). No tie-break: one would make
	// SQLite's top-limit sorter insert every row of a tie (and a word in
	// most articles ties often), 3× the time of a search.
	b.WriteString(" ORDER BY score")
	b.WriteString(" LIMIT " + arg(limit))

	rows, err := db.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ranked
	for rows.Next() {
		var r ranked
		if err := rows.Scan(&r.rowid, &r.score); err != nil {
			return nil, err
		}
		r.score = -r.score
		out = append(out, r)
	}
	return out, rows.Err()
}

// recent is the CJK articles a short term is looked for in: the
// ShortScan most recently indexed.
func recent(arg func(any) string) string {
	return "(SELECT rowid, " + columnList(triColumns) + " FROM tri ORDER BY rowid DESC LIMIT " + arg(ShortScan) + ")"
}

// shortColumns are the trigram index's columns a short term of each
// field is looked for in.
func shortColumns(f qfield) []column {
	if c := triColumn[f]; c != "" {
		for _, tc := range triColumns {
			if tc.name == c {
				return []column{tc}
			}
		}
	}
	return triColumns
}

// shortCond is the SQL condition that t's text is in one of its columns.
func shortCond(t term, arg func(any) string) string {
	var parts []string
	for _, c := range shortColumns(t.field) {
		parts = append(parts, "instr("+c.name+", "+arg(t.sub)+") > 0")
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// shortScore ranks a scan's matches: the weights of the columns each term
// is in, summed (there is no BM25 without an index).
func shortScore(ts []term, arg func(any) string) string {
	var parts []string
	for _, t := range ts {
		for _, c := range shortColumns(t.field) {
			parts = append(parts, c.weight+" * (instr("+c.name+", "+arg(t.sub)+") > 0)")
		}
	}
	return "(" + strings.Join(parts, " + ") + ")"
}

// fetch reads the ranked articles' text and makes their hits.
func fetch(ctx context.Context, db *sql.DB, top []ranked, hl []matcher) ([]Hit, error) {
	args := make([]any, len(top))
	for i, r := range top {
		args[i] = r.rowid
	}
	rows, err := db.QueryContext(ctx, "SELECT rowid, id, version, text FROM docs WHERE rowid IN ("+placeholders(len(top))+")", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byRow := make(map[int64]*Hit, len(top))
	for rows.Next() {
		var rowid, version int64
		var id string
		var text []byte
		if err := rows.Scan(&rowid, &id, &version, &text); err != nil {
			return nil, err
		}
		d, err := decodeDoc(text)
		if err != nil {
			return nil, err
		}
		h := makeHit(d.text, hl)
		h.ID, h.Version = article.ID(id), article.Version(version)
		byRow[rowid] = &h
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Hit, 0, len(top))
	for _, r := range top {
		if h, ok := byRow[r.rowid]; ok {
			h.Score = r.score
			out = append(out, *h)
		}
	}
	return out, nil
}
