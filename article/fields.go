package article

import "fmt"

// This file is the one mapping from an object of a structured format (a
// JSON article object, YAML front matter) to an article's fields: which
// key fills which field, what type each must have, how lists of tags,
// paragraphs and reactions are read, and the messages for what is wrong.
// Each format supplies a tree (how to read its values) and a vocabulary
// (the words its messages use: "array" or "list").

// valueKind is a value's type, as far as the mapping cares.
type valueKind uint8

const (
	valueNull  valueKind = iota
	valueText            // what the format takes as text: a JSON string, any YAML scalar
	valueList            // a JSON array, a YAML sequence
	valueMap             // a JSON object, a YAML mapping
	valueOther           // anything else: a JSON number or boolean
)

// tree reads the values of one structured format; V is one value (a span
// of JSON text, a YAML node). Lists and maps are walked with a cursor
// (from first, then each call's next) rather than a callback, and the
// format is a type parameter rather than an interface value: a JSON array
// of 500,000 articles then reads each value without a heap allocation.
type tree[V any] interface {
	kind(v V) valueKind
	// text is the text of a valueText value, as written.
	text(v V) string
	// typeName names v's type for a message: "number", "mapping".
	typeName(v V) string
	// first is the cursor at the first element or member of v.
	first(v V) int
	// item returns the element of list v at cursor c and the cursor of
	// the next one; ok is false past the last.
	item(list V, c int) (item V, next int, ok bool)
	// member returns the member of map v at cursor c: its key as text,
	// the key's value (for positions), its value, and the next cursor.
	member(obj V, c int) (key string, k, v V, next int, ok bool)
	// fail records the error msg at v.
	fail(at V, msg string)
	// twice handles a known key given a second time in one object (k is
	// the second key, first the first one) and reports whether that is
	// an error (the second is then skipped) rather than the last winning.
	twice(key string, first, k V) bool
}

// vocabulary is the words a format's messages use.
type vocabulary struct {
	// prefix starts every error ("front matter: "); elem, when above 0,
	// names the article of an array ("article 3: ") after it.
	prefix string
	elem   int
	// list names a list: "array", "list".
	list string
	// reactions and reaction say what the reactions field and each of
	// its items must be.
	reactions, reaction string
	// warn starts the warning for a reaction without a quote.
	warn string
}

// target is the field a key fills.
type target uint8

const (
	toHeadline target = iota
	toByline
	toAuthor // the byline when no byline is given
	toPlace
	toDate
	toSource
	toBody
	toTags
	toReactions
	numTargets
)

// schema maps the keys of a format's objects to the fields they fill;
// other keys are ignored (exports and site generators add their own).
type schema map[string]target

// fields is what an object's keys give.
type fields struct {
	Article
	author string
}

// text returns the text field t fills.
func (f *fields) text(t target) *string {
	switch t {
	case toHeadline:
		return &f.Headline
	case toByline:
		return &f.Byline
	case toAuthor:
		return &f.author
	case toPlace:
		return &f.Place
	case toDate:
		return &f.Date
	}
	return &f.Source
}

// where names the value a message is about: `field "reactions": item 2:
// field "quote"`. It is formatted only when there is something to say.
type where struct {
	key  string
	item int // from 1; 0 for the field itself
	sub  string
}

func (w where) String() string {
	s := fmt.Sprintf("field %q", w.key)
	if w.item > 0 {
		s += fmt.Sprintf(": item %d", w.item)
	}
	if w.sub != "" {
		s += fmt.Sprintf(": field %q", w.sub)
	}
	return s
}

// reader reads one object's fields and collects whether any was wrong.
type reader[V any, T tree[V]] struct {
	t   T
	voc vocabulary
	ok  bool
}

// fail records an error at v, in the format's words.
func (r *reader[V, T]) fail(at V, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if r.voc.elem > 0 {
		msg = fmt.Sprintf("article %d: %s", r.voc.elem, msg)
	}
	r.t.fail(at, r.voc.prefix+msg)
	r.ok = false
}

// readFields reads the object obj into an article's fields: text fields,
// body, tags and reactions, a byline without its "By " (or the author's,
// when there is no byline). It reports every wrong field, not only the
// first, and returns false if there was any.
func readFields[V any, T tree[V]](t T, obj V, s schema, voc vocabulary) (Article, bool) {
	r := reader[V, T]{t: t, voc: voc, ok: true}
	var f fields
	var seen [numTargets]bool
	var first [numTargets]V
	for c := t.first(obj); ; {
		key, k, v, next, more := t.member(obj, c)
		if !more {
			break
		}
		c = next
		to, known := s[key]
		if !known {
			continue
		}
		if seen[to] {
			if t.twice(key, first[to], k) {
				r.ok = false
				continue
			}
		} else {
			seen[to], first[to] = true, k
		}
		switch to {
		case toBody:
			f.Paragraphs = r.body(v)
		case toTags:
			f.Tags = r.texts(v, where{key: key}, false)
		case toReactions:
			var warns []string
			f.Reactions, warns = r.reactions(v)
			f.Warnings = append(f.Warnings, warns...)
		default:
			*f.text(to), _ = r.text(v, where{key: key})
		}
	}
	f.Byline = stripBy(f.Byline)
	if isBlank(f.Byline) {
		f.Byline = stripBy(f.author)
	}
	return f.Article, r.ok
}

// text reads a text value: null is "", anything the format takes as text
// is kept as written, anything else is an error at w.
func (r *reader[V, T]) text(v V, w where) (string, bool) {
	switch r.t.kind(v) {
	case valueNull:
		return "", true
	case valueText:
		return r.t.text(v), true
	}
	r.fail(v, "%s: want string, got %s", w, r.t.typeName(v))
	return "", false
}

// texts reads a list of text values (null items dropped); null is absent.
// body says the field may also be one string, for the message when it is
// neither.
func (r *reader[V, T]) texts(v V, w where, body bool) []string {
	switch r.t.kind(v) {
	case valueNull:
		return nil
	case valueList:
	default:
		want := r.voc.list + " of strings"
		if body {
			want = "string or " + want
		}
		r.fail(v, "%s: want %s, got %s", w, want, r.t.typeName(v))
		return nil
	}
	var out []string
	for i, c := 0, r.t.first(v); ; i++ {
		item, next, more := r.t.item(v, c)
		if !more {
			break
		}
		c = next
		if r.t.kind(item) == valueNull {
			continue
		}
		w.item = i + 1
		if s, ok := r.text(item, w); ok {
			out = append(out, s)
		}
	}
	return out
}

// body reads a body: a text whose paragraphs are separated by blank
// lines, or a list of texts, one paragraph each, blank ones dropped.
func (r *reader[V, T]) body(v V) []string {
	if r.t.kind(v) == valueText {
		return joinBlocks(r.t.text(v))
	}
	paras := r.texts(v, where{key: "body"}, true)
	kept := paras[:0]
	for _, p := range paras {
		if !isBlank(p) {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	return kept
}

// reactions reads a list of reactions: maps of name, role, location and
// quote, texts or null (other keys ignored). A null item is dropped; a
// reaction with no quote is skipped with a warning. The quote is kept as
// given: in a structured format the field is the quote, so there are no
// quote marks to unwrap.
func (r *reader[V, T]) reactions(v V) ([]Reaction, []string) {
	switch r.t.kind(v) {
	case valueNull:
		return nil, nil
	case valueList:
	default:
		r.fail(v, "%s: want %s, got %s", where{key: "reactions"}, r.voc.reactions, r.t.typeName(v))
		return nil, nil
	}
	var rs []Reaction
	var warns []string
	for i, c := 0, r.t.first(v); ; i++ {
		item, next, more := r.t.item(v, c)
		if !more {
			break
		}
		c = next
		w := where{key: "reactions", item: i + 1}
		switch r.t.kind(item) {
		case valueNull:
			continue
		case valueMap:
		default:
			r.fail(item, "%s: want %s, got %s", w, r.voc.reaction, r.t.typeName(item))
			continue
		}
		var re Reaction
		good := true
		for mc := r.t.first(item); ; {
			key, _, fv, next, more := r.t.member(item, mc)
			if !more {
				break
			}
			mc = next
			dst := re.field(key)
			if dst == nil {
				continue
			}
			w.sub = key
			var ok bool
			*dst, ok = r.text(fv, w)
			good = good && ok
		}
		switch {
		case !good:
		case isBlank(re.Quote):
			warns = append(warns, fmt.Sprintf("%sreaction %d has no quote; it was skipped", r.voc.warn, i+1))
		default:
			rs = append(rs, re)
		}
	}
	return rs, warns
}
