package article

// STUB: owned by the wire/sanitize helper; used by the Markdown parser too.

// isSectionHeading reports whether a paragraph (or a Markdown heading's
// text) on its own names the reactions section: one of the section names,
// case-insensitive, optionally prefixed by 1–6 '#' and a space, optionally
// wrapped in "**", optionally ending with a colon.
func isSectionHeading(s string) bool { return false }

// parseReactionEntry parses one paragraph in either wire entry form
// (`NAME, ROLE (LOCATION): QUOTE` or `QUOTE DASH NAME, ROLE (LOCATION)`).
func parseReactionEntry(p string) (Reaction, bool) { return Reaction{}, false }

// parseAttribution parses an attribution line `DASH NAME, ROLE (LOCATION)`
// or `DASH NAME, ROLE` (as it follows a Markdown blockquote).
func parseAttribution(line string) (name, role, location string, ok bool) {
	return "", "", "", false
}
