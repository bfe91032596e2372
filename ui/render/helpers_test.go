package render

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/seeds"
)

// seedArticle is the bundled seed story, parsed by the real wire parser.
func seedArticle(t testing.TB) *article.Article {
	t.Helper()
	const name = "000_6b8f1c3f41772375.txt"
	b, err := fs.ReadFile(seeds.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return parseOne(t, "seeds/"+name, string(b), article.FormatWire)
}

// parseOne parses the file text of one article, as the loader does.
func parseOne(t testing.TB, path, text string, f article.Format) *article.Article {
	t.Helper()
	arts, probs := article.Parse(path, []byte(text), f)
	for _, p := range probs {
		if p.Severity == article.SeverityError {
			t.Fatalf("%s: %v", path, p)
		}
	}
	if len(arts) != 1 {
		t.Fatalf("%s: %d articles", path, len(arts))
	}
	return &arts[0]
}

// untimed lifts the time budget for the rest of a test that checks what
// Glamour renders, not how fast: on a loaded machine, under the race
// detector, a large article could run out of time and be shown as plain
// text instead.
func untimed(t *testing.T) {
	timeout = time.Hour
	t.Cleanup(func() { timeout = Timeout })
}

// renderArticle renders a through the real renderer.
func renderArticle(t testing.TB, a *article.Article, width int, st Style, v Variant) string {
	t.Helper()
	out, err := Article(context.Background(), a, width, st, v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// unsafe returns a description of the first thing in out a terminal could
// act on other than newsdesk's own styling: any ESC that does not start
// an SGR sequence (ESC [ digits and separators m) or an OSC 8 hyperlink
// to an http(s) or mailto URL of printable ASCII ended by BEL, any other
// C0 control than newline, DEL, C1 controls (U+0080–U+009F, and raw bytes
// 0x80–0x9F outside UTF-8), bidi controls and invalid UTF-8. It is
// written independently of the renderer's own sanitiser, byte by byte.
func unsafe(out string) string {
	for i := 0; i < len(out); {
		c := out[i]
		switch {
		case c == 0x1b:
			n := ownSequence(out[i:])
			if n == 0 {
				return "escape " + quoteNear(out, i)
			}
			i += n
			continue
		case c == '\n':
		case c < 0x20 || c == 0x7f:
			return "control byte " + quoteNear(out, i)
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(out[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				return "invalid UTF-8 " + quoteNear(out, i)
			case r >= 0x80 && r <= 0x9f:
				return "C1 control " + quoteNear(out, i)
			case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
				return "bidi control " + quoteNear(out, i)
			}
			i += size
			continue
		}
		i++
	}
	return ""
}

// ownSequence is the length of the SGR or OSC 8 sequence newsdesk writes
// at the start of s, or 0.
func ownSequence(s string) int {
	if strings.HasPrefix(s, "\x1b[") {
		for j := 2; j < len(s); j++ {
			switch c := s[j]; {
			case c == 'm':
				return j + 1
			case c >= '0' && c <= '9', c == ';', c == ':':
			default:
				return 0
			}
		}
		return 0
	}
	if strings.HasPrefix(s, "\x1b]8;") {
		end := strings.IndexByte(s, 0x07)
		if end < 0 {
			return 0
		}
		body := s[len("\x1b]8;"):end]
		params, url, ok := strings.Cut(body, ";")
		if !ok || params != "" {
			return 0
		}
		if url == "" {
			return end + 1
		}
		for k := 0; k < len(url); k++ {
			if url[k] <= ' ' || url[k] >= 0x7f {
				return 0
			}
		}
		lower := strings.ToLower(url)
		if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "mailto:") {
			return 0
		}
		return end + 1
	}
	return 0
}

// quoteNear quotes s around byte i.
func quoteNear(s string, i int) string {
	return fmt.Sprintf("at %d: %q", i, s[max(i-20, 0):min(i+20, len(s))])
}
