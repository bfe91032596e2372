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
		Place:    "MOSCOW",
		Date:     "Feb 1",
		Source:   "Reuters",
		// As the seed's section heading is written.
		ReactionsHeading: "Reaction & Analysis",
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

// nineArticle has 9 reactions of different lengths, a note before the
// quotes and one after them, as a Markdown "## Analysis" section gives.
func nineArticle() *article.Article {
	a := &article.Article{
		ID:               "testdata/nine.md",
		Format:           article.FormatWire,
		Headline:         "Port Strike Enters Its Second Week as Talks Stall Over Automation and Pay",
		Place:            "ROTTERDAM",
		Date:             "2026-03-04",
		Source:           "Harbour Wire",
		ReactionsHeading: "Analysis",
		Notes: []article.Note{
			{Text: "Reactions were collected on the quay and by phone.", After: 0},
			{Text: "Further reactions are expected after the union votes on Friday.", After: 9},
		},
	}
	people := []struct{ name, role, loc string }{
		{"Ingrid de Vries", "Dock worker and union steward", "Rotterdam"},
		{"Tomás Alvarez", "Logistics analyst", "Madrid"},
		{"Dr. Helena Okafor-Lindqvist", "Professor of Maritime Economics at the Northern Institute of Trade and Transport", "Gothenburg"},
		{"Wei Zhang", "Shipping line executive", "Shanghai"},
		{"Pieter Jansen", "Port authority spokesman", "Rotterdam"},
		{"Amira Haddad", "Freight forwarder", "Antwerp"},
		{"Sam O'Neill", "Retail supply-chain director", "Dublin"},
		{"Lena Müller", "Economist", "Hamburg"},
		{"Kofi Mensah", "Dock worker", "Rotterdam"},
	}
	quotes := []string{
		"Nobody here is against machines. We are against being told about them the morning they arrive.",
		"Every day of the strike moves about four hundred containers to Antwerp and Hamburg, and some of that trade will not come back.",
		"Automation raises throughput, but the gains have gone almost entirely to terminal operators. A settlement that shares them is cheaper than a month of idle cranes.",
		"We have rerouted eleven vessels.",
		"The port remains open for ships that do not need the container terminals, and we are talking to both sides every day.",
		"Our clients ask one question: when. I cannot answer it.",
		"Shelves will notice in about three weeks, starting with fresh produce and spare parts.",
		"The wage demand is modest next to the cost of the disruption, which we estimate at forty million euros a day across the region.",
		"I have worked these cranes for twenty-two years.",
	}
	for i, p := range people {
		a.Reactions = append(a.Reactions, article.Reaction{Name: p.name, Role: p.role, Location: p.loc, Quote: quotes[i]})
	}
	return a
}

// twoArticle is the seed's first two reactions under its dateline.
func twoArticle() *article.Article {
	a := seedArticle()
	a.ID = "testdata/two.txt"
	a.Reactions = a.Reactions[:2]
	return a
}

// midNoteArticle has a note between its second and third reactions (the
// file's order: two quotes, a remark, three more quotes) and none else.
func midNoteArticle() *article.Article {
	a := seedArticle()
	a.ID = "testdata/midnote.md"
	a.Format = article.FormatMarkdown
	a.ReactionsHeading = "Expert Reactions"
	a.Reactions = append(a.Reactions[:2:2], a.Reactions[2], a.Reactions[3],
		article.Reaction{Name: "Yuki Tanaka", Role: "Researcher", Location: "Tokyo", Quote: "Tokyo will read this as a message to itself as much as to Taipei."})
	a.Notes = []article.Note{{Text: "The following reactions came in after the joint statement was published.", After: 2}}
	return a
}
