package article

import "testing"

func TestDateline(t *testing.T) {
	tests := []struct {
		a    Article
		want string
	}{
		{Article{Place: "MOSCOW", Date: "Feb 1", Source: "Reuters"}, "MOSCOW · Feb 1 · Reuters"},
		{Article{Place: "MOSCOW", Source: "Reuters"}, "MOSCOW · Reuters"},
		{Article{Date: "2026-03-04"}, "2026-03-04"},
		{Article{}, ""},
	}
	for _, tt := range tests {
		if got := tt.a.Dateline(); got != tt.want {
			t.Errorf("%+v.Dateline() = %q, want %q", tt.a, got, tt.want)
		}
	}
}
