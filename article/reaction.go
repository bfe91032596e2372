package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sectionNames are the paragraph texts that start the reactions section,
// lower-cased (the match is case-insensitive).
var sectionNames = []string{
	"reaction & analysis", "reactions & analysis",
	"reaction and analysis", "reactions and analysis",
	"reaction", "reactions", "analysis",
	"analyst reactions", "expert reaction", "expert reactions",
	"what analysts say", "what the experts say", "commentary",
}

// maxNameRunes bounds a reaction's NAME: a paragraph whose text before the
// first comma is longer is prose, not an attribution.
const maxNameRunes = 80

// isSectionHeading reports whether a paragraph (or a Markdown heading's
// text) on its own names the reactions section: one of the section names,
// case-insensitive, optionally prefixed by 1–6 '#' and a space, optionally
// wrapped in "**", optionally ending with a colon.
func isSectionHeading(s string) bool {
	// Lower-casing shrinks a character at most threefold (the Kelvin sign,
	// three bytes, becomes "k"), so a longer title cannot be a section
	// name, and a body paragraph is never lower-cased whole just to say so.
	t := sectionTitle(s)
	if len(t) > 3*maxSectionName {
		return false
	}
	t = strings.ToLower(t)
	for _, name := range sectionNames {
		if t == name {
			return true
		}
	}
	return false
}

// maxSectionName is the length in bytes of the longest section name.
var maxSectionName = func() int {
	n := 0
	for _, name := range sectionNames {
		n = max(n, len(name))
	}
	return n
}()

// sectionTitle is a section heading paragraph's text as written, without
// its '#' marks, "**" and trailing colon.
func sectionTitle(s string) string {
	s = strings.TrimSpace(s)
	if n := len(s) - len(strings.TrimLeft(s, "#")); n > 0 {
		if n > 6 || len(s) == n || s[n] != ' ' {
			return "" // not a heading: no section is named ""
		}
		s = strings.TrimSpace(s[n:])
	}
	// The colon may sit inside or outside the bold markers.
	s = strings.TrimSuffix(s, ":")
	if len(s) >= 4 && strings.HasPrefix(s, "**") && strings.HasSuffix(s, "**") {
		s = strings.TrimSpace(s[2 : len(s)-2])
		s = strings.TrimSuffix(s, ":")
	}
	return strings.TrimSpace(s)
}

// field returns the field of r that a front-matter or JSON key names
// ("name", "role", "location", "quote"), or nil for any other key.
func (r *Reaction) field(key string) *string {
	switch key {
	case "name":
		return &r.Name
	case "role":
		return &r.Role
	case "location":
		return &r.Location
	case "quote":
		return &r.Quote
	}
	return nil
}

// isQuoteMark reports whether r may open or close a reaction's QUOTE.
// Straight and curly marks are accepted in any pairing, since hand-typed
// text mixes them.
func isQuoteMark(r rune) bool { return r == '"' || r == '“' || r == '”' }

// parseReactionEntry parses one paragraph in either wire entry form
// (`NAME, ROLE (LOCATION): QUOTE` or `QUOTE DASH NAME, ROLE (LOCATION)`).
// The LOCATION is optional in both; the wrapping quote marks are removed
// and inner ones kept. A paragraph in neither form (a missing closing
// quote, no comma after the name, text after the quote) is not an entry.
func parseReactionEntry(p string) (Reaction, bool) {
	p = strings.TrimSpace(p)
	if r, ok := parseColonEntry(p); ok {
		return r, true
	}
	return parseDashEntry(p)
}

// parseColonEntry parses `NAME, ROLE (LOCATION): QUOTE`. The colon is the
// first one directly followed (after spaces) by an opening quote mark.
func parseColonEntry(p string) (Reaction, bool) {
	for i := 0; i < len(p); i++ {
		if p[i] != ':' {
			continue
		}
		rest := strings.TrimLeftFunc(p[i+1:], unicode.IsSpace)
		first, _ := utf8.DecodeRuneInString(rest)
		if !isQuoteMark(first) {
			continue
		}
		quote, ok := unwrapQuote(rest)
		if !ok {
			return Reaction{}, false
		}
		name, role, loc, ok := parseNameRoleLocation(p[:i])
		if !ok {
			return Reaction{}, false
		}
		return Reaction{Name: name, Role: role, Location: loc, Quote: quote}, true
	}
	return Reaction{}, false
}

// parseDashEntry parses `QUOTE DASH NAME, ROLE (LOCATION)`. The quote ends
// at the last quote mark of the paragraph: an attribution holds none, so
// an earlier mark can only be an inner quote.
func parseDashEntry(p string) (Reaction, bool) {
	first, size := utf8.DecodeRuneInString(p)
	if !isQuoteMark(first) {
		return Reaction{}, false
	}
	end := strings.LastIndexAny(p, "\"“”")
	if end < size {
		return Reaction{}, false
	}
	_, closeSize := utf8.DecodeRuneInString(p[end:])
	name, role, loc, ok := parseAttribution(p[end+closeSize:])
	quote := strings.TrimSpace(p[size:end])
	if !ok || quote == "" {
		return Reaction{}, false
	}
	return Reaction{Name: name, Role: role, Location: loc, Quote: quote}, true
}

// unwrapQuote returns the text inside a string that starts and ends with a
// quote mark (nothing may follow the closing one).
func unwrapQuote(s string) (string, bool) {
	s = strings.TrimSpace(s)
	first, fs := utf8.DecodeRuneInString(s)
	last, ls := utf8.DecodeLastRuneInString(s)
	if !isQuoteMark(first) || !isQuoteMark(last) || len(s) < fs+ls {
		return "", false
	}
	q := strings.TrimSpace(s[fs : len(s)-ls])
	return q, q != ""
}

// parseAttribution parses an attribution line `DASH NAME, ROLE (LOCATION)`
// or `DASH NAME, ROLE` (as it follows a Markdown blockquote). DASH is an
// em dash, an en dash, "--" or "-"; spaces around it are optional.
func parseAttribution(line string) (name, role, location string, ok bool) {
	s := strings.TrimSpace(line)
	switch {
	case strings.HasPrefix(s, "—"), strings.HasPrefix(s, "–"):
		_, size := utf8.DecodeRuneInString(s)
		s = s[size:]
	case strings.HasPrefix(s, "--"):
		s = s[2:]
	case strings.HasPrefix(s, "-"):
		s = s[1:]
	default:
		return "", "", "", false
	}
	return parseNameRoleLocation(s)
}

// parseNameRoleLocation splits `NAME, ROLE (LOCATION)` or `NAME, ROLE`:
// NAME is the text before the first comma, LOCATION the parenthesised
// group at the very end (it may hold commas and periods), ROLE the rest.
// None may hold a double quote mark: that is a sentence, not a name.
func parseNameRoleLocation(s string) (name, role, location string, ok bool) {
	s = strings.TrimSpace(s)
	// Byte searches: ContainsAny decodes every rune when its set holds
	// curly quotes, 6 % of a 100,000-file load.
	if strings.ContainsAny(s, "\"\n") || strings.Contains(s, "“") || strings.Contains(s, "”") {
		return "", "", "", false
	}
	if strings.HasSuffix(s, ")") {
		open := matchingOpen(s)
		if open < 0 {
			return "", "", "", false
		}
		location = strings.TrimSpace(s[open+1 : len(s)-1])
		s = strings.TrimSpace(s[:open])
		if location == "" {
			return "", "", "", false
		}
	}
	if !balanced(s) {
		return "", "", "", false
	}
	name, role, found := strings.Cut(s, ",")
	name, role = strings.TrimSpace(name), strings.TrimSpace(role)
	if !found || name == "" || role == "" || utf8.RuneCountInString(name) > maxNameRunes {
		return "", "", "", false
	}
	return name, role, location, true
}

// matchingOpen returns the index of the '(' matching the ')' that ends s,
// or -1.
func matchingOpen(s string) int {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// balanced reports whether the parentheses of s pair up: a stray one means
// the text is not a clean NAME, ROLE.
func balanced(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}
