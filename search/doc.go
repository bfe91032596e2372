// Package search is newsdesk's full-text search: an index of every
// article's words (headline, body, quotes, commentators' names and roles,
// place, source, byline, tags), ranked answers to a query, and snippets
// that show where the words are.
//
// It exists because the library keeps only summaries in memory (package
// library: bodies and quotes are read from the files when a reader opens
// an article), so nothing in memory can answer "which stories mention
// this", and scanning 100,000 files per keystroke would take seconds. The
// index is SQLite FTS5 (through modernc.org/sqlite, pure Go) in its own
// file, search.db in the cache directory (DefaultPath): a cache, rebuilt
// from the library when it is deleted or damaged, never a place where
// data lives.
//
// One *Index serves a whole process: every SSH session of `newsdesk
// serve` searches the same index, which Follow (or Sync) keeps in step
// with the library's snapshots, article by article (ID and Version), in
// the background; searches see what is indexed so far.
//
// How text is found:
//   - Words go through FTS5's unicode61 tokenizer (case and diacritics
//     ignored), ranked by BM25 with weighted fields, so that a word in the
//     headline counts more than in the body, and words side by side more
//     than scattered (see compile); without length normalisation, four
//     times faster (see schema).
//   - Chinese, Japanese and Korean are written without spaces, so
//     unicode61 makes one token of a whole run of them: a second FTS5
//     index with the trigram tokenizer, over the articles that hold CJK
//     text, finds them as substrings. Trigrams need three characters: a
//     CJK term of one or two characters is looked for by reading the text
//     of the ShortScan most recently indexed CJK articles.
//   - The query syntax (Parse) is parsed here and every term is quoted in
//     the MATCH expression: user text is never FTS5 syntax.
//
// search imports article and library of newsdesk, never ui or server:
// the search screen and `newsdesk search` are built on Search.
package search
