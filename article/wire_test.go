package article

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// parseWireText runs the whole pipeline (Parse) on wire text and fails the
// test unless exactly one article loads.
func parseWireText(t *testing.T, text string) Article {
	t.Helper()
	arts, probs := Parse("t.txt", []byte(text), FormatWire)
	if len(arts) != 1 {
		t.Fatalf("Parse(%q): %d articles, problems %v", text, len(arts), probs)
	}
	return arts[0]
}

func TestParseWire_Seed(t *testing.T) {
	data, err := os.ReadFile("../seeds/000_6b8f1c3f41772375.txt")
	if err != nil {
		t.Fatal(err)
	}
	arts, probs := Parse("seeds/000_6b8f1c3f41772375.txt", data, FormatWire)
	if len(probs) != 0 || len(arts) != 1 {
		t.Fatalf("got %d articles, problems %v", len(arts), probs)
	}
	a := arts[0]
	if want := "Russia Reaffirms Backing for China's Taiwan Stance in High-Level Security Talks"; a.Headline != want {
		t.Errorf("headline %q, want %q", a.Headline, want)
	}
	if a.Byline != "" || a.Place != "MOSCOW" || a.Date != "Feb 1" || a.Source != "Reuters" {
		t.Errorf("byline/place/date/source = %q/%q/%q/%q, want \"\"/MOSCOW/Feb 1/Reuters", a.Byline, a.Place, a.Date, a.Source)
	}
	if len(a.Paragraphs) != 7 {
		t.Fatalf("%d paragraphs, want 7", len(a.Paragraphs))
	}
	if !strings.HasPrefix(a.Paragraphs[0], "In a high-level meeting") {
		t.Errorf("first paragraph starts %q", a.Paragraphs[0][:40])
	}
	if !strings.HasPrefix(a.Paragraphs[6], "The Shoigu-Wang dialogue") {
		t.Errorf("last paragraph starts %q", a.Paragraphs[6][:40])
	}
	want := []Reaction{
		{"Dr. Anya Petrova", "Senior Fellow at the Eurasian Strategy Institute", "Moscow", "This is a reaffirmation"},
		{"James Miller", "Editor-at-Large, 'The Global Security Review'", "London", "The rhetoric is predictable"},
		{"Professor Li Wei", "Institute of International Relations", "Shanghai", "The meeting demonstrates"},
		{"Mark Kovacs", "Former Diplomat & Commentator", "Washington D.C.", "It's cynical and dangerous."},
	}
	if len(a.Reactions) != len(want) {
		t.Fatalf("%d reactions, want %d: %+v", len(a.Reactions), len(want), a.Reactions)
	}
	for i, w := range want {
		r := a.Reactions[i]
		if r.Name != w.Name || r.Role != w.Role || r.Location != w.Location {
			t.Errorf("reaction %d = %q/%q/%q, want %q/%q/%q", i, r.Name, r.Role, r.Location, w.Name, w.Role, w.Location)
		}
		if !strings.HasPrefix(r.Quote, w.Quote) || strings.ContainsAny(r.Quote[:1]+r.Quote[len(r.Quote)-1:], "\"“”") {
			t.Errorf("reaction %d quote %q, want it to start %q without wrapping quotes", i, r.Quote, w.Quote)
		}
	}
	if len(a.Notes) != 0 || len(a.Warnings) != 0 {
		t.Errorf("notes %q, warnings %q; want none", noteTexts(a.Notes), a.Warnings)
	}
}

func TestParseWire_Structure(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		headline string
		byline   string
		paras    []string
		warnings []string
	}{
		{name: "headline only", in: "Just a headline\n", headline: "Just a headline", warnings: []string{warnNoBody}},
		{name: "no final newline", in: "Just a headline", headline: "Just a headline", warnings: []string{warnNoBody}},
		{name: "byline without final newline", in: "H\nBy Jane Doe", headline: "H", byline: "Jane Doe", warnings: []string{warnNoBody}},
		{name: "headline and byline only", in: "H\nBy Jane Doe\n", headline: "H", byline: "Jane Doe", warnings: []string{warnNoBody}},
		{name: "one line per paragraph", in: "H\nFirst.\nSecond.\n", headline: "H", paras: []string{"First.", "Second."}},
		{name: "leading blank lines ignored", in: "\n\n  \nH\nBody.\n", headline: "H", paras: []string{"Body."}},
		{name: "CRLF", in: "H\r\nBy Ann Lee\r\nOne.\r\nTwo.\r\n", headline: "H", byline: "Ann Lee", paras: []string{"One.", "Two."}},
		{name: "lines right-trimmed", in: "H  \t\nOne.   \nTwo.\u00a0\n", headline: "H", paras: []string{"One.", "Two."}},
		{name: "hard-wrapped paragraphs", in: "H\n\nThe first\nparagraph wraps.\n\nThe second\n  one too.\n\n\n", headline: "H",
			paras: []string{"The first paragraph wraps.", "The second one too."}},
		{name: "blank line between headline and body", in: "H\n\nOne.\nTwo.\n", headline: "H", paras: []string{"One.", "Two."}},
		{name: "byline BY", in: "H\nBY JANE DOE\nBody.\n", headline: "H", byline: "JANE DOE", paras: []string{"Body."}},
		{name: "byline needs a space", in: "H\nBylines matter.\n", headline: "H", paras: []string{"Bylines matter."}},
		{name: "byline lower case is body", in: "H\nby Jane\n", headline: "H", paras: []string{"by Jane"}},
		{name: "byline at 120 code points", in: "H\nBy " + strings.Repeat("é", 117) + "\nBody.\n", headline: "H",
			byline: strings.Repeat("é", 117), paras: []string{"Body."}},
		{name: "byline over 120 code points is body", in: "H\nBy " + strings.Repeat("é", 118) + "\n", headline: "H",
			paras: []string{"By " + strings.Repeat("é", 118)}},
		{name: "byline only right after headline", in: "H\nBody.\nBy Jane\n", headline: "H", paras: []string{"Body.", "By Jane"}},
		{name: "headline is one line", in: "Line one\nLine two\n", headline: "Line one", paras: []string{"Line two"}},
		{name: "headline trimmed", in: "   Spaced out  \nBody\n", headline: "Spaced out", paras: []string{"Body"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseWireText(t, tt.in)
			if a.Headline != tt.headline || a.Byline != tt.byline {
				t.Errorf("headline %q byline %q, want %q %q", a.Headline, a.Byline, tt.headline, tt.byline)
			}
			if !reflect.DeepEqual(a.Paragraphs, tt.paras) {
				t.Errorf("paragraphs %q, want %q", a.Paragraphs, tt.paras)
			}
			if !reflect.DeepEqual(a.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", a.Warnings, tt.warnings)
			}
		})
	}
}

func TestParseWire_Dateline(t *testing.T) {
	tests := []struct {
		in                  string
		place, date, source string
		first               string // first paragraph after the dateline
	}{
		{"MOSCOW, Feb 1 (Reuters) — Text.", "MOSCOW", "Feb 1", "Reuters", "Text."},
		{"NEW YORK — Text.", "NEW YORK", "", "", "Text."},
		{"WASHINGTON D.C. — Text.", "WASHINGTON D.C.", "", "", "Text."},
		{"SHARM EL-SHEIKH, Egypt — Text.", "SHARM EL-SHEIKH, Egypt", "", "", "Text."},
		{"ST. PAUL, Minn. (AP) – Text.", "ST. PAUL, Minn.", "", "AP", "Text."},
		{"TAIPEI, Taiwan — Text.", "TAIPEI, Taiwan", "", "", "Text."},
		{"WICHITA, Kan. -- Text.", "WICHITA, Kan.", "", "", "Text."},
		{"LONDON, Feb. 1 - Text.", "LONDON", "Feb. 1", "", "Text."},
		{"PARIS, February 1, 2024 (AFP) — Text.", "PARIS", "February 1, 2024", "AFP", "Text."},
		{"KYIV, 4 May 2023 — Text.", "KYIV", "4 May 2023", "", "Text."},
		{"KYIV, 4 May — Text.", "KYIV", "4 May", "", "Text."},
		{"ROME, Sept. 12 — Text.", "ROME", "Sept. 12", "", "Text."},
		{"ROME, Sep 12 — Text.", "ROME", "Sep 12", "", "Text."},
		{"SANTA FE, New Mexico, Jan 3 (Santa Fe New Mexican staff) — Text.", "SANTA FE, New Mexico", "Jan 3", "Santa Fe New Mexican staff", "Text."},
		{"LAGOS (AP) — Text.", "LAGOS", "", "AP", "Text."},
		{"O'HARE — Text.", "O'HARE", "", "", "Text."},
		{"BERLIN  —  Text with  spaces.", "BERLIN", "", "", "Text with  spaces."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a := parseWireText(t, "H\n"+tt.in+"\nSecond.\n")
			if a.Place != tt.place || a.Date != tt.date || a.Source != tt.source {
				t.Errorf("place/date/source = %q/%q/%q, want %q/%q/%q", a.Place, a.Date, a.Source, tt.place, tt.date, tt.source)
			}
			if want := []string{tt.first, "Second."}; !reflect.DeepEqual(a.Paragraphs, want) {
				t.Errorf("paragraphs %q, want %q", a.Paragraphs, want)
			}
		})
	}
}

func TestParseWire_NotADateline(t *testing.T) {
	tests := []string{
		"Moscow, Feb 1 (Reuters) — Text.",                  // place not in capitals
		"A — single capital letter is no place.",           // place needs two letters
		"MOSCOW, Feb 1 (Reuters) —Text.",                   // no space after the dash
		"MOSCOW, Feb 1 (Reuters)— Text.",                   // no space before the dash
		"MOSCOW, Feb 1 (Reuters) Text.",                    // no dash
		"MOSCOW, Feb 1 () — Text.",                         // empty source
		"MOSCOW (" + strings.Repeat("x", 41) + ") — Text.", // source over 40
		"MOSCOW, Febr 1 — Text.",                           // not a month
		"MOSCOW, feb 1 — Text.",                            // lower-case region/month
		"MOSCOW, Taiwan Is A Place — Text.",                // region over three words
		"The NEW YORK — dateline must start the paragraph.",
		"MOSCOW, Feb 1 (" + strings.Repeat("x", 40) + ") " + strings.Repeat("y", 60) + " — beyond 120 characters.",
	}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			a := parseWireText(t, "H\n"+in+"\n")
			if a.Place != "" || a.Date != "" || a.Source != "" {
				t.Errorf("place/date/source = %q/%q/%q, want none", a.Place, a.Date, a.Source)
			}
			if want := []string{in}; !reflect.DeepEqual(a.Paragraphs, want) {
				t.Errorf("paragraphs %q, want %q", a.Paragraphs, want)
			}
		})
	}
}

func TestParseWire_DatelineWithin120(t *testing.T) {
	// The dash and the space after it end at code point 120 exactly.
	place := strings.Repeat("A", 117)
	a := parseWireText(t, "H\n"+place+" — Text.\n")
	if a.Place != place {
		t.Errorf("place %q, want the 117 capitals", a.Place)
	}
	a = parseWireText(t, "H\nA"+place+" — Text.\n")
	if a.Place != "" {
		t.Errorf("dateline ending at 121 accepted: place %q", a.Place)
	}
}

func TestParseWire_DatelineOnlyInFirstParagraph(t *testing.T) {
	a := parseWireText(t, "H\nText first.\nLONDON — not a dateline here.\n")
	if a.Place != "" || a.Paragraphs[1] != "LONDON — not a dateline here." {
		t.Errorf("place %q, paragraphs %q", a.Place, a.Paragraphs)
	}
	// Hard-wrapped: the dateline is removed from the joined first block.
	a = parseWireText(t, "H\n\nLONDON (AP) — First\nblock.\n\nSecond.\n")
	if a.Place != "LONDON" || a.Source != "AP" || !reflect.DeepEqual(a.Paragraphs, []string{"First block.", "Second."}) {
		t.Errorf("place %q source %q paragraphs %q", a.Place, a.Source, a.Paragraphs)
	}
}

func TestParseWire_ReactionsSection(t *testing.T) {
	entry := `Jane Roe, Analyst (Paris): "Quote."`
	tests := []struct {
		name      string
		in        string
		paras     []string
		reactions int
		notes     []string
		warnings  []string
	}{
		{name: "entries", in: "H\nBody.\nReactions\n" + entry + "\n" + entry + "\n", paras: []string{"Body."}, reactions: 2},
		{name: "notes kept in order", in: "H\nBody.\nReactions\nA note.\n" + entry + "\nAnother note.\n",
			paras: []string{"Body."}, reactions: 1, notes: []string{"A note.", "Another note."}},
		{name: "no valid entry keeps notes", in: "H\nBody.\nReactions\nNo quote here.\nNor here.\n",
			paras: []string{"Body."}, notes: []string{"No quote here.", "Nor here."}, warnings: []string{warnNoEntries}},
		{name: "missing closing quote is a note", in: "H\nBody.\nReactions\nJane Roe, Analyst: \"Unclosed.\n",
			paras: []string{"Body."}, notes: []string{`Jane Roe, Analyst: "Unclosed.`}, warnings: []string{warnNoEntries}},
		{name: "empty section", in: "H\nBody.\nReactions\n", paras: []string{"Body."}, warnings: []string{warnEmptyReactions}},
		{name: "section only", in: "H\nReactions\n" + entry + "\n", reactions: 1, warnings: []string{warnNoBody}},
		{name: "first heading starts it, later ones are notes", in: "H\nBody.\nAnalysis\n" + entry + "\nCommentary\n",
			paras: []string{"Body."}, reactions: 1, notes: []string{"Commentary"}},
		{name: "hard-wrapped entries", in: "H\n\nBody\ntext.\n\n## Reactions:\n\nJane Roe, Analyst\n(Paris): \"Quote\nwraps.\"\n",
			paras: []string{"Body text."}, reactions: 1},
		{name: "quote in body is not an entry", in: "H\n" + entry + "\n", paras: []string{entry}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseWireText(t, tt.in)
			if !reflect.DeepEqual(a.Paragraphs, tt.paras) {
				t.Errorf("paragraphs %q, want %q", a.Paragraphs, tt.paras)
			}
			if len(a.Reactions) != tt.reactions {
				t.Errorf("%d reactions, want %d: %+v", len(a.Reactions), tt.reactions, a.Reactions)
			}
			if !reflect.DeepEqual(noteTexts(a.Notes), tt.notes) {
				t.Errorf("notes %q, want %q", noteTexts(a.Notes), tt.notes)
			}
			if !reflect.DeepEqual(a.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", a.Warnings, tt.warnings)
			}
		})
	}
}

func BenchmarkParseWire_Seed(b *testing.B) {
	data, err := os.ReadFile("../seeds/000_6b8f1c3f41772375.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if arts, _ := Parse("seed.txt", data, FormatWire); len(arts) != 1 {
			b.Fatal("seed did not parse")
		}
	}
}

func TestParseWire_Files(t *testing.T) {
	tests := []struct {
		file                     string
		byline, place, date, src string
		paras, reactions         int
		notes                    []string
		warnings                 []string
	}{
		{file: "wrapped.txt", byline: "Ann Lee", place: "WICHITA, Kan.", date: "Feb. 1, 2024", src: "AP",
			paras: 2, reactions: 2, notes: []string{"More reactions will follow."}},
		{file: "crlf-notes.txt", byline: "STAFF", place: "SHARM EL-SHEIKH, Egypt", date: "4 May 2023",
			paras: 1, notes: []string{"No entry here.", `Nor "here".`}, warnings: []string{warnNoEntries}},
		{file: "headline-only.txt", warnings: []string{warnNoBody}},
		{file: "hostile.txt", byline: "Mallory", place: "LONDON", date: "Feb 1", src: "AP", paras: 1, reactions: 1,
			notes: []string{"Unterminated 0;title"}, warnings: []string{warnInvalidUTF8, warnControls}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/wire/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			a := parseWireText(t, string(data))
			if a.Byline != tt.byline || a.Place != tt.place || a.Date != tt.date || a.Source != tt.src {
				t.Errorf("byline/place/date/source = %q/%q/%q/%q, want %q/%q/%q/%q",
					a.Byline, a.Place, a.Date, a.Source, tt.byline, tt.place, tt.date, tt.src)
			}
			if len(a.Paragraphs) != tt.paras || len(a.Reactions) != tt.reactions {
				t.Errorf("%d paragraphs, %d reactions; want %d, %d: %q %+v",
					len(a.Paragraphs), len(a.Reactions), tt.paras, tt.reactions, a.Paragraphs, a.Reactions)
			}
			if !reflect.DeepEqual(noteTexts(a.Notes), tt.notes) || !reflect.DeepEqual(a.Warnings, tt.warnings) {
				t.Errorf("notes %q warnings %q; want %q %q", noteTexts(a.Notes), a.Warnings, tt.notes, tt.warnings)
			}
		})
	}
}
