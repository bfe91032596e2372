package library

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// More spellings of one name that NormalizeName must gather (and some it
// must keep apart), beyond TestNormalizeName's.
func TestNormalizeName_Spellings(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Dr.\u00a0Anya\u00a0Petrova", "anya petrova"}, // no-break spaces
		{"\tAnya\nPetrova ", "anya petrova"},
		{"DAME Jo Oni", "jo oni"},
		{"Sir  Bo", "bo"},
		{"Mx. Ray Lee", "ray lee"},
		{"Dr Dr. Who", "dr. who"}, // one honorific is set aside, not two
		{"ΣΟΦΙΑ ΠΑΠΑΣ", "σοφια παπασ"},
		{"Zoë Ánh", "zoë ánh"}, // accents are kept: Zoe is someone else
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.in); got != tt.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The ASCII shortcut of NormalizeName folds exactly as Unicode case
// folding does.
func TestNormalizeName_ASCIIFoldsAsUnicode(t *testing.T) {
	var b strings.Builder
	for c := range 128 {
		b.WriteByte(byte(c))
	}
	all := b.String()
	if got, want := foldName(all), folder().String(all); got != want {
		t.Errorf("ASCII folded as %q, want %q", got, want)
	}
}

// reacted is an article of id dated date with reactions by names, each
// with the role given after a "|" ("Bo|Economist").
func reacted(id, date string, names ...string) article.Article {
	a := article.Article{ID: article.ID(id), Path: id, Headline: "Story " + id, Date: date}
	for _, n := range names {
		name, role, _ := strings.Cut(n, "|")
		a.Reactions = append(a.Reactions, article.Reaction{Name: name, Role: role, Quote: "q"})
	}
	return a
}

func TestSnapshot_CommentatorsRolesNamesAndOrders(t *testing.T) {
	arts := []article.Article{
		reacted("a", "2026-01-01", "Dr. Bo Chan|Economist", "|Nobody", "Ada Lin|Trader"),
		reacted("b", "2026-03-01", "BO CHAN|Strategist", "Bo Chan|Economist"),
		reacted("c", "2026-02-01", "Cy Dee"),
	}
	// A commentator quoted under more roles than the index keeps.
	for i := range MaxRoles + 3 {
		arts = append(arts, reacted(fmt.Sprintf("r%02d", i), fmt.Sprintf("2025-01-%02d", i+1), fmt.Sprintf("Ada Lin|Role %d", i)))
	}
	s := NewStatic(arts, nil).Snapshot()
	if _, ok := s.CommentatorsReady(); ok {
		t.Fatal("the index is ready before anyone asked for it")
	}
	c := s.Commentators()
	if got, ok := s.CommentatorsReady(); !ok || got != c {
		t.Fatal("the index built is not the one ready")
	}
	if c.Len() != 3 {
		t.Fatalf("%d commentators, want 3 (a reaction without a name is nobody's)", c.Len())
	}
	ada, bo, cy := c.At(0), c.At(1), c.At(2)
	if ada.Key != "ada lin" || len(ada.Reactions) != MaxRoles+4 {
		t.Fatalf("first commentator %q with %d reactions", ada.Key, len(ada.Reactions))
	}
	if want := []string{"Trader", "Role 10", "Role 9", "Role 8", "Role 7", "Role 6", "Role 5", "Role 4"}; !slices.Equal(ada.Roles, want) {
		t.Errorf("Ada's roles %q, want the newest %d: %q", ada.Roles, MaxRoles, want)
	}
	if bo.Key != "bo chan" || bo.Name != "BO CHAN" || len(bo.Reactions) != 3 {
		t.Errorf("Bo: %q named %q, %d reactions (the name as the newest story writes it)", bo.Key, bo.Name, len(bo.Reactions))
	}
	if want := []string{"Strategist", "Economist"}; !slices.Equal(bo.Roles, want) {
		t.Errorf("Bo's roles %q, want %q", bo.Roles, want)
	}
	var refs []string
	for _, r := range bo.Reactions {
		refs = append(refs, fmt.Sprintf("%s/%d", s.At(int(r.Article)).ID, r.Reaction))
	}
	if want := []string{"b/0", "b/1", "a/0"}; !slices.Equal(refs, want) {
		t.Errorf("Bo's reactions %q, want %q (newest story first, then in the story's order)", refs, want)
	}
	if cy.Key != "cy dee" || len(cy.Roles) != 0 {
		t.Errorf("Cy: %+v", cy)
	}
	var names []string
	for _, i := range c.ByName() {
		names = append(names, c.At(int(i)).Key)
	}
	if want := []string{"ada lin", "bo chan", "cy dee"}; !slices.Equal(names, want) {
		t.Errorf("by name %q, want %q", names, want)
	}
	if p, ok := c.Lookup("Dr  bo   chan"); !ok || p != bo {
		t.Errorf("Lookup of another spelling: %v %v", p, ok)
	}
}

// A reaction's slice of the shared array cannot be grown into another
// commentator's.
func TestSnapshot_CommentatorsReactionsDoNotShareRoom(t *testing.T) {
	s := NewStatic([]article.Article{reacted("a", "2026-01-01", "A", "B"), reacted("b", "2026-01-02", "A", "B")}, nil).Snapshot()
	c := s.Commentators()
	first := c.At(0)
	_ = append(first.Reactions, Ref{Article: 99})
	for i := range c.Len() {
		for _, r := range c.At(i).Reactions {
			if r.Article == 99 {
				t.Fatal("appending to one commentator's reactions changed another's")
			}
		}
	}
}

// readyWithin reports whether s's commentator index gets built within d,
// polling for it.
func readyWithin(s *Snapshot, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if _, ok := s.CommentatorsReady(); ok {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	_, ok := s.CommentatorsReady()
	return ok
}

func TestPrepareCommentators_BuildsTheIndexOfEachQuietSnapshot(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("A", "PARIS", "2026-01-01", "Ann Lee")})
	l := started(t, Options{Paths: []string{dir}, PrepareCommentators: true})
	final := l.Snapshot()
	if !readyWithin(final, liveTimeout) {
		t.Fatal("the end of the load did not build its commentator index")
	}
	// Two snapshots in quick succession: only the second, once quiet.
	writeFiles(t, dir, map[string]string{"b.txt": wire("B", "ROME", "2026-01-02", "Bo Chan")})
	<-l.Reload(t.Context())
	first := l.Snapshot()
	writeFiles(t, dir, map[string]string{"c.txt": wire("C", "OSLO", "2026-01-03", "Cy Dunn")})
	<-l.Reload(t.Context())
	second := l.Snapshot()
	if !readyWithin(second, liveTimeout) {
		t.Fatal("a quiet snapshot did not get its commentator index")
	}
	if _, ok := first.CommentatorsReady(); ok && first != second {
		t.Error("a snapshot superseded within PrepareAfter was indexed too")
	}
	if c, _ := second.CommentatorsReady(); c.Len() != 3 {
		t.Errorf("%d commentators, want 3", c.Len())
	}
}

func TestPrepareCommentators_OffBuildsNothing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": wire("A", "PARIS", "2026-01-01", "Ann Lee")})
	l := started(t, Options{Paths: []string{dir}})
	if readyWithin(l.Snapshot(), PrepareAfter+PrepareAfter/4) {
		t.Error("the index was built without being asked for")
	}
}
