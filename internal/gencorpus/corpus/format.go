package corpus

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wrapWidth is where hard-wrapped files break their lines.
const wrapWidth = 72

// writeWire writes s as wire text. Two layouts, as wires send them: one
// line per paragraph with no blank line (the seed's), or paragraphs
// hard-wrapped and separated by blank lines.
func writeWire(r *rand.Rand, s *story) []byte {
	var b bytes.Buffer
	b.WriteString(s.headline + "\n")
	if s.byline != "" {
		b.WriteString("By " + s.byline + "\n")
	}
	wrapped := chance(r, 30)
	var blocks []string
	for k, p := range s.paras {
		if k == 0 && s.place != "" {
			p = dateline(r, s) + p
		}
		blocks = append(blocks, p)
	}
	if s.heading != "" {
		h := s.heading
		switch r.IntN(6) {
		case 0:
			h = "**" + h + ":**"
		case 1:
			h += ":"
		}
		blocks = append(blocks, h)
		curly := chance(r, 30)
		emit := func(k int) {
			for _, n := range s.notes {
				if n.after == k {
					blocks = append(blocks, n.text)
				}
			}
		}
		emit(0)
		for k, re := range s.reactions {
			blocks = append(blocks, wireEntry(r, re, curly))
			emit(k + 1)
		}
	}
	for k, p := range blocks {
		if wrapped {
			if k > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(wrap(p, wrapWidth))
		} else {
			b.WriteString(p)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// dateline is the wire dateline that opens the first paragraph:
// "PLACE, DATE (SOURCE) — ".
func dateline(r *rand.Rand, s *story) string {
	d := s.place
	if s.date != "" {
		d += ", " + s.date
	}
	if s.source != "" {
		d += " (" + s.source + ")"
	}
	return d + " " + pick(r, []string{"—", "—", "—", "–", "--"}) + " "
}

// wireEntry is a reaction in one of the two wire forms.
func wireEntry(r *rand.Rand, re reaction, curly bool) string {
	open, close := `"`, `"`
	if curly {
		open, close = "“", "”"
	}
	att := re.name + ", " + re.role
	if re.location != "" {
		att += " (" + re.location + ")"
	}
	if chance(r, 30) {
		return open + re.quote + close + " — " + att
	}
	return att + ": " + open + re.quote + close
}

// writeMarkdown writes s as Markdown with YAML front matter. Reactions go
// in the front matter (s.frontMatter) or in a reactions section as
// blockquotes with their attribution, or as wire entries.
func writeMarkdown(r *rand.Rand, s *story) []byte {
	frontMatter := s.frontMatter
	var b bytes.Buffer
	b.WriteString("---\n")
	yamlField(&b, "title", s.headline)
	if s.byline != "" {
		key := "byline"
		if chance(r, 30) {
			key = "author"
		}
		yamlField(&b, key, "By "+s.byline)
	}
	yamlField(&b, "place", s.place)
	if len(s.date) == len("2006-01-02") {
		b.WriteString("date: " + s.date + "\n") // as people write it, unquoted
	} else {
		yamlField(&b, "date", s.date)
	}
	yamlField(&b, "source", s.source)
	if len(s.tags) > 0 {
		q := make([]string, len(s.tags))
		for i, t := range s.tags {
			q[i] = quoted(t)
		}
		b.WriteString("tags: [" + strings.Join(q, ", ") + "]\n")
	}
	if frontMatter && len(s.reactions) > 0 {
		b.WriteString("reactions:\n")
		for _, re := range s.reactions {
			b.WriteString("  - name: " + quoted(re.name) + "\n")
			b.WriteString("    role: " + quoted(re.role) + "\n")
			if re.location != "" {
				b.WriteString("    location: " + quoted(re.location) + "\n")
			}
			b.WriteString("    quote: " + quoted(re.quote) + "\n")
		}
	}
	b.WriteString("---\n")
	for _, p := range s.paras {
		b.WriteString("\n")
		if strings.HasPrefix(p, "#") || strings.HasPrefix(p, "- ") {
			b.WriteString(p + "\n")
		} else {
			b.WriteString(wrap(p, wrapWidth) + "\n")
		}
	}
	if s.heading == "" {
		return b.Bytes()
	}
	b.WriteString("\n## " + s.heading + "\n")
	emit := func(k int) {
		for _, n := range s.notes {
			if n.after == k {
				b.WriteString("\n" + wrap(n.text, wrapWidth) + "\n")
			}
		}
	}
	if frontMatter {
		emit(len(s.reactions))
		return b.Bytes()
	}
	emit(0)
	for k, re := range s.reactions {
		b.WriteString("\n")
		att := re.name + ", " + re.role
		if re.location != "" {
			att += " (" + re.location + ")"
		}
		lines := strings.Split(wrap(`"`+re.quote+`"`, wrapWidth-2), "\n")
		switch r.IntN(3) {
		case 0: // the attribution as the blockquote's last line
			for _, l := range lines {
				b.WriteString("> " + l + "\n")
			}
			b.WriteString("> — " + att + "\n")
		case 1: // on the line after it
			for _, l := range lines {
				b.WriteString("> " + l + "\n")
			}
			b.WriteString("— " + att + "\n")
		default: // a wire entry
			b.WriteString(wrap(att+`: "`+re.quote+`"`, wrapWidth) + "\n")
		}
		emit(k + 1)
	}
	return b.Bytes()
}

// yamlField writes `key: "value"` unless value is empty.
func yamlField(b *bytes.Buffer, key, value string) {
	if value != "" {
		b.WriteString(key + ": " + quoted(value) + "\n")
	}
}

// quoted is s as a double-quoted YAML (and JSON) string.
func quoted(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// jsonArticle is the JSON form of a story, fields in the usual order.
type jsonArticle struct {
	Headline  string         `json:"headline"`
	Byline    string         `json:"byline,omitempty"`
	Place     string         `json:"place,omitempty"`
	Date      string         `json:"date,omitempty"`
	Source    string         `json:"source,omitempty"`
	Tags      []string       `json:"tags,omitempty"`
	Body      any            `json:"body"`
	Reactions []jsonReaction `json:"reactions,omitempty"`
}

type jsonReaction struct {
	Name     string `json:"name"`
	Role     string `json:"role"`
	Location string `json:"location,omitempty"`
	Quote    string `json:"quote"`
}

// jsonValue is s in JSON: its body as an array of paragraphs or as one
// string of hard-wrapped paragraphs between blank lines.
func jsonValue(r *rand.Rand, s *story) jsonArticle {
	j := jsonArticle{Headline: s.headline, Place: s.place, Date: s.date, Source: s.source, Tags: s.tags}
	if s.byline != "" {
		j.Byline = "By " + s.byline
	}
	if chance(r, 60) {
		j.Body = s.paras
	} else {
		w := make([]string, len(s.paras))
		for i, p := range s.paras {
			w[i] = wrap(p, wrapWidth)
		}
		j.Body = strings.Join(w, "\n\n")
	}
	for _, re := range s.reactions {
		j.Reactions = append(j.Reactions, jsonReaction{re.name, re.role, re.location, re.quote})
	}
	return j
}

// writeJSON writes one article as an object, several as an array.
func writeJSON(arts []jsonArticle) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "&" as written, like the files people make
	enc.SetIndent("", "  ")
	var v any = arts
	if len(arts) == 1 {
		v = arts[0]
	}
	if err := enc.Encode(v); err != nil {
		panic(err) // strings and slices only: cannot fail
	}
	return b.Bytes()
}

// wrap breaks s into lines of at most width bytes where it can, at spaces
// before a word that starts with a letter: a line starting with a digit
// or a mark could read as a Markdown list, heading or quote.
func wrap(s string, width int) string {
	var b strings.Builder
	line := 0
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			first, _ := utf8.DecodeRuneInString(w)
			if line+1+len(w) > width && unicode.IsLetter(first) {
				b.WriteByte('\n')
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}
