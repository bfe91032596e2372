package corpus

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// story is one generated article before it is written in a format: the
// fields every format shares, as the parsers must read them back.
type story struct {
	headline, byline, place, date, source string
	// paras is the body. A Markdown story's paragraphs may hold emphasis,
	// or be a "## Heading" or a list.
	paras []string
	// tags are written by Markdown and JSON only (wire text has none).
	tags      []string
	heading   string // the reactions section's heading ("" for none)
	reactions []reaction
	notes     []note
	// frontMatter is whether a Markdown story lists its reactions in the
	// front matter rather than in a reactions section.
	frontMatter bool
}

// reaction is one commentator's reaction.
type reaction struct{ name, role, location, quote string }

// note is a remark of the reactions section; after is how many reactions
// come before it.
type note struct {
	text  string
	after int
}

// commentator is a member of the pool: the same person keeps one role and
// one city in every story, as in real coverage.
type commentator struct{ name, role, location string }

// poolSize is how many commentators there are.
const poolSize = 320

var (
	poolOnce sync.Once
	pool     []commentator
)

// commentators is the pool, made once from a fixed seed so that every
// corpus, whatever its seed, draws on the same people.
func commentators() []commentator {
	poolOnce.Do(func() {
		r := rand.New(rand.NewPCG(0x6e657773, 0x64657368)) // "news", "desh"
		seen := map[string]bool{}
		for _, n := range cjkNames {
			seen[n] = true
			pool = append(pool, commentator{n, pick(r, roles), pick(r, commentatorCities)})
		}
		for len(pool) < poolSize {
			name := pick(r, firstNames) + " " + pick(r, surnames)
			if r.IntN(5) == 0 {
				name = pick(r, honorifics) + " " + name
			}
			if seen[name] {
				continue
			}
			seen[name] = true
			c := commentator{name, pick(r, roles), pick(r, commentatorCities)}
			if r.IntN(10) == 0 {
				c.location = "" // no location given
			}
			pool = append(pool, c)
		}
	})
	return pool
}

// pick is a uniformly chosen element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// chance is true with probability p percent.
func chance(r *rand.Rand, p int) bool { return r.IntN(100) < p }

// reactionWeights is how often a story has 0, 1, … 8 reactions, in
// percent: most have a few, like the seed's four.
var reactionWeights = []int{8, 8, 12, 16, 18, 14, 10, 8, 6}

// weighted picks an index with the given weights (which sum to 100).
func weighted(r *rand.Rand, w []int) int {
	n := r.IntN(100)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}

// epoch and days bound the stories' dates: 2023 to 2025.
var epoch = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

const days = 3 * 365

// newStory makes a story for format f from r. target is the size in bytes
// its body and reactions should reach together (the format's own markup
// comes on top).
func newStory(r *rand.Rand, f Format, target int) *story {
	s := &story{}
	pl := pick(r, places)
	s.place = pl.dateline
	src := pick(r, sources)
	s.source = src
	when := epoch.AddDate(0, 0, r.IntN(days))
	s.date = formatDate(r, when, f)
	tp := pick(r, topics)
	s.headline = headline(r, tp, pl)
	if chance(r, 40) {
		s.byline = pick(r, firstNames) + " " + pick(r, surnames)
	}
	if f != Wire {
		s.tags = append(s.tags, tp.tags...)
		for range r.IntN(3) {
			if t := pick(r, extraTags); !slices.Contains(s.tags, t) {
				s.tags = append(s.tags, t)
			}
		}
	}
	if f == Wire && chance(r, 5) {
		s.place, s.date, s.source = "", "", "" // a story filed without a dateline
	}

	n := weighted(r, reactionWeights)
	size := 0
	if n > 0 {
		s.heading = pick(r, sectionHeadings)
		people := commentators()
		for _, k := range r.Perm(len(people))[:n] {
			c := people[k]
			q := quote(r, tp, pl)
			s.reactions = append(s.reactions, reaction{c.name, c.role, c.location, q})
			size += len(c.name) + len(c.role) + len(c.location) + len(q) + 10
		}
		if chance(r, 20) {
			// Most remarks close the section; some sit between quotes.
			after := n
			if chance(r, 30) {
				after = r.IntN(n + 1)
			}
			s.notes = append(s.notes, note{pick(r, notes), after})
		}
	}

	switch {
	case f == JSON:
		s.heading, s.notes = "", nil // JSON has neither
	case f == Markdown && n > 0 && chance(r, 50):
		s.frontMatter = true
		if len(s.notes) == 0 {
			s.heading = "" // nothing left for a section
		}
		for i := range s.notes {
			s.notes[i].after = n // the front matter's reactions come first
		}
	}

	ctx := fill{r: r, topic: tp, place: pl, source: src}
	cjk := chance(r, 8)
	for size < target || len(s.paras) < 3 {
		p := paragraph(&ctx, 2+r.IntN(3))
		if cjk && len(s.paras) == 2 {
			p = pick(r, cjkParagraphs)
		}
		if f == Markdown {
			p = markdownBlock(r, p, s.paras)
		}
		s.paras = append(s.paras, p)
		size += len(p) + 2
	}
	return s
}

// formatDate writes a date as the format's files usually do: wires a
// month and day (sometimes without the year, like the seed's "Feb 1"),
// front matter and JSON mostly ISO.
func formatDate(r *rand.Rand, t time.Time, f Format) string {
	m, d, y := t.Month()-1, t.Day(), t.Year()
	abbr := monthAbbr[m]
	if abbr == "" {
		abbr = months[m]
	}
	if f == Wire {
		switch r.IntN(5) {
		case 0:
			return months[m][:3] + " " + strconv.Itoa(d) // "Feb 1"
		case 1:
			return fmt.Sprintf("%s %d, %d", months[m], d, y)
		case 2:
			return fmt.Sprintf("%d %s %d", d, months[m], y)
		default:
			return fmt.Sprintf("%s %d, %d", abbr, d, y)
		}
	}
	switch r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s %d, %d", abbr, d, y)
	case 1:
		return t.Add(time.Duration(6+r.IntN(14))*time.Hour + time.Duration(r.IntN(60))*time.Minute).Format(time.RFC3339)
	default:
		return t.Format("2006-01-02")
	}
}

// headline is a story's headline about tp in pl.
func headline(r *rand.Rand, tp topic, pl place) string {
	if chance(r, 3) {
		return pick(r, cjkHeadlines)
	}
	sub := pick(r, subjects)
	v := pick(r, verbs)
	vf := v.singular
	if sub.plural {
		vf = v.plural
	}
	switch r.IntN(8) {
	case 0:
		return "How the " + tp.title + " Will Change " + pick(r, []string{"Your Paycheck", "Trade", "the Region", "Small Firms", "Travel"})
	case 1:
		return pl.city + " " + v.singular + " " + tp.title
	case 2:
		return "Why " + sub.name + " " + v.plural + " " + tp.title
	case 3, 4:
		return sub.name + " " + vf + " " + tp.title + " " + pick(r, qualifiers)
	default:
		return sub.name + " " + vf + " " + tp.title
	}
}

// fill expands a template's slots for one story, and deals its sentence
// templates in a shuffled order so that a story repeats none until it has
// used them all.
type fill struct {
	r      *rand.Rand
	topic  topic
	place  place
	source string
	deck   []int
}

// sentence is the next sentence template of the deck of list.
func (c *fill) sentence(list []string) string {
	if len(c.deck) == 0 {
		c.deck = c.r.Perm(len(list))
	}
	t := list[c.deck[0]]
	c.deck = c.deck[1:]
	return t
}

// expand replaces each {slot} of t.
func (c *fill) expand(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}') + i
		b.WriteString(t[:i])
		b.WriteString(c.slot(t[i+1 : j]))
		t = t[j+1:]
	}
}

func (c *fill) slot(name string) string {
	r := c.r
	if one, many, ok := strings.Cut(name, "|"); ok {
		// Topics are named in the plural when they end in s ("port fees").
		if strings.HasSuffix(c.topic.body, "s") {
			return many
		}
		return one
	}
	switch name {
	case "topic":
		return c.topic.body
	case "place":
		return c.place.city
	case "country":
		return c.place.country
	case "city2":
		return pick(r, places).city
	case "Officials":
		return pick(r, officials)
	case "groups":
		return pick(r, groups)
	case "weekday":
		return pick(r, weekdays)
	case "month":
		return pick(r, months)
	case "month2":
		return pick(r, months)
	case "timeframe":
		return pick(r, timeframes)
	case "units":
		return pick(r, units)
	case "adj":
		return pick(r, adjectives)
	case "ordinal":
		return pick(r, ordinals)
	case "company":
		return pick(r, companies)
	case "institution":
		return pick(r, institutions)
	case "source":
		return c.source
	case "num":
		return strconv.Itoa(10 + r.IntN(990))
	case "num2":
		return strconv.Itoa(2 + r.IntN(20))
	case "num3":
		return strconv.Itoa(100 * (1 + r.IntN(90)))
	case "pct":
		return strconv.Itoa(r.IntN(9)) + "." + strconv.Itoa(1+r.IntN(9))
	case "year":
		return strconv.Itoa(1990 + r.IntN(30))
	}
	panic("gencorpus: unknown slot " + name)
}

// paragraph is n sentences.
func paragraph(c *fill, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = c.expand(c.sentence(sentences))
	}
	return strings.Join(parts, " ")
}

// quote is what a commentator says: one to three sentences.
func quote(r *rand.Rand, tp topic, pl place) string {
	c := fill{r: r, topic: tp, place: pl}
	parts := make([]string, 1+r.IntN(3))
	for i := range parts {
		parts[i] = c.expand(c.sentence(quoteSentences))
	}
	return strings.Join(parts, " ")
}

// markdownBlock dresses body paragraph p, which follows before, as
// Markdown: now and then emphasis, a heading instead, or a short list
// (never right after another: the two would be one list).
func markdownBlock(r *rand.Rand, p string, before []string) string {
	k := len(before)
	switch {
	case k > 0 && chance(r, 10):
		return "## " + pick(r, mdHeadings)
	case k > 0 && !strings.HasPrefix(before[k-1], "- ") && chance(r, 6):
		items := strings.SplitAfter(p, ". ")
		if len(items) < 2 {
			return p
		}
		for i, it := range items {
			items[i] = "- " + strings.TrimSpace(it)
		}
		return strings.Join(items, "\n")
	case chance(r, 25):
		// Emphasise one word that is all letters.
		w := strings.Fields(p)
		for range 4 {
			if i := r.IntN(len(w)); isWord(w[i]) {
				mark := pick(r, []string{"*", "**"})
				w[i] = mark + w[i] + mark
				break
			}
		}
		return strings.Join(w, " ")
	}
	return p
}

// isWord reports whether s is letters only (ASCII), so emphasis around it
// stays simple Markdown.
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}
