package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestKeyMap_DefaultKeysNeverShareAKeyInOneMode(t *testing.T) {
	k := DefaultKeyMap()
	if c := k.Conflicts(); len(c) > 0 {
		t.Errorf("default keys conflict:\n%s", strings.Join(c, "\n"))
	}
	seen := map[string]bool{}
	for _, a := range k.Actions() {
		if seen[a.Name] || len(a.Modes) == 0 || len(a.Binding.Keys()) == 0 {
			t.Errorf("action %q: duplicate, without a mode or without a key", a.Name)
		}
		seen[a.Name] = true
	}
}

func TestKeyMap_Rebind(t *testing.T) {
	tests := []struct {
		name    string
		keys    map[string][]string
		wantErr string
	}{
		{"a free key", map[string][]string{"list.sort": {"o"}}, ""},
		{"unknown action", map[string][]string{"list.explode": {"x"}}, `unknown action "list.explode"`},
		{"no key", map[string][]string{"quit": {}}, `action "quit": no key`},
		{"a key another action has in the same mode", map[string][]string{"list.sort": {"enter"}},
			"list: enter is both list.open and list.sort"},
		{"the same key in two modes is fine", map[string][]string{"reader.next": {"s"}}, ""},
		{"quit on a key the filter's own keys use is fine (typing takes it)", map[string][]string{"quit": {"x"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := DefaultKeyMap()
			before := k.Sort.Keys()
			err := k.Rebind(tt.keys)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Rebind: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Rebind error %v, want %q", err, tt.wantErr)
			case tt.wantErr != "" && strings.Join(k.Sort.Keys(), ",") != strings.Join(before, ","):
				t.Error("a failed Rebind changed the keys")
			}
		})
	}
	k := DefaultKeyMap()
	if err := k.Rebind(map[string][]string{"down": {"ctrl+n"}, "list.sort": {"o"}}); err != nil {
		t.Fatal(err)
	}
	if k.Panel.Down.Keys()[0] != "ctrl+n" || k.Panel.Down.Help().Desc != "scroll down" {
		t.Errorf("the panel's scroll key %v %q does not follow the reader's", k.Panel.Down.Keys(), k.Panel.Down.Help().Desc)
	}
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m.c.keys = &k
	m = drive(t, m, press("o"))
	if s := ansi.Strip(m.View().Content); !contains(s, "sorted by headline") || !contains(s, "o sort") {
		t.Errorf("o did not sort, or the help does not say so:\n%s", s)
	}
}
