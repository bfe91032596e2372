package article

// STUB: owned by the loader/CLI helper.

// Markdown is the article as the reader hands it to Glamour and
// `newsdesk show --markdown` prints it: headline as "#", byline, dateline,
// paragraphs, then "## Reactions" with notes and each quote as a blockquote
// with its attribution.
func (a Article) Markdown() string { return "# " + a.Headline + "\n" }
