package article

import (
	"strings"
	"testing"
)

func TestIsSectionHeading_Variants(t *testing.T) {
	yes := []string{
		"Reaction & Analysis", "Reactions & Analysis", "Reaction and Analysis", "Reactions and Analysis",
		"Reaction", "Reactions", "Analysis", "Analyst Reactions", "Expert Reaction", "Expert Reactions",
		"What analysts say", "What the experts say", "Commentary",
		"REACTIONS", "reaction & analysis", "What Analysts Say",
		"# Reactions", "## Reactions", "###### Analysis",
		"**Reactions**", "**Reactions:**", "**Reactions**:", "Reactions:",
		"## **Reaction & Analysis:**", "  Reactions  ",
		"**" + strings.Repeat(" ", 200) + "Reactions**", "REACTIONS AND ANALYSIS",
	}
	for _, s := range yes {
		if !isSectionHeading(s) {
			t.Errorf("isSectionHeading(%q) = false, want true", s)
		}
	}
	no := []string{
		"", "Reactions were mixed.", "####### Reactions", "#Reactions", "*Reactions*",
		"Reactions::", "Analysis of the talks", "**Reactions", "Reactions & Analyses", "# ",
		strings.Repeat("Reactions ", 1000),
	}
	for _, s := range no {
		if isSectionHeading(s) {
			t.Errorf("isSectionHeading(%q) = true, want false", s)
		}
	}
}

func TestParseReactionEntry_Forms(t *testing.T) {
	tests := []struct {
		in   string
		want Reaction
	}{
		{`Dr. Anya Petrova, Senior Fellow (Moscow): "Quote here."`, Reaction{"Dr. Anya Petrova", "Senior Fellow", "Moscow", "Quote here."}},
		{`James Miller, Editor-at-Large, 'The Global Security Review' (London): "Q."`,
			Reaction{"James Miller", "Editor-at-Large, 'The Global Security Review'", "London", "Q."}},
		{`Mark Kovacs, Former Diplomat & Commentator (Washington D.C.): "Q."`, Reaction{"Mark Kovacs", "Former Diplomat & Commentator", "Washington D.C.", "Q."}},
		{`Ann Lee, Farmer (Laurel, Md.): "Q."`, Reaction{"Ann Lee", "Farmer", "Laurel, Md.", "Q."}},
		{`Ann Lee, Farmer: "Q."`, Reaction{"Ann Lee", "Farmer", "", "Q."}},
		{`Ann Lee, Farmer:"Q."`, Reaction{"Ann Lee", "Farmer", "", "Q."}},
		{`Ann Lee, Farmer: “Curly.”`, Reaction{"Ann Lee", "Farmer", "", "Curly."}},
		{`Ann Lee, Farmer: “Mismatched."`, Reaction{"Ann Lee", "Farmer", "", "Mismatched."}},
		{`Ann Lee, Farmer: "Mismatched.”`, Reaction{"Ann Lee", "Farmer", "", "Mismatched."}},
		{`Ann Lee, Farmer: "He said "no" twice."`, Reaction{"Ann Lee", "Farmer", "", `He said "no" twice.`}},
		{`Ann Lee, Ratio 2:1 fan: "Q."`, Reaction{"Ann Lee", "Ratio 2:1 fan", "", "Q."}},
		{`"Quote first." — Ann Lee, Farmer (Laurel, Md.)`, Reaction{"Ann Lee", "Farmer", "Laurel, Md.", "Quote first."}},
		{`"Quote first." – Ann Lee, Farmer`, Reaction{"Ann Lee", "Farmer", "", "Quote first."}},
		{`"Quote first." -- Ann Lee, Farmer`, Reaction{"Ann Lee", "Farmer", "", "Quote first."}},
		{`"Quote first." - Ann Lee, Farmer`, Reaction{"Ann Lee", "Farmer", "", "Quote first."}},
		{`“It is "fine" - really.” — Professor Li Wei, Institute of International Relations (Shanghai)`,
			Reaction{"Professor Li Wei", "Institute of International Relations", "Shanghai", `It is "fine" - really.`}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseReactionEntry(tt.in)
			if !ok || got != tt.want {
				t.Errorf("parseReactionEntry = %+v, %v; want %+v, true", got, ok, tt.want)
			}
		})
	}
}

func TestParseReactionEntry_NotEntries(t *testing.T) {
	tests := []string{
		``,
		`A plain note about the talks.`,
		`Ann Lee, Farmer: "Missing the closing quote.`,
		`"Missing the closing quote. — Ann Lee, Farmer`,
		`Ann Lee: "No role."`,
		`Ann Lee, Farmer: ""`,
		`Ann Lee, Farmer: "Quote." she added.`,
		`, Farmer: "No name."`,
		`Ann Lee, : "No role."`,
		`Ann Lee, Farmer (): "Empty location."`,
		`Ann Lee, Farmer (Paris: "Unbalanced."`,
		`"Quote." — Ann Lee`,
		`"Quote." Ann Lee, Farmer`,
		`Analysts said, in a statement: "nothing".` + "x",
		`In a long sentence that goes on and on well past any plausible length of a person's name, really: "Q."`,
	}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			if got, ok := parseReactionEntry(in); ok {
				t.Errorf("parseReactionEntry(%q) = %+v, want not an entry", in, got)
			}
		})
	}
}

func TestParseAttribution_Forms(t *testing.T) {
	tests := []struct {
		in                   string
		name, role, location string
		ok                   bool
	}{
		{"— Ann Lee, Farmer (Laurel, Md.)", "Ann Lee", "Farmer", "Laurel, Md.", true},
		{"– Ann Lee, Farmer", "Ann Lee", "Farmer", "", true},
		{"-- Dr. Ann Lee, Editor, 'The Review' (Washington D.C.)", "Dr. Ann Lee", "Editor, 'The Review'", "Washington D.C.", true},
		{"- Ann Lee, Farmer", "Ann Lee", "Farmer", "", true},
		{"—Ann Lee, Farmer", "Ann Lee", "Farmer", "", true},
		{"Ann Lee, Farmer", "", "", "", false},
		{"— Ann Lee", "", "", "", false},
		{"— Ann Lee, Farmer (", "", "", "", false},
		{"— ", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			name, role, loc, ok := parseAttribution(tt.in)
			if name != tt.name || role != tt.role || loc != tt.location || ok != tt.ok {
				t.Errorf("parseAttribution = %q, %q, %q, %v; want %q, %q, %q, %v", name, role, loc, ok, tt.name, tt.role, tt.location, tt.ok)
			}
		})
	}
}
