package article

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanRaw_Rules(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     string
		warnings []string
	}{
		{"clean text unchanged", "Plain\ttext\nline two", "Plain\ttext\nline two", nil},
		{"BOM dropped", "\xef\xbb\xbfHeadline", "Headline", nil},
		{"CRLF to LF", "a\r\nb\r\n", "a\nb\n", nil},
		{"invalid run becomes one U+FFFD", "a\xff\xfe\xfdb", "a\uFFFDb", []string{warnInvalidUTF8}},
		{"two runs become two U+FFFD", "a\xffb\xc3c", "a\uFFFDb\uFFFDc", []string{warnInvalidUTF8}},
		{"truncated sequence at end", "ab\xe2\x82", "ab\uFFFD", []string{warnInvalidUTF8}},
		{"valid U+FFFD kept without warning", "a\uFFFDb", "a\uFFFDb", nil},
		{"CSI SGR", "a\x1b[31mred\x1b[0m b", "ared b", []string{warnControls}},
		{"CSI with private and intermediate bytes", "a\x1b[?25l\x1b[1 qb", "ab", []string{warnControls}},
		{"CSI aborted by non-ASCII keeps the text", "a\x1b[31é", "aé", []string{warnControls}},
		{"OSC with BEL", "a\x1b]0;evil title\x07b", "ab", []string{warnControls}},
		{"OSC 8 hyperlink with ST", "a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb", []string{warnControls}},
		{"OSC 52 clipboard", "a\x1b]52;c;ZXZpbA==\x07b", "ab", []string{warnControls}},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab", []string{warnControls}},
		{"APC", "a\x1b_Gf=100;AAAA\x1b\\b", "ab", []string{warnControls}},
		{"PM", "a\x1b^private\x1b\\b", "ab", []string{warnControls}},
		{"SOS", "a\x1bXstring\x07b", "ab", []string{warnControls}},
		{"string spans lines", "a\x1b]2;x\ny\x07b", "ab", []string{warnControls}},
		{"unterminated OSC loses only its introducer", "a\x1b]0;rest of file\nmore", "a0;rest of file\nmore", []string{warnControls}},
		{"ESC ends a string, the last unterminated one keeps its text", "\x1b]a\x1b]b\x1bPc", "c", []string{warnControls}},
		{"two-byte ESC sequences", "a\x1bcb\x1b7c\x1b8d\x1bMe", "abcde", []string{warnControls}},
		{"nF sequence", "a\x1b(Bb\x1b#8c", "abc", []string{warnControls}},
		{"lone ESC at end", "ab\x1b", "ab", []string{warnControls}},
		{"ESC before non-ASCII", "a\x1bé", "aé", []string{warnControls}},
		{"8-bit CSI", "a\u009b31mb", "ab", []string{warnControls}},
		{"8-bit OSC with 8-bit ST", "a\u009d0;title\u009cb", "ab", []string{warnControls}},
		{"8-bit DCS APC PM SOS", "a\u0090x\u009cb\u009fy\u009cc\u009ez\u009cd\u0098w\u009ce", "abcde", []string{warnControls}},
		{"other C1", "a\u0085b\u0080c\u009fd", "abcd", []string{warnControls}},
		{"C0 controls except tab and newline", "a\x00\x01\x07\x08\x0b\x0c\x0d\x1f\tb\n", "a\tb\n", []string{warnControls}},
		{"lone CR", "a\rb", "ab", []string{warnControls}},
		{"DEL", "a\x7fb", "ab", []string{warnControls}},
		{"bidi overrides and isolates", "a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j", "abcdefghij", []string{warnControls}},
		{"LRM and ZWJ kept", "a\u200eb\u200dc", "a\u200eb\u200dc", nil},
		{"invalid and controls", "\xef\xbb\xbf\xff\x1b[2J\r\n", "\uFFFD\n", []string{warnInvalidUTF8, warnControls}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns := cleanRaw([]byte(tt.in), false)
			if got != tt.want {
				t.Errorf("cleanRaw(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !reflect.DeepEqual(warns, tt.warnings) {
				t.Errorf("warnings %q, want %q", warns, tt.warnings)
			}
		})
	}
}

func TestSanitize_Rules(t *testing.T) {
	tests := []struct{ in, want string }{
		{"e\u0301", "é"},                     // NFC
		{"\u00a0 text \u00a0\n", "text"},     // NBSP and white space trimmed
		{"\u3000wide\u2003", "wide"},         // other Unicode spaces
		{"in\u00a0side", "in\u00a0side"},     // inner NBSP kept
		{"\x1b[1mbold\x1b[0m", "bold"},       // escapes
		{"a\xff\xfeb", "a\uFFFDb"},           // invalid run
		{"\u202eevil\u202c.txt", "evil.txt"}, // bidi
		{"e\x1b[0m\u0301", "é"},              // removal first, then NFC joins
		{"\x07\x1b", ""},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSanitizeArticle_EveryField(t *testing.T) {
	a := Article{
		Headline:   " \x1b[31mH\x1b[0m ",
		Byline:     "e\u0301",
		Place:      "\u00a0PARIS\u00a0",
		Date:       "Feb\u009b1m 1",
		Source:     "AP\x07",
		Paragraphs: []string{"one\u202e", "\x1b[2J", "two"},
		Reactions:  []Reaction{{Name: "N\x7f", Role: "R\x00", Location: "L\u2066", Quote: "Q\x1b]0;t\x07"}},
		Notes:      []Note{{Text: "note\x1b"}},
		Tags:       []string{"tag", " \x1b[0m "},
		Warnings:   []string{"w", "w\x1b[0m", warnNoBody},
	}
	sanitizeArticle(&a)
	want := Article{
		Headline:   "H",
		Byline:     "é",
		Place:      "PARIS",
		Date:       "Feb 1",
		Source:     "AP",
		Paragraphs: []string{"one", "two"},
		Reactions:  []Reaction{{Name: "N", Role: "R", Location: "L", Quote: "Q"}},
		Notes:      []Note{{Text: "note"}},
		Tags:       []string{"tag"},
		Warnings:   []string{"w", warnNoBody, warnControls},
	}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("sanitizeArticle =\n%+v\nwant\n%+v", a, want)
	}
}

func TestSanitizeArticle_OneControlWarning(t *testing.T) {
	a := Article{Headline: "\x1b[0mH", Warnings: []string{warnControls}}
	sanitizeArticle(&a)
	if !reflect.DeepEqual(a.Warnings, []string{warnControls}) {
		t.Errorf("warnings %q, want one %q", a.Warnings, warnControls)
	}
	b := Article{Headline: "H"}
	sanitizeArticle(&b)
	if len(b.Warnings) != 0 {
		t.Errorf("clean article got warnings %q", b.Warnings)
	}
}

// TestParse_EscapeInjection feeds a hostile article with escapes in every
// part and checks that no ESC or BEL reaches any field.
func TestParse_EscapeInjection(t *testing.T) {
	hostile := "\x1b]0;pwned\x07Evil \x1b[5mheadline\x1b[0m\r\n" +
		"By Mal\x1b[8mlory\u009b2J\r\n" +
		"LON\x1b[1mDON\x1b[0m, Feb 1 (A\x07P) — Body\x1bP+q\x1b\\ text\u202e.\r\n" +
		"Second \x1b_apc\x1b\\para\x1b^pm\x07graph \x1bXsos\x07\u0090dcs\u009c.\r\n" +
		"Reactions\x1b[0m\r\n" +
		"Eve\x1b[2K, Attacker\x1b]52;c;ZXZpbA==\x07 (Nowhere\x1b7): \"Quote \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\\x07.\"\r\n" +
		"\"Dash quote\x1bc\" — Mal\x1b[1m, Role\x1b\r\n" +
		"A note with \x1b[31mcolour\x1b[0m and a bell\x07.\r\n" +
		"Unterminated \x1b]0;title\n"
	arts, probs := Parse("evil.txt", []byte(hostile), FormatWire)
	if len(arts) != 1 {
		t.Fatalf("got %d articles, problems %v", len(arts), probs)
	}
	a := arts[0]
	for _, f := range articleFields(a) {
		if strings.ContainsAny(f, "\x1b\x07") || !utf8.ValidString(f) {
			t.Errorf("field %q holds ESC, BEL or invalid UTF-8", f)
		}
	}
	if a.Headline != "Evil headline" || a.Byline != "Mallory" || a.Place != "LONDON" || a.Source != "AP" {
		t.Errorf("headline %q byline %q place %q source %q", a.Headline, a.Byline, a.Place, a.Source)
	}
	if len(a.Reactions) != 2 || len(a.Notes) != 2 {
		t.Errorf("reactions %+v notes %q", a.Reactions, noteTexts(a.Notes))
	}
	if n := strings.Count(strings.Join(a.Warnings, "\n"), warnControls); n != 1 {
		t.Errorf("warnings %q: want %q once", a.Warnings, warnControls)
	}
}

// articleFields returns every text field of a, for whole-article checks.
func articleFields(a Article) []string {
	fs := []string{string(a.ID), a.Path, string(a.Format), a.Headline, a.Byline, a.Place, a.Date, a.Source}
	fs = append(fs, a.Paragraphs...)
	for _, r := range a.Reactions {
		fs = append(fs, r.Name, r.Role, r.Location, r.Quote)
	}
	fs = append(fs, noteTexts(a.Notes)...)
	fs = append(fs, a.Tags...)
	return append(fs, a.Warnings...)
}

// BenchmarkStripControls_UnterminatedOSC guards the linear-scan rule: many
// unterminated string introducers must not each scan to the end.
func BenchmarkStripControls_UnterminatedOSC(b *testing.B) {
	s := strings.Repeat("\u009dx", 100_000)
	b.ReportAllocs()
	for b.Loop() {
		stripControls(s)
	}
}

// TestNeedsStrip_AgreesWithIsControl checks the byte scan against the
// rune rule for every code point up to U+FFFF and beyond, alone and
// between text: the lead-byte table must miss no control.
func TestNeedsStrip_AgreesWithIsControl(t *testing.T) {
	for r := rune(0); r <= 0x10ffff; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := "a—" + string(r) + "é"
		if got, want := needsStrip(s), isControl(r); got != want {
			t.Fatalf("needsStrip(%q) = %v, isControl(%U) = %v", s, got, r, want)
		}
	}
}

func BenchmarkNeedsStrip_Seed(b *testing.B) {
	data, err := os.ReadFile("../seeds/000_6b8f1c3f41772375.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if needsStrip(s) {
			b.Fatal("the seed is clean")
		}
	}
}

func TestScanText_ASCII(t *testing.T) {
	for _, tt := range []struct {
		s            string
		ascii, ctrls bool
	}{
		{"", true, false}, {"plain text, long enough for words", true, false}, {"tab\tand\nnewline", true, false},
		{"bell\x07", true, true}, {"em — dash", false, false}, {"tail é", false, false}, {"0123456é", false, false},
		{"C1 \u0085 here", false, true}, {"\u202e", false, true},
	} {
		if ascii, ctrls := scanText(tt.s); ascii != tt.ascii || ctrls != tt.ctrls {
			t.Errorf("scanText(%q) = %v, %v; want %v, %v", tt.s, ascii, ctrls, tt.ascii, tt.ctrls)
		}
	}
}
