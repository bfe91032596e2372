package reactions

import (
	"strings"

	"github.com/newsdesk/newsdesk/article"
)

// seedArticle is the bundled seed article's reactions section, as the
// wire parser gives it.
func seedArticle() *article.Article {
	return &article.Article{
		ID:       "seeds/000_6b8f1c3f41772375.txt",
		Format:   article.FormatWire,
		Headline: "Russia Reaffirms Backing for China's Taiwan Stance in High-Level Security Talks",
		Reactions: []article.Reaction{
			{
				Name:     "Dr. Anya Petrova",
				Role:     "Senior Fellow at the Eurasian Strategy Institute",
				Location: "Moscow",
				Quote:    "This is a reaffirmation of a long-standing policy, but its timing is significant. It reinforces to the West that attempts to isolate either Russia or China will only push them closer together on fundamental security issues, creating a more consolidated counterweight.",
			},
			{
				Name:     "James Miller",
				Role:     "Editor-at-Large, 'The Global Security Review'",
				Location: "London",
				Quote:    "The rhetoric is predictable, yet the consistency is the story. Every high-level meeting now includes this ritual affirmation on Taiwan. It's become a cornerstone of the partnership, effectively making Taiwan a card in the broader great-power contest between this axis and the U.S.-led order.",
			},
			{
				Name:     "Professor Li Wei",
				Role:     "Institute of International Relations",
				Location: "Shanghai",
				Quote:    "The meeting demonstrates the high level of strategic trust and coordination. It sends a clear message that core interests like sovereignty and territorial integrity are non-negotiable for both sides, and that they will back each other diplomatically against external interference.",
			},
			{
				Name:     "Mark Kovacs",
				Role:     "Former Diplomat & Commentator",
				Location: "Washington D.C.",
				Quote:    "It's cynical and dangerous. Moscow, itself an aggressor violating territorial integrity in Europe, parroting Beijing's line on Taiwan is the height of hypocrisy. This isn't about principle; it's a transactional alliance of autocrats against the democratic world, and the West needs to wake up to the coordinated challenge.",
			},
		},
	}
}

// longQuote is a quote of 1,200 characters.
var longQuote = func() string {
	s := strings.Repeat("Markets shrugged off the announcement, but the long-run costs will land on households that never had a say. ", 12)
	return s[:1199] + "."
}()

// chineseQuote is a Chinese paragraph without a single space.
const chineseQuote = "这次会谈表明双方在台湾问题上的立场高度一致，俄罗斯再次重申支持中国政府的一贯立场，认为外部势力试图破坏台海局势的稳定，这一表态在国际社会引起了广泛关注和讨论。"

// sevenArticle has 7 reactions: a 1,200-character quote, a Chinese quote
// without spaces, an emoji in a name, and notes.
func sevenArticle() *article.Article {
	return &article.Article{
		ID:       "testdata/seven.txt",
		Format:   article.FormatWire,
		Headline: "Seven voices 🗞️",
		Notes:    []article.Note{{Text: "Reactions were gathered by our correspondents in the 24 hours after the announcement and have been edited for length."}, {Text: "Two commentators asked that their affiliations be described in general terms."}},
		Reactions: []article.Reaction{
			{Name: "Ana Souza", Role: "Economist", Location: "São Paulo", Quote: "A measured step, and overdue."},
			{Name: "Ben Carter", Role: "Analyst, Harbor Research", Location: "Boston", Quote: longQuote},
			{Name: "王芳", Role: "北京大学国际关系学院教授", Location: "北京", Quote: chineseQuote},
			{Name: "Chloé 🌍 Martin", Role: "Climate reporter", Location: "Paris", Quote: "Nobody in the room 🙃 mentioned the floods."},
			{Name: "Dev Patel", Role: "Former trade negotiator", Location: "Delhi", Quote: "Watch the tariffs, not the speeches."},
			{Name: "Eva Novák", Role: "Historian", Location: "Prague", Quote: "We have seen this pattern before, in 1938 and again in 1968."},
			{Name: "Farid Haddad", Role: "Columnist", Location: "Beirut", Quote: "Small states pay for big-power rituals."},
		},
	}
}
