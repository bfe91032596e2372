package config

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/newsdesk/newsdesk/ui"
)

// Error is one thing wrong with a config file, at a line and a key.
type Error struct {
	// Path is the file as Display shows it.
	Path string
	// Line is the line of the key (from 1); 0 when it is not known.
	Line int
	// Key is the dotted key ("serve.max-sessions"), shown safely; "" for
	// a syntax error.
	Key string
	// Msg says what is wrong.
	Msg string
}

// Error is "PATH:LINE: KEY: MSG".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	if e.Key != "" {
		b.WriteString(": " + e.Key)
	}
	return b.String() + ": " + e.Msg
}

// maxErrors is how many errors of one file are reported; the rest are
// counted.
const maxErrors = 20

// Limits on the [keys] table's keys: a key's name is short (the longest
// of Bubble Tea's is "ctrl+shift+alt+pgdown"), and an action needs few
// (panel.card has the most by default: 1 to 9).
const (
	maxKeyLen       = 32
	maxKeysOfAction = 16
)

// Parse reads the text of the config file at path: its settings over the
// defaults. Every error names the file and the line of the key; all of
// them are reported (up to maxErrors), sorted by line, one a line.
func Parse(path string, data []byte) (Config, error) {
	name := Display(path)
	if len(data) > maxFileSize {
		return Config{}, &Error{Path: name, Msg: tooLarge}
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return Config{}, syntaxError(name, err)
	}
	lines, deep := keyLines(data)
	if deep > 0 {
		return Config{}, &Error{Path: name, Line: deep,
			Msg: fmt.Sprintf("a key more than %d levels deep (newsdesk's are at most 3: keys.list.sort)", maxKeyDepth)}
	}
	p := &parser{name: name, dir: filepath.Dir(path), lines: lines}
	c := Default()
	c.File = path
	for _, k := range sortedKeys(doc) {
		v := doc[k]
		switch k {
		case serve:
			t, ok := v.(map[string]any)
			if !ok {
				p.fail([]string{k}, "want a table ([serve]), got "+got(v))
				continue
			}
			for _, sk := range sortedKeys(t) {
				p.set(&c, serve, sk, t[sk])
			}
		case keys:
			p.keys(&c, v)
		default:
			p.set(&c, top, k, v)
		}
	}
	if len(p.errs) > 0 {
		return Config{}, p.err()
	}
	return c, nil
}

// parser is what Parse knows of one file while it reads it.
type parser struct {
	name, dir string
	// lines is the line of each key, by path (see pathKey).
	lines map[string]int
	errs  []*Error
}

// fail records what is wrong with the key at path.
func (p *parser) fail(path []string, msg string) {
	p.errs = append(p.errs, &Error{Path: p.name, Line: p.lines[pathKey(path)], Key: dotted(path), Msg: msg})
}

// err is every error recorded, sorted by line.
func (p *parser) err() error {
	slices.SortStableFunc(p.errs, func(a, b *Error) int { return a.Line - b.Line })
	n := min(len(p.errs), maxErrors)
	errs := make([]error, 0, n+1)
	for _, e := range p.errs[:n] {
		errs = append(errs, e)
	}
	if more := len(p.errs) - n; more > 0 {
		errs = append(errs, fmt.Errorf("%s: %d more errors", p.name, more))
	}
	return errors.Join(errs...)
}

// set decodes v into the setting at section.name, or records why not.
func (p *parser) set(c *Config, section, name string, v any) {
	path := []string{name}
	if section != "" {
		path = []string{section, name}
	}
	s := lookup(section, name)
	if s == nil {
		if section == "" {
			if _, ok := v.(map[string]any); ok {
				p.fail(path, "unknown table (the tables are [serve] and [keys]; newsdesk config example shows every key)")
				return
			}
		}
		p.fail(path, "unknown key (newsdesk config example shows every key)")
		return
	}
	if !s.decode(c, v, p.dir) {
		p.fail(path, "want "+s.want()+", got "+got(v))
	}
}

// keys reads the [keys] table into c.Keys and checks it with Rebind.
// An action's name may be written as a quoted key ("list.page_up") or a
// dotted one (list.page_up, or page_up under [keys.list]): both are the
// same action.
func (p *parser) keys(c *Config, v any) {
	t, ok := v.(map[string]any)
	if !ok {
		p.fail([]string{keys}, "want a table ([keys]), got "+got(v))
		return
	}
	bound := map[string][]string{}
	where := map[string][]string{} // action → its path in the file
	before := len(p.errs)
	var walk func(path []string, t map[string]any)
	walk = func(path []string, t map[string]any) {
		for _, k := range sortedKeys(t) {
			at := append(slices.Clone(path), k)
			action := strings.Join(at[1:], ".")
			if sub, ok := t[k].(map[string]any); ok {
				walk(at, sub)
				continue
			}
			if prev, ok := where[action]; ok {
				// On the later line, naming the earlier.
				if p.lines[pathKey(prev)] > p.lines[pathKey(at)] {
					prev, at = at, prev
				}
				p.fail(at, fmt.Sprintf("the keys of %s are given twice (also line %d)", action, p.lines[pathKey(prev)]))
				continue
			}
			where[action] = at
			ks, msg := keyList(t[k])
			if msg != "" {
				p.fail(at, msg)
				continue
			}
			bound[action] = ks
		}
	}
	walk([]string{keys}, t)
	if len(p.errs) > before {
		return
	}
	// Rebind names one unknown action at a time: each is reported and
	// left out, and the rest checked again, so that the file's every
	// error is said at once.
	for len(bound) > 0 {
		km := ui.DefaultKeyMap()
		err := km.Rebind(bound)
		var re *ui.RebindError
		switch {
		case err == nil:
			if len(p.errs) == before {
				c.Keys, c.keyMap = bound, &km
			}
			return
		case !errors.As(err, &re):
			p.fail([]string{keys}, err.Error())
			return
		case re.Unknown || re.Action != "":
			msg := "unknown action (newsdesk config example lists every action)"
			if !re.Unknown {
				msg = "want at least one key"
			}
			p.fail(where[re.Action], msg)
			delete(bound, re.Action)
		default:
			p.conflicts(re.Conflicts, where)
			return
		}
	}
}

// conflicts records each pair of actions that would share a key, once,
// on the line of the later of the two in the file (an action the file
// does not name keeps its default keys: the one it names is at fault).
func (p *parser) conflicts(cs []ui.KeyConflict, where map[string][]string) {
	seen := map[[2]string]bool{}
	for _, c := range cs {
		pair := [2]string{c.First, c.Second}
		if seen[pair] {
			continue
		}
		seen[pair] = true
		at := where[c.Second]
		if first, ok := where[c.First]; ok && (at == nil || p.lines[pathKey(first)] > p.lines[pathKey(at)]) {
			at = first
		}
		if at == nil {
			at = []string{keys}
		}
		p.fail(at, fmt.Sprintf("%s is both %s and %s in the %s; give one of them another key",
			quoteKey(c.Key), c.First, c.Second, modeName(c.Mode)))
	}
}

// modeName is where a mode's keys work, for a message.
func modeName(m ui.Mode) string {
	switch m {
	case ui.ModeFilter:
		return "filter's text box"
	case ui.ModeConfirm:
		return "question \"mark all read?\""
	case ui.ModePanel:
		return "reactions panel"
	case ui.ModeReaction:
		return "open reaction"
	case ui.ModeProblems:
		return "problems screen"
	}
	return string(m)
}

// keyList is v, one key's name or a list of them, as the keys of an
// action; msg says what is wrong when they are not.
func keyList(v any) (ks []string, msg string) {
	const want = `want a key or a list of keys such as ["j", "down"]`
	switch v := v.(type) {
	case string:
		ks = []string{v}
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, want + ", got " + got(e) + " in the list"
			}
			ks = append(ks, s)
		}
	default:
		return nil, want + ", got " + got(v)
	}
	if len(ks) == 0 {
		return nil, "want at least one key"
	}
	if len(ks) > maxKeysOfAction {
		return nil, fmt.Sprintf("want at most %d keys, got %d", maxKeysOfAction, len(ks))
	}
	for _, k := range ks {
		if !validKey(k) {
			return nil, `want a key's name such as "q", "ctrl+d", "space" or "pgdown", got ` + got(k)
		}
	}
	return ks, ""
}

// validKey says whether k can name a key press: not empty, short, and
// nothing that is not shown as itself (space is "space", tab "tab").
func validKey(k string) bool {
	return k != "" && len(k) <= maxKeyLen && printable(k) &&
		!strings.ContainsFunc(k, func(r rune) bool { return unicode.IsSpace(r) || bidi(r) })
}

// bidi says whether r is a bidirectional control, which reorders what a
// terminal shows after it.
func bidi(r rune) bool { return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) }

// quoteKey is a key's name in a message: quoted when it is one character
// that could be mistaken for punctuation.
func quoteKey(k string) string {
	if len([]rune(k)) == 1 {
		return strconv.Quote(k)
	}
	return k
}

// syntaxError is err, from the TOML decoder, with the file and line.
func syntaxError(name string, err error) error {
	var de *toml.DecodeError
	if !errors.As(err, &de) {
		return &Error{Path: name, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	line, _ := de.Position()
	return &Error{Path: name, Line: line, Key: dotted(de.Key()), Msg: strings.TrimPrefix(de.Error(), "toml: ")}
}

// maxKeyDepth bounds how deep a key may be nested (tables, dotted keys and
// inline tables together): newsdesk's keys are at most 3 deep, and a
// bound keeps a hostile file's million-part key from costing its square.
const maxKeyDepth = 8

// keyLines is the line of every key of the TOML document data, by path
// (pathKey): the keys of key/value pairs, table headers and inline
// tables, and every table a dotted key or header opens. The first line
// wins (TOML allows a table to be opened by several dotted keys). data
// has been decoded without error already. deep is the line of the first
// key nested more than maxKeyDepth deep, 0 when there is none; the keys
// after it are not looked at.
func keyLines(data []byte) (lines map[string]int, deep int) {
	lines = map[string]int{}
	var p unstable.Parser
	p.Reset(data)
	var prefix []string
	// lineAt is the line of offset in data. Keys come in the order of the
	// document, so it counts on from the last one (the parser's Shape
	// counts from the start each time: a 1 MiB file of keys took 95 s).
	lastOff, lastLine := 0, 1
	lineAt := func(off int) int {
		if off < lastOff {
			lastOff, lastLine = 0, 1
		}
		lastLine += bytes.Count(data[lastOff:off], []byte{'\n'})
		lastOff = off
		return lastLine
	}
	// add records the line of every path the key nodes in it make, from
	// the first part to the whole key, under base; ok is false when the
	// key is too deep (deep is then set).
	add := func(base []string, it unstable.Iterator) (path []string, ok bool) {
		path = slices.Clone(base)
		for it.Next() {
			k := it.Node()
			line := lineAt(int(k.Raw.Offset))
			if len(path) == maxKeyDepth {
				deep = line
				return nil, false
			}
			path = append(path, string(k.Data))
			if _, ok := lines[pathKey(path)]; !ok {
				lines[pathKey(path)] = line
			}
		}
		return path, true
	}
	var kv func(base []string, n *unstable.Node) bool
	kv = func(base []string, n *unstable.Node) bool {
		path, ok := add(base, n.Key())
		if !ok {
			return false
		}
		if v := n.Value(); v.Kind == unstable.InlineTable {
			for c := v.Children(); c.Next(); {
				if c.Node().Kind == unstable.KeyValue && !kv(path, c.Node()) {
					return false
				}
			}
		}
		return true
	}
	for p.NextExpression() {
		n := p.Expression()
		ok := true
		switch n.Kind {
		case unstable.Table, unstable.ArrayTable:
			prefix, ok = add(nil, n.Key())
		case unstable.KeyValue:
			ok = kv(prefix, n)
		}
		if !ok {
			break
		}
	}
	return lines, deep
}

// pathKey is a key's path as a map key: each part quoted, so that no two
// paths make the same string whatever characters their parts hold.
func pathKey(path []string) string {
	var b strings.Builder
	for _, s := range path {
		b.WriteString(strconv.Quote(s))
		b.WriteByte('.')
	}
	return b.String()
}

// dotted is a key's path as a message shows it: parts joined with ".",
// each quoted (escaped) unless it is a bare key. Under [keys] a part may
// hold dots unquoted: an action is named with dots however it is written.
func dotted(path []string) string {
	parts := make([]string, len(path))
	for i, s := range path {
		dots := i > 0 && path[0] == keys
		parts[i] = s
		if s == "" || strings.ContainsFunc(s, func(r rune) bool { return !isBareKeyRune(r, dots) }) {
			parts[i] = strconv.Quote(s)
		}
	}
	return strings.Join(parts, ".")
}

// isBareKeyRune says whether r may be in a bare TOML key (or is a dot,
// when dots are allowed).
func isBareKeyRune(r rune, dots bool) bool {
	return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || dots && r == '.'
}

// sortedKeys is t's keys in order, so errors and results do not depend on
// map order.
func sortedKeys(t map[string]any) []string {
	ks := make([]string, 0, len(t))
	for k := range t {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
