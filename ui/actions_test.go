package ui

import (
	"errors"
	"reflect"
	"slices"
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

// TestKeyMap_RebindErrorNamesTheActions: the config file places its
// message on the line of the action at fault, so the error carries the
// actions, not only a sentence.
func TestKeyMap_RebindErrorNamesTheActions(t *testing.T) {
	k := DefaultKeyMap()
	var re *RebindError
	if err := k.Rebind(map[string][]string{"list.explode": {"x"}}); !errors.As(err, &re) || !re.Unknown || re.Action != "list.explode" {
		t.Errorf("unknown action: %#v", err)
	}
	if err := k.Rebind(map[string][]string{"quit": nil}); !errors.As(err, &re) || re.Unknown || re.Action != "quit" {
		t.Errorf("no key: %#v", err)
	}
	err := k.Rebind(map[string][]string{"list.sort": {"enter", "/"}})
	if !errors.As(err, &re) || re.Action != "" {
		t.Fatalf("conflict: %#v", err)
	}
	want := []KeyConflict{
		{Mode: ModeList, Key: "/", First: "list.filter", Second: "list.sort"},
		{Mode: ModeList, Key: "enter", First: "list.open", Second: "list.sort"},
	}
	if !slices.Equal(re.Conflicts, want) {
		t.Errorf("conflicts %v, want %v", re.Conflicts, want)
	}
}

// TestKeyMap_RebindToTheSameKeysChangesNothing: a config file that spells
// out the default keys (the example, uncommented) gives exactly the
// default key map, help texts included.
func TestKeyMap_RebindToTheSameKeysChangesNothing(t *testing.T) {
	def := DefaultKeyMap()
	all := map[string][]string{}
	for _, a := range def.Actions() {
		all[a.Name] = a.Binding.Keys()
	}
	k := DefaultKeyMap()
	if err := k.Rebind(all); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(k, def) {
		t.Error("rebinding every action to its own keys changed the key map")
	}
	if err := k.Rebind(map[string][]string{"quit": {"x", "q"}}); err != nil {
		t.Fatal(err)
	}
	if h := k.Quit.Help(); h.Key != "x/q" || h.Desc != def.Quit.Help().Desc {
		t.Errorf("new keys: help %+v, want key x/q and the old description", h)
	}
}
