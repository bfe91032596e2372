package article

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
)

// refControls are every code point a character reference must not decode
// to: C0 except tab and newline, DEL, C1, the bidi overrides and isolates.
func refControls() []rune {
	var rs []rune
	for r := rune(0); r < 0x20; r++ {
		if r != '\t' && r != '\n' {
			rs = append(rs, r)
		}
	}
	rs = append(rs, 0x7f)
	for r := rune(0x80); r <= 0x9f; r++ {
		rs = append(rs, r)
	}
	for _, r := range "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" {
		rs = append(rs, r)
	}
	return rs
}

// refEncoding writes a code point as a numeric character reference.
type refEncoding struct {
	name string
	ref  func(r rune) string
}

// refEncodings are every way of writing a reference the matrix covers:
// decimal and hexadecimal, x and X, lower- and upper-case digits, with and
// without leading zeros, with and without the final ';'.
func refEncodings() []refEncoding {
	var encs []refEncoding
	for _, zeros := range []string{"", "0000"} {
		for _, semi := range []string{";", ""} {
			encs = append(encs, refEncoding{fmt.Sprintf("dec zeros=%q semi=%q", zeros, semi),
				func(r rune) string { return "&#" + zeros + strconv.Itoa(int(r)) + semi }})
			for _, x := range []string{"x", "X"} {
				for _, upper := range []bool{false, true} {
					encs = append(encs, refEncoding{fmt.Sprintf("hex %s upper=%v zeros=%q semi=%q", x, upper, zeros, semi),
						func(r rune) string {
							h := strconv.FormatInt(int64(r), 16)
							if upper {
								h = strings.ToUpper(h)
							}
							return "&#" + x + zeros + h + semi
						}})
				}
			}
		}
	}
	return encs
}

// refRE finds numeric references the way the test's own decoder reads
// them (any number of digits, ';' optional), independently of controlRef.
var refRE = regexp.MustCompile(`&#([xX][0-9a-fA-F]+|[0-9]+)`)

// decodesToControl reports whether s holds a character reference that a
// renderer would turn into a control: html.UnescapeString (what Glamour
// runs) yields one, or a reference's code point (as CommonMark reads it,
// and modulo 2^32 as html.UnescapeString computes it) is one.
func decodesToControl(s string) bool {
	for _, r := range html.UnescapeString(s) {
		if isControl(r) {
			return true
		}
	}
	for _, m := range refRE.FindAllStringSubmatch(s, -1) {
		digits, base := m[1], 10
		if digits[0] == 'x' || digits[0] == 'X' {
			digits, base = digits[1:], 16
		}
		var v uint32
		for _, c := range digits {
			d, _ := strconv.ParseUint(string(c), base, 8)
			v = v*uint32(base) + uint32(d)
		}
		if v <= 0x10ffff && isControl(rune(v)) {
			return true
		}
	}
	return false
}

// refField is one place in one format where text can hold a reference:
// file builds the file with text in that place, max is how many
// references the place holds (a byline is at most 120 characters, a wire
// source 40).
type refField struct {
	format Format
	name   string
	max    int
	file   func(text string) string
}

// yamlQ double-quotes text for YAML front matter (the references hold no
// quote or backslash).
func yamlQ(s string) string { return `"` + s + `"` }

// refFields lists every text field of every format.
func refFields() []refField {
	wire := func(field string) func(string) string {
		return func(text string) string {
			v := map[string]string{"headline": "Headline", "byline": "Ann Lee", "place": "WICHITA, Kan.",
				"date": "Feb. 1, 2024", "source": "AP", "para": "Body text.", "name": "Jo Park",
				"role": "Mayor", "location": "Wichita", "quote": "Stay home.", "note": "More to come.",
				"dash quote": "We were ready."}
			v[field] = "x " + text + " y"
			return v["headline"] + "\nBy " + v["byline"] + "\n" +
				v["place"] + ", " + v["date"] + " (" + v["source"] + ") — " + v["para"] + "\n" +
				"Second paragraph.\nReactions\n" +
				v["name"] + ", " + v["role"] + " (" + v["location"] + `): "` + v["quote"] + "\"\n" +
				`"` + v["dash quote"] + `" — Tom Ray, Spokesman` + "\n" + v["note"] + "\n"
		}
	}
	md := func(field string) func(string) string {
		return func(text string) string {
			v := map[string]string{"title": "T", "byline": "By B", "author": "", "place": "P", "date": "D",
				"source": "S", "tag": "t2", "name": "N", "role": "R", "location": "L", "quote": "Q",
				"para": "Body.", "heading": "", "list": "- item", "code": "`code`", "section quote": "Said.",
				"section name": "Ann Lee", "section role": "Farmer", "section location": "Laurel",
				"wire entry": `Jo Park, Mayor: "Stay."`, "note": "A note."}
			v[field] = "x " + text + " y"
			switch field {
			case "list":
				v[field] = "- " + v[field]
			case "code":
				v[field] = "`" + v[field] + "`"
			case "wire entry":
				v[field] = `Jo Park, Mayor: "` + v[field] + `"`
			}
			fm := "---\n"
			if field != "heading" {
				fm += "title: " + yamlQ(v["title"]) + "\n"
			}
			if field == "author" {
				fm += "author: " + yamlQ(v["author"]) + "\n"
			} else {
				fm += "byline: " + yamlQ(v["byline"]) + "\n"
			}
			fm += "place: " + yamlQ(v["place"]) + "\ndate: " + yamlQ(v["date"]) + "\nsource: " + yamlQ(v["source"]) +
				"\ntags: [t1, " + yamlQ(v["tag"]) + "]\nreactions:\n  - name: " + yamlQ(v["name"]) +
				"\n    role: " + yamlQ(v["role"]) + "\n    location: " + yamlQ(v["location"]) +
				"\n    quote: " + yamlQ(v["quote"]) + "\n---\n\n"
			body := ""
			if field == "heading" {
				body += "# " + v["heading"] + "\n\n"
			}
			body += v["para"] + "\n\n" + v["list"] + "\n\n" + v["code"] + "\n\n## Reactions\n\n" +
				"> \"" + v["section quote"] + "\"\n> — " + v["section name"] + ", " + v["section role"] +
				" (" + v["section location"] + ")\n\n" + v["wire entry"] + "\n\n" + v["note"] + "\n"
			return fm + body
		}
	}
	js := func(field string, escapeAmp bool) func(string) string {
		return func(text string) string {
			v := map[string]string{"headline": "H", "byline": "By B", "place": "P", "date": "D", "source": "S",
				"body string": "One.\n\nTwo.", "body item": "One.", "tag": "t", "name": "N", "role": "R",
				"location": "L", "quote": "Q"}
			v[field] = "x " + text + " y"
			q := strconv.Quote
			if escapeAmp {
				q = func(s string) string { return strings.ReplaceAll(strconv.Quote(s), "&", `\u0026`) }
			}
			return `[{"headline":"Other"},{"headline":` + q(v["headline"]) + `,"byline":` + q(v["byline"]) +
				`,"place":` + q(v["place"]) + `,"date":` + q(v["date"]) + `,"source":` + q(v["source"]) +
				`,"tags":["t0",` + q(v["tag"]) + `],"reactions":[{"name":` + q(v["name"]) + `,"role":` + q(v["role"]) +
				`,"location":` + q(v["location"]) + `,"quote":` + q(v["quote"]) + `}]},` +
				`{"headline":"B1","body":` + q(v["body string"]) + `},{"headline":"B2","body":["Zero.",` + q(v["body item"]) + `]}]`
		}
	}
	var fs []refField
	for _, f := range []string{"headline", "byline", "place", "date", "source", "para", "name", "role", "location", "quote", "dash quote", "note"} {
		n := 70
		switch f {
		case "byline":
			n = 8
		case "source":
			n = 3
		case "name":
			n = 6
		}
		fs = append(fs, refField{FormatWire, f, n, wire(f)})
	}
	for _, f := range []string{"title", "byline", "author", "place", "date", "source", "tag", "name", "role", "location", "quote",
		"heading", "para", "list", "code", "section quote", "section name", "section role", "section location", "wire entry", "note"} {
		n := 70
		if f == "section name" {
			n = 6
		}
		fs = append(fs, refField{FormatMarkdown, f, n, md(f)})
	}
	for _, f := range []string{"headline", "byline", "place", "date", "source", "body string", "body item", "tag", "name", "role", "location", "quote"} {
		fs = append(fs, refField{FormatJSON, f, 70, js(f, false)})
		fs = append(fs, refField{FormatJSON, f + ` (& as \u0026)`, 70, js(f, true)})
	}
	return fs
}

// TestParse_CharRefsToControls puts every control as a character
// reference, in every encoding, into every field of every format, and
// checks that no parsed field holds a reference a renderer would decode
// into a control, that each became one U+FFFD (no text around it lost),
// and that the article says so.
func TestParse_CharRefsToControls(t *testing.T) {
	controls := refControls()
	for _, field := range refFields() {
		t.Run(string(field.format)+"/"+field.name, func(t *testing.T) {
			for _, enc := range refEncodings() {
				for lo := 0; lo < len(controls); lo += field.max {
					group := controls[lo:min(lo+field.max, len(controls))]
					refs := make([]string, len(group))
					for i, r := range group {
						refs[i] = enc.ref(r)
					}
					text := strings.Join(refs, " ")
					data := field.file(text)
					arts, probs := Parse("f", []byte(data), field.format)
					if len(arts) == 0 {
						t.Fatalf("%s: no article from %q: %v", enc.name, data, probs)
					}
					fffd, warned := 0, false
					for _, a := range arts {
						for _, s := range append(articleFields(a), a.ReactionsHeading) {
							if decodesToControl(s) {
								t.Fatalf("%s: field %q decodes to a control (file %q)", enc.name, s, data)
							}
							fffd += strings.Count(s, "\uFFFD")
						}
						warned = warned || strings.Contains(strings.Join(a.Warnings, "\n"), warnControls)
					}
					if fffd != len(group) || !warned {
						t.Fatalf("%s: %d U+FFFD for %d references, warned %v; articles %+v", enc.name, fffd, len(group), warned, arts)
					}
				}
			}
		})
	}
}

func TestNeutralizeRefs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a &#x1b;]0;PWNED&#x7; b", "a \uFFFD]0;PWNED\uFFFD b"},
		{"&#27;&#X1B;&#155;&#x9d;&#7;&#0000027", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"},
		{"&#x1b[31m", "\uFFFD[31m"},                      // no ';': html.UnescapeString decodes it all the same
		{"&#x1bad;", "&#x1bad;"},                         // greedy digits: U+1BAD is a letter
		{"&#x10000001b; &#4294967323;", "\uFFFD \uFFFD"}, // the decoder's int32 wraps to ESC
		{"&#x202E;&#8294;", "\uFFFD\uFFFD"},              // bidi override, isolate
		{"&#9; &#10; &#x0a; &Tab; &NewLine;", "&#9; &#10; &#x0a; &Tab; &NewLine;"},
		{"&#233; &#x2014; &amp; &#; &#x; &#xg; &# &", "&#233; &#x2014; &amp; &#; &#x; &#xg; &# &"},
		{"&#034; &#039; &#033;", "&#034; &#039; &#033;"}, // decimal with leading zeros, not octal
		{"&&#x1b;#x1b;", "&\uFFFD#x1b;"},
		{"&#x110000; &#0;", "&#x110000; \uFFFD"}, // out of range decodes to U+FFFD; NUL counts as a control
	}
	for _, tt := range tests {
		got, changed := neutralizeRefs(tt.in)
		if got != tt.want || changed != (got != tt.in) {
			t.Errorf("neutralizeRefs(%q) = %q, %v; want %q", tt.in, got, changed, tt.want)
		}
		if decodesToControl(got) {
			t.Errorf("neutralizeRefs(%q) = %q still decodes to a control", tt.in, got)
		}
	}
}

// TestSanitize_RefMadeByNFC: normalisation can complete a reference (an
// "e" and a combining acute become "é", leaving "&#x1" to decode alone;
// U+037E becomes ';'), so references are neutralised after NFC.
func TestSanitize_RefMadeByNFC(t *testing.T) {
	for _, in := range []string{"&#x1e\u0301 b", "&#x1b\u037e"} {
		got, removed := sanitize(in)
		if decodesToControl(got) || !removed {
			t.Errorf("sanitize(%q) = %q, %v: a control reference is left or unreported", in, got, removed)
		}
	}
}

// TestGlamour_CharRefsStayInert renders articles holding every control as
// a reference through the real Glamour (no-colour style, so its output has
// no escape sequence of its own) and checks that not one control byte
// comes out. It also pins the behaviour that makes the input side needed:
// Glamour decodes a reference without ';' and wraps large values.
func TestGlamour_CharRefsStayInert(t *testing.T) {
	render := func(md string) string {
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(styles.NoTTYStyle), glamour.WithWordWrap(0))
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.Render(md)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	hasControl := func(s string) bool { return strings.ContainsFunc(s, isControl) }
	for _, raw := range []string{"a &#x1b b", "a &#4294967323; b", "a `&#27` b", "a \\&#x1b; b"} {
		if !hasControl(render(raw)) {
			t.Errorf("Glamour no longer decodes %q into a control: the input rule may be wider than needed", raw)
		}
	}
	controls := refControls()
	for _, field := range refFields() {
		enc := refEncodings()[len(refEncodings())-1] // hex, X, upper case, zeros, no ';'
		for lo := 0; lo < len(controls); lo += field.max {
			group := controls[lo:min(lo+field.max, len(controls))]
			refs := make([]string, len(group))
			for i, r := range group {
				refs[i] = enc.ref(r)
			}
			arts, probs := Parse("f", []byte(field.file(strings.Join(refs, " "))), field.format)
			if len(arts) == 0 {
				t.Fatalf("%s/%s: no article: %v", field.format, field.name, probs)
			}
			for _, a := range arts {
				if out := render(a.Markdown()); hasControl(out) {
					t.Fatalf("%s/%s: Glamour wrote a control: %q", field.format, field.name, out)
				}
			}
		}
	}
}
