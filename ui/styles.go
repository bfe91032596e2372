package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/list"
	"charm.land/lipgloss/v2"

	"github.com/newsdesk/newsdesk/ui/reactions"
	"github.com/newsdesk/newsdesk/ui/render"
	"github.com/newsdesk/newsdesk/ui/theme"
)

// Styles are every Lip Gloss style the reader draws with. One value is
// built per model from the background (never a package global: the SSH
// server runs many readers at once, each with its own terminal).
type Styles struct {
	// isDark is the background the styles are for.
	isDark bool

	// Header is the list's title and the reader's headline; Footer the
	// reader's dateline and scroll percentage.
	Header lipgloss.Style
	Footer lipgloss.Style
	// Status is the status line; StatusWarn its problem count.
	Status     lipgloss.Style
	StatusWarn lipgloss.Style
	// Title and Meta are a list row's headline and metadata; SelTitle and
	// SelMeta the selected row's; Unread an unread headline and Mark the
	// unread or bookmark mark before it.
	Unread   lipgloss.Style
	Mark     lipgloss.Style
	Title    lipgloss.Style
	Meta     lipgloss.Style
	SelTitle lipgloss.Style
	SelMeta  lipgloss.Style
	// Separator is the line between the list and the preview.
	Separator lipgloss.Style
	// Placeholder is "Rendering…" while an article renders.
	Placeholder lipgloss.Style
	// Problem is a line of the problems screen.
	Problem lipgloss.Style
	// HelpBox frames the full help.
	HelpBox lipgloss.Style

	// List and Help restyle bubbles' list and help.
	List list.Styles
	Help help.Styles

	// Panel is the reactions panel's, in the same palette.
	Panel reactions.Styles
}

// NewStyles returns the reader's styles for a dark or light background;
// noColor drops every colour and keeps only bold/underline/reverse.
func NewStyles(isDark, noColor bool) Styles {
	if noColor {
		plain := lipgloss.NewStyle()
		ls := list.DefaultStyles(isDark)
		ls.TitleBar = plain.Padding(0, 0, 1, 2)
		ls.Title = plain.Bold(true)
		ls.Spinner = plain
		ls.DefaultFilterCharacterMatch = plain.Underline(true)
		ls.StatusBar = plain.Padding(0, 0, 1, 2)
		ls.StatusEmpty = plain
		ls.StatusBarActiveFilter = plain
		ls.StatusBarFilterCount = plain
		ls.NoItems = plain
		ls.PaginationStyle = plain.PaddingLeft(2)
		ls.HelpStyle = plain.Padding(1, 0, 0, 2)
		ls.ActivePaginationDot = plain
		ls.InactivePaginationDot = plain
		ls.ArabicPagination = plain
		ls.DividerDot = plain
		hs := help.Styles{
			Ellipsis: plain, ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain,
			FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain,
		}
		return Styles{
			isDark:      isDark,
			Header:      plain.Bold(true),
			Footer:      plain,
			Status:      plain,
			StatusWarn:  plain.Bold(true),
			Title:       plain,
			Unread:      plain.Bold(true),
			Mark:        plain.Bold(true),
			Meta:        plain,
			SelTitle:    plain.Bold(true),
			SelMeta:     plain,
			Separator:   plain,
			Placeholder: plain,
			Problem:     plain,
			HelpBox:     plain.Padding(1, 2),
			List:        ls,
			Help:        hs,
			Panel:       reactions.NewStyles(theme.None()),
		}
	}
	p := theme.For(isDark)
	accent, dim, fg, warn := p.Accent, p.Subtle, p.Text, p.Warn
	ls := list.DefaultStyles(isDark)
	ls.Title = ls.Title.Background(accent).Foreground(p.OnAccent)
	return Styles{
		isDark:      isDark,
		Header:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Footer:      lipgloss.NewStyle().Foreground(dim),
		Status:      lipgloss.NewStyle().Foreground(dim),
		StatusWarn:  lipgloss.NewStyle().Foreground(warn),
		Title:       lipgloss.NewStyle().Foreground(fg),
		Unread:      lipgloss.NewStyle().Foreground(fg).Bold(true),
		Mark:        lipgloss.NewStyle().Foreground(accent).Bold(true),
		Meta:        lipgloss.NewStyle().Foreground(dim),
		SelTitle:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		SelMeta:     lipgloss.NewStyle().Foreground(accent),
		Separator:   lipgloss.NewStyle().Foreground(dim),
		Placeholder: lipgloss.NewStyle().Foreground(dim).Italic(true),
		Problem:     lipgloss.NewStyle().Foreground(fg),
		HelpBox:     lipgloss.NewStyle().Padding(1, 2),
		List:        ls,
		Help:        help.DefaultStyles(isDark),
		Panel:       reactions.NewStyles(p),
	}
}

// glamourStyle is the rendering style for a forced style name
// (Config.Style) and the terminal's background: see render.Resolve.
func glamourStyle(forced string, isDark, noColor bool) string {
	return string(render.Resolve(forced, isDark, noColor))
}

// forcedBackground reports whether a forced style fixes the background
// (light or dark) and which; "" and "auto" follow the terminal.
func forcedBackground(forced string) (isDark, ok bool) { return render.ForcedBackground(forced) }

// forcedNoColor reports whether a forced style means no colour at all.
func forcedNoColor(forced string) bool { return render.ForcedNoColor(forced) }
