package article

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// parseJSONText runs the whole pipeline (Parse, so the sanitiser too) on
// JSON and returns the articles and problems.
func parseJSONText(text string) ([]Article, []Problem) {
	return Parse("t.json", []byte(text), FormatJSON)
}

// parseJSONOne fails the test unless text loads as exactly one article
// without a problem.
func parseJSONOne(t *testing.T, text string) Article {
	t.Helper()
	arts, probs := parseJSONText(text)
	if len(arts) != 1 || len(probs) != 0 {
		t.Fatalf("Parse(%q): %d articles, problems %v", text, len(arts), probs)
	}
	return arts[0]
}

func TestParseJSON_Object(t *testing.T) {
	tests := []struct {
		name                                  string
		in                                    string
		headline, byline, place, date, source string
		paras, tags                           []string
		reactions                             []Reaction
		warnings                              []string
	}{
		{name: "every field", in: `{"headline":"Storm Hits","byline":"By Ann Lee","place":"WICHITA, Kan.","date":"2024-02-01","source":"AP",` +
			`"body":"One.","tags":["weather","power"],"reactions":[{"name":"Tom Ray","role":"Spokesman","location":"Wichita","quote":"Ready."}]}`,
			headline: "Storm Hits", byline: "Ann Lee", place: "WICHITA, Kan.", date: "2024-02-01", source: "AP",
			paras: []string{"One."}, tags: []string{"weather", "power"},
			reactions: []Reaction{{Name: "Tom Ray", Role: "Spokesman", Location: "Wichita", Quote: "Ready."}}},
		{name: "body string: blank lines split, single newlines joined", in: `{"headline":"H","body":"The first\nparagraph wraps.\n\n\n  The second  \n one.\r\n\r\nThird."}`,
			headline: "H", paras: []string{"The first paragraph wraps.", "The second one.", "Third."}},
		{name: "body string of one line", in: `{"headline":"H","body":"Only."}`, headline: "H", paras: []string{"Only."}},
		{name: "body array, empty strings dropped", in: `{"headline":"H","body":["One.", "", "  ", null, "Two."]}`, headline: "H", paras: []string{"One.", "Two."}},
		{name: "body array keeps a paragraph whole", in: `{"headline":"H","body":["One\nline."]}`, headline: "H", paras: []string{"One\nline."}},
		{name: "null means absent", in: `{"headline":"H","byline":null,"place":null,"date":null,"source":null,"body":null,"tags":null,"reactions":null}`,
			headline: "H", warnings: []string{warnNoBody}},
		{name: "By stripped", in: `{"headline":"H","byline":"By Ann Lee","body":"B."}`, headline: "H", byline: "Ann Lee", paras: []string{"B."}},
		{name: "BY stripped", in: `{"headline":"H","byline":"BY STAFF","body":"B."}`, headline: "H", byline: "STAFF", paras: []string{"B."}},
		{name: "byline without By", in: `{"headline":"H","byline":"Byron Lee","body":"B."}`, headline: "H", byline: "Byron Lee", paras: []string{"B."}},
		{name: "date kept as written", in: `{"headline":"H","date":"Feb. 1","body":"B."}`, headline: "H", date: "Feb. 1", paras: []string{"B."}},
		{name: "unknown fields ignored", in: `{"id":7,"url":"http://x","headline":"H","meta":{"a":[1,{"b":null}]},"body":"B."}`, headline: "H", paras: []string{"B."}},
		{name: "field names are case-sensitive", in: `{"headline":"H","Body":"ignored"}`, headline: "H", warnings: []string{warnNoBody}},
		{name: "last duplicate wins", in: `{"headline":"A","headline":"B","body":"B."}`, headline: "B", paras: []string{"B."}},
		{name: "null tag and reaction dropped", in: `{"headline":"H","body":"B.","tags":["a",null],"reactions":[null,{"quote":"Q"}]}`,
			headline: "H", paras: []string{"B."}, tags: []string{"a"}, reactions: []Reaction{{Quote: "Q"}}},
		{name: "reaction without quote skipped", in: `{"headline":"H","body":"B.","reactions":[{"name":"Ann"},{"name":"Bo","quote":"Q","extra":1}]}`,
			headline: "H", paras: []string{"B."}, reactions: []Reaction{{Name: "Bo", Quote: "Q"}},
			warnings: []string{"reaction 1 has no quote; it was skipped"}},
		{name: "quote kept as given", in: `{"headline":"H","body":"B.","reactions":[{"name":"Ann","quote":"\"Yes,\" she said."}]}`,
			headline: "H", paras: []string{"B."}, reactions: []Reaction{{Name: "Ann", Quote: `"Yes," she said.`}}},
		{name: "headline only", in: `{"headline":"H"}`, headline: "H", warnings: []string{warnNoBody}},
		{name: "white space around", in: "\n\n  {\"headline\" : \"H\" , \"body\" : \"B.\" }  \n", headline: "H", paras: []string{"B."}},
		{name: "array of one object", in: `[{"headline":"H","body":"B."}]`, headline: "H", paras: []string{"B."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseJSONOne(t, tt.in)
			if a.Headline != tt.headline || a.Byline != tt.byline || a.Place != tt.place || a.Date != tt.date || a.Source != tt.source {
				t.Errorf("headline/byline/place/date/source = %q/%q/%q/%q/%q, want %q/%q/%q/%q/%q",
					a.Headline, a.Byline, a.Place, a.Date, a.Source, tt.headline, tt.byline, tt.place, tt.date, tt.source)
			}
			if !reflect.DeepEqual(a.Paragraphs, tt.paras) || !reflect.DeepEqual(a.Tags, tt.tags) {
				t.Errorf("paragraphs %q tags %q, want %q %q", a.Paragraphs, a.Tags, tt.paras, tt.tags)
			}
			if !reflect.DeepEqual(a.Reactions, tt.reactions) {
				t.Errorf("reactions %+v, want %+v", a.Reactions, tt.reactions)
			}
			if !reflect.DeepEqual(a.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", a.Warnings, tt.warnings)
			}
			wantID := "t.json"
			if strings.HasPrefix(tt.in, "[") {
				wantID += "#1" // an array's element is named by its place
			}
			if a.Format != FormatJSON || a.ID != ID(wantID) {
				t.Errorf("format %q ID %q, want %q %q", a.Format, a.ID, FormatJSON, wantID)
			}
		})
	}
}

func TestParseJSON_ArrayOrder(t *testing.T) {
	arts, probs := parseJSONText(`[{"headline":"One"}, {"headline":"Two","body":"B."}, {"headline":"Three"}]`)
	if len(probs) != 0 {
		t.Fatalf("problems %v", probs)
	}
	var got []string
	for _, a := range arts {
		got = append(got, a.Headline+" "+string(a.ID))
	}
	if want := []string{"One t.json#1", "Two t.json#2", "Three t.json#3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("articles %q, want %q", got, want)
	}
}

func TestParseJSON_IDIsThePlaceInTheArray(t *testing.T) {
	arts, probs := parseJSONText(`[{"headline":"One"}, {"headline":7}, {"headline":"Three"}]`)
	if len(probs) != 1 || !strings.HasPrefix(probs[0].Message, "article 2: ") {
		t.Fatalf("problems %v, want one for article 2", probs)
	}
	var got []string
	for _, a := range arts {
		got = append(got, a.Headline+" "+string(a.ID))
	}
	// "Three" is the third element: t.json#3, as `show t.json#3` names it,
	// not #2 because the second failed.
	if want := []string{"One t.json#1", "Three t.json#3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("articles %q, want %q", got, want)
	}
}

// problemStrings formats problems as `LINE:COL: SEVERITY: MESSAGE`.
func problemStrings(probs []Problem) []string {
	var out []string
	for _, p := range probs {
		out = append(out, fmt.Sprintf("%d:%d: %s: %s", p.Line, p.Col, p.Severity, p.Message))
	}
	return out
}

func TestParseJSON_Errors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		headlines []string // the articles that still load
		problems  []string
	}{
		{name: "syntax error line and column", in: "{\n  \"headline\": \"H\",\n  \"body\": }\n",
			problems: []string{"3:11: error: invalid character '}' looking for beginning of value"}},
		{name: "column counts characters", in: "{\"headline\": \"Größe\" \"body\": 1}",
			problems: []string{"1:22: error: invalid character '\"' after object key:value pair"}},
		{name: "trailing comma", in: "[\n {\"headline\":\"A\"},\n]\n", problems: []string{"3:1: error: invalid character ']' looking for beginning of value"}},
		{name: "unexpected end", in: "{\n  \"headline\": \"H\",\n  \"body\": \"B\"\n\n", problems: []string{"3:14: error: unexpected end of JSON input"}},
		{name: "unterminated string", in: "{\"headline\": \"H", problems: []string{"1:16: error: unexpected end of JSON input"}},
		{name: "two top-level values", in: "{\"headline\":\"A\"}\n{\"headline\":\"B\"}\n", problems: []string{"2:1: error: invalid character '{' after top-level value"}},
		{name: "raw newline in a string", in: "{\"headline\": \"A\nB\"}", problems: []string{"1:16: error: invalid character '\\n' in string literal"}},
		{name: "top-level number", in: " 42\n", problems: []string{"1:2: error: want an object or an array of objects, got number"}},
		{name: "top-level string", in: `"headline"`, problems: []string{"1:1: error: want an object or an array of objects, got string"}},
		{name: "top-level null", in: "null", problems: []string{"1:1: error: want an object or an array of objects, got null"}},
		{name: "empty array", in: "\n [ ]\n", problems: []string{"2:2: error: no articles"}},
		{name: "no headline", in: `{"body":"B."}`, problems: []string{"1:1: error: article has no headline"}},
		{name: "blank headline", in: `{"headline":"  \u00a0 ","body":"B."}`, problems: []string{"1:1: error: article has no headline"}},
		{name: "headline of control characters only", in: `{"headline":"\u001b[31m\u0007"}`, problems: []string{"1:1: error: article has no headline"}},
		{name: "headline a number", in: `{"headline": 5}`, problems: []string{`1:14: error: field "headline": want string, got number`}},
		{name: "every wrong field reported", in: "{\"headline\":\"H\",\n\"date\":20240201,\n\"source\":[\"AP\"],\n\"byline\":{}}",
			problems: []string{`2:8: error: field "date": want string, got number`, `3:10: error: field "source": want string, got array`, `4:10: error: field "byline": want string, got object`}},
		{name: "body a number", in: `{"headline":"H","body":1}`, problems: []string{`1:24: error: field "body": want string or array of strings, got number`}},
		{name: "body item an object", in: `{"headline":"H","body":["a",{}]}`, problems: []string{`1:29: error: field "body": item 2: want string, got object`}},
		{name: "tags a string", in: `{"headline":"H","tags":"a,b"}`, problems: []string{`1:24: error: field "tags": want array of strings, got string`}},
		{name: "tag a boolean", in: `{"headline":"H","tags":["a",true]}`, problems: []string{`1:29: error: field "tags": item 2: want string, got boolean`}},
		{name: "reactions an object", in: `{"headline":"H","reactions":{}}`, problems: []string{`1:29: error: field "reactions": want array of objects, got object`}},
		{name: "reaction a string", in: `{"headline":"H","reactions":["Ann: Q"]}`, problems: []string{`1:30: error: field "reactions": item 1: want object, got string`}},
		{name: "reaction name a number", in: `{"headline":"H","reactions":[{"quote":"Q"},{"name":1,"quote":"Q"}]}`,
			problems: []string{`1:52: error: field "reactions": item 2: field "name": want string, got number`}},
		{name: "wrong type in an array: others load", in: "[\n {\"headline\":\"One\"},\n {\"headline\":\"Two\", \"tags\": 5},\n {\"headline\":\"Three\"}\n]",
			headlines: []string{"One", "Three"}, problems: []string{`3:29: error: article 2: field "tags": want array of strings, got number`}},
		{name: "brief's example", in: `[{"headline":"1"},{"headline":"2"},{"headline":"3","tags":5}]`,
			headlines: []string{"1", "2"}, problems: []string{`1:59: error: article 3: field "tags": want array of strings, got number`}},
		{name: "element not an object", in: "[\n {\"headline\":\"One\"},\n \"Two\",\n 3,\n null,\n [],\n {\"headline\":\"Six\"}\n]",
			headlines: []string{"One", "Six"}, problems: []string{
				"3:2: error: article 2: want an object, got string", "4:2: error: article 3: want an object, got number",
				"5:2: error: article 4: want an object, got null", "6:2: error: article 5: want an object, got array"}},
		{name: "element without headline", in: "[{\"headline\":\"One\"},\n  {\"body\":\"B.\"}]", headlines: []string{"One"},
			problems: []string{"2:3: error: article 2 has no headline"}},
		{name: "every element bad", in: `[1, {"tags": 1}]`, problems: []string{
			"1:2: error: article 1: want an object, got number", `1:14: error: article 2: field "tags": want array of strings, got number`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, probs := parseJSONText(tt.in)
			var headlines []string
			for _, a := range arts {
				headlines = append(headlines, a.Headline)
			}
			if !reflect.DeepEqual(headlines, tt.headlines) {
				t.Errorf("articles %q, want %q", headlines, tt.headlines)
			}
			if got := problemStrings(probs); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems\n%q\nwant\n%q", got, tt.problems)
			}
			for _, p := range probs {
				if p.Path != "t.json" {
					t.Errorf("problem path %q", p.Path)
				}
			}
		})
	}
}

func TestParseJSON_EscapeInjection(t *testing.T) {
	in := `{"headline": "\u001b]0;pwned\u0007Evil \u001b[5mheadline\u001b[0m",` +
		`"byline": "By Mal\u001b[8mlory\u0007", "place": "LON\u001b[1mDON", "date": "Feb 1\u001b[2J", "source": "\u009b2JAP\u202e",` +
		`"body": ["Body \u001b[31mtext\u0007.", "\u001bP1;2|x\u001b\\"], "tags": ["\u001b[31mred", "\u0007"],` +
		`"reactions": [{"name": "Eve\u001b]52;c;ZXZpbA==\u0007", "role": "R\u001b_x\u001b\\", "location": "\u001b^pm\u001b\\L", "quote": "Q\u001b]8;;http://evil\u001b\\link"}],` +
		"\"x\": \"raw \x1b[31m\x07 bytes\"}"
	arts, probs := parseJSONText(in)
	if len(arts) != 1 || len(probs) != 0 {
		t.Fatalf("%d articles, problems %v", len(arts), probs)
	}
	a := arts[0]
	for _, s := range articleFields(a) {
		checkSafe(t, s)
		if strings.ContainsAny(s, "\x1b\x07") {
			t.Errorf("ESC or BEL in %q", s)
		}
	}
	if a.Headline != "Evil headline" || a.Byline != "Mallory" || a.Place != "LONDON" || a.Source != "AP" ||
		!reflect.DeepEqual(a.Paragraphs, []string{"Body text."}) || !reflect.DeepEqual(a.Tags, []string{"red"}) {
		t.Errorf("headline %q byline %q place %q source %q paragraphs %q tags %q", a.Headline, a.Byline, a.Place, a.Source, a.Paragraphs, a.Tags)
	}
	if !reflect.DeepEqual(a.Warnings, []string{warnControls}) {
		t.Errorf("warnings %q, want %q", a.Warnings, warnControls)
	}
}

func TestParseJSON_Files(t *testing.T) {
	t.Run("article.json", func(t *testing.T) {
		data, err := os.ReadFile("testdata/json/article.json")
		if err != nil {
			t.Fatal(err)
		}
		arts, probs := Parse("article.json", data, FormatJSON)
		if len(arts) != 1 || len(probs) != 0 {
			t.Fatalf("%d articles, problems %v", len(arts), probs)
		}
		a := arts[0]
		if a.Headline != "Leaders Agree on Grain Corridor After Overnight Talks" || a.Byline != "Maria Santos" ||
			a.Place != "ISTANBUL" || a.Date != "Feb 1" || a.Source != "Reuters" {
			t.Errorf("headline/byline/place/date/source = %q/%q/%q/%q/%q", a.Headline, a.Byline, a.Place, a.Date, a.Source)
		}
		want := []string{"Negotiators from four countries agreed early on Thursday to reopen a shipping corridor for grain.",
			"The first ships could sail within a week, officials said."}
		if !reflect.DeepEqual(a.Paragraphs, want) {
			t.Errorf("paragraphs %q, want %q", a.Paragraphs, want)
		}
		rs := []Reaction{
			{Name: "Dr. Anya Petrova", Role: "Senior Fellow at the Eurasian Strategy Institute", Location: "Moscow", Quote: "A narrow deal, but the first in a year."},
			{Name: "Mark Kovacs", Role: "Former Diplomat & Commentator", Quote: "It buys time, nothing more."},
		}
		if !reflect.DeepEqual(a.Reactions, rs) || !reflect.DeepEqual(a.Tags, []string{"diplomacy", "trade"}) || len(a.Warnings) != 0 {
			t.Errorf("reactions %+v tags %q warnings %q", a.Reactions, a.Tags, a.Warnings)
		}
	})
	t.Run("array.json", func(t *testing.T) {
		data, err := os.ReadFile("testdata/json/array.json")
		if err != nil {
			t.Fatal(err)
		}
		arts, probs := Parse("array.json", data, FormatJSON)
		if got, want := problemStrings(probs), []string{`13:13: error: article 2: field "tags": want array of strings, got number`}; !reflect.DeepEqual(got, want) {
			t.Errorf("problems %q, want %q", got, want)
		}
		if len(arts) != 2 {
			t.Fatalf("%d articles, want 2", len(arts))
		}
		a, b := arts[0], arts[1]
		if a.Headline != "Storm Cuts Power to Thousands" || a.Byline != "STAFF" || a.Place != "WICHITA, Kan." || a.Date != "2024-02-01" ||
			!reflect.DeepEqual(a.Paragraphs, []string{"A winter storm knocked out power overnight.", "Crews expect to restore it by Friday."}) {
			t.Errorf("first article %+v", a)
		}
		if b.Headline != "Markets Rally on Rate Hopes" || b.Place != "NEW YORK" || len(b.Reactions) != 1 || b.Reactions[0].Name != "Ann Lee" {
			t.Errorf("second article %+v", b)
		}
	})
	t.Run("hostile.json", func(t *testing.T) {
		data, err := os.ReadFile("testdata/json/hostile.json")
		if err != nil {
			t.Fatal(err)
		}
		arts, probs := Parse("hostile.json", data, FormatJSON)
		if len(arts) != 1 || len(probs) != 0 {
			t.Fatalf("%d articles, problems %v", len(arts), probs)
		}
		a := arts[0]
		for _, s := range articleFields(a) {
			checkSafe(t, s)
		}
		if a.Headline != "Evil headline" || !reflect.DeepEqual(a.Paragraphs, []string{"Body text", "raw escape too"}) ||
			len(a.Reactions) != 1 || a.Reactions[0].Quote != "Quote link." || !reflect.DeepEqual(a.Warnings, []string{warnControls}) {
			t.Errorf("article %+v", a)
		}
	})
}

// largeJSON is an array of about size bytes of articles.
func largeJSON(size int) []byte {
	var b strings.Builder
	b.Grow(size + 1000)
	b.WriteString("[\n")
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"headline":"Story %d","byline":"By Ann Lee","place":"PARIS","date":"Feb 1","source":"AP",`+
			`"body":"First paragraph of the story,\nhard-wrapped.\n\nSecond paragraph.","tags":["a","b"],`+
			`"reactions":[{"name":"Tom Ray","role":"Analyst","location":"Paris","quote":"A quote."}]}`, i)
	}
	b.WriteString("\n]\n")
	return []byte(b.String())
}

// TestParseJSON_LargeArrayWithErrors loads a long one-line array of good
// and bad elements: every good one loads, the first maxJSONProblems errors
// are listed with their columns (counted once, not from the start of the
// file for each) and the rest are counted.
func TestParseJSON_LargeArrayWithErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	n := 1 << 18
	data := []byte("[" + strings.Repeat(`1,{"headline":"H"},`, n) + "1]")
	arts, probs := Parse("big.json", data, FormatJSON)
	if len(arts) != n || len(probs) != maxJSONProblems+1 {
		t.Fatalf("%d articles, %d problems; want %d and %d", len(arts), len(probs), n, maxJSONProblems+1)
	}
	if p := probs[maxJSONProblems-1]; p.Col != 19*(maxJSONProblems-1)+2 || p.Message != fmt.Sprintf("article %d: want an object, got number", 2*maxJSONProblems-1) {
		t.Errorf("last listed problem %v", p)
	}
	want := fmt.Sprintf("1:%d: error: %d more errors not listed", 19*maxJSONProblems+2, n+1-maxJSONProblems)
	if got := problemStrings(probs[maxJSONProblems:]); got[0] != want {
		t.Errorf("summary %q, want %q", got[0], want)
	}
}

func BenchmarkParseJSON_Large(b *testing.B) {
	data := largeJSON(4 << 20)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if arts, probs := Parse("large.json", data, FormatJSON); len(arts) == 0 || len(probs) != 0 {
			b.Fatalf("problems %v", probs)
		}
	}
}
