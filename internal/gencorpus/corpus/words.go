package corpus

// The word lists the stories are drawn from. They are plain data: changing
// one changes every generated library (and the determinism test's digest),
// so edit them only on purpose.

// place is a dateline place: the capitals as a wire writes them, with an
// optional region, and the city as a commentator's location gives it.
type place struct {
	dateline string // "TAIPEI, Taiwan"
	city     string // "Taipei"
	country  string // "Taiwan"
}

var places = []place{
	{"TAIPEI, Taiwan", "Taipei", "Taiwan"},
	{"KAOHSIUNG, Taiwan", "Kaohsiung", "Taiwan"},
	{"HSINCHU, Taiwan", "Hsinchu", "Taiwan"},
	{"KYIV", "Kyiv", "Ukraine"},
	{"KYIV, Ukraine", "Kyiv", "Ukraine"},
	{"ODESA, Ukraine", "Odesa", "Ukraine"},
	{"KHARKIV, Ukraine", "Kharkiv", "Ukraine"},
	{"MOSCOW", "Moscow", "Russia"},
	{"BEIJING", "Beijing", "China"},
	{"SHANGHAI, China", "Shanghai", "China"},
	{"SHENZHEN, China", "Shenzhen", "China"},
	{"HONG KONG", "Hong Kong", "China"},
	{"TOKYO", "Tokyo", "Japan"},
	{"OSAKA, Japan", "Osaka", "Japan"},
	{"SEOUL", "Seoul", "South Korea"},
	{"BUSAN, South Korea", "Busan", "South Korea"},
	{"NEW YORK", "New York", "the United States"},
	{"WASHINGTON", "Washington D.C.", "the United States"},
	{"WICHITA, Kan.", "Wichita", "the United States"},
	{"ST. PAUL, Minn.", "St. Paul", "the United States"},
	{"PORTLAND, Ore.", "Portland", "the United States"},
	{"HOUSTON", "Houston", "the United States"},
	{"CHICAGO", "Chicago", "the United States"},
	{"OTTAWA", "Ottawa", "Canada"},
	{"MONTRÉAL, Quebec", "Montréal", "Canada"},
	{"MEXICO CITY", "Mexico City", "Mexico"},
	{"SÃO PAULO, Brazil", "São Paulo", "Brazil"},
	{"BUENOS AIRES", "Buenos Aires", "Argentina"},
	{"LIMA, Peru", "Lima", "Peru"},
	{"LONDON", "London", "Britain"},
	{"PARIS", "Paris", "France"},
	{"BERLIN", "Berlin", "Germany"},
	{"HAMBURG, Germany", "Hamburg", "Germany"},
	{"FRANKFURT", "Frankfurt", "Germany"},
	{"BRUSSELS", "Brussels", "Belgium"},
	{"ROTTERDAM, Netherlands", "Rotterdam", "the Netherlands"},
	{"GENEVA", "Geneva", "Switzerland"},
	{"ZÜRICH, Switzerland", "Zürich", "Switzerland"},
	{"DAVOS, Switzerland", "Davos", "Switzerland"},
	{"WARSAW", "Warsaw", "Poland"},
	{"KRAKÓW, Poland", "Kraków", "Poland"},
	{"ŁÓDŹ, Poland", "Łódź", "Poland"},
	{"ROME", "Rome", "Italy"},
	{"MADRID", "Madrid", "Spain"},
	{"LISBON", "Lisbon", "Portugal"},
	{"ATHENS", "Athens", "Greece"},
	{"REYKJAVÍK, Iceland", "Reykjavík", "Iceland"},
	{"ISTANBUL", "Istanbul", "Turkey"},
	{"ANKARA, Turkey", "Ankara", "Turkey"},
	{"CAIRO", "Cairo", "Egypt"},
	{"SHARM EL-SHEIKH, Egypt", "Sharm el-Sheikh", "Egypt"},
	{"DUBAI, United Arab Emirates", "Dubai", "the United Arab Emirates"},
	{"RIYADH, Saudi Arabia", "Riyadh", "Saudi Arabia"},
	{"NAIROBI, Kenya", "Nairobi", "Kenya"},
	{"LAGOS, Nigeria", "Lagos", "Nigeria"},
	{"JOHANNESBURG", "Johannesburg", "South Africa"},
	{"NEW DELHI", "New Delhi", "India"},
	{"MUMBAI, India", "Mumbai", "India"},
	{"SINGAPORE", "Singapore", "Singapore"},
	{"JAKARTA, Indonesia", "Jakarta", "Indonesia"},
	{"MANILA, Philippines", "Manila", "the Philippines"},
	{"HANOI", "Hanoi", "Vietnam"},
	{"SYDNEY", "Sydney", "Australia"},
	{"PORT LOUIS, Mauritius", "Port Louis", "Mauritius"},
}

var sources = []string{
	"Reuters", "Reuters", "Reuters", "AP", "AP", "AFP", "Bloomberg", "Xinhua", "Kyodo",
	"Yonhap", "dpa", "EFE", "ANSA", "PTI", "Anadolu", "TASS", "Central News Agency", "NHK",
}

var months = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// monthAbbr is the wire abbreviation of each month ("" where wires spell it
// out), with its period. September is "Sep.": the reader reads "Sept" only
// without the period.
var monthAbbr = []string{"Jan.", "Feb.", "", "", "", "", "", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// subject is who acts in a headline, with the verb form it takes.
type subject struct {
	name   string
	plural bool
}

var subjects = []subject{
	{"Central Bank", false}, {"Chipmakers", true}, {"Lawmakers", true}, {"Regulators", true},
	{"Port Workers", true}, {"Wheat Farmers", true}, {"Parliament", false}, {"Senate", false},
	{"Prime Minister", false}, {"Finance Ministry", false}, {"Tax Authority", false},
	{"Energy Regulator", false}, {"Union Leaders", true}, {"Automakers", true},
	{"Shipping Firms", true}, {"Airlines", true}, {"City Council", false}, {"Governor", false},
	{"Supreme Court", false}, {"Opposition", false}, {"Exporters", true}, {"Health Officials", true},
	{"Teachers' Union", false}, {"Oil Producers", true}, {"Tech Giants", true}, {"Retailers", true},
	{"Insurers", true}, {"Rail Operator", false}, {"Mining Group", false}, {"Fishermen", true},
	{"Steelmakers", true}, {"Investors", true}, {"Mayor", false}, {"Coalition", false},
	{"Trade Ministers", true}, {"Dockworkers", true}, {"Grain Traders", true}, {"Utilities", true},
}

// verb is a headline verb: the form after a plural subject, then after a
// singular one.
type verb struct{ plural, singular string }

var verbs = []verb{
	{"Cut", "Cuts"}, {"Raise", "Raises"}, {"Approve", "Approves"}, {"Reject", "Rejects"},
	{"Weigh", "Weighs"}, {"Back", "Backs"}, {"Warn of", "Warns of"}, {"Push for", "Pushes for"},
	{"Delay", "Delays"}, {"Unveil", "Unveils"}, {"Lift", "Lifts"}, {"Extend", "Extends"},
	{"Probe", "Probes"}, {"Challenge", "Challenges"}, {"Defend", "Defends"}, {"Scrap", "Scraps"},
	{"Expand", "Expands"}, {"Tighten", "Tightens"}, {"Ease", "Eases"}, {"Fight", "Fights"},
	{"Embrace", "Embraces"}, {"Brace for", "Braces for"}, {"Sign", "Signs"}, {"Review", "Reviews"},
}

// topic is what a story is about: the headline's object in title case, the
// words the body uses for it, and the tags it brings.
type topic struct {
	title string
	body  string
	tags  []string
}

var topics = []topic{
	{"Interest Rates", "interest rates", []string{"economy", "markets"}},
	{"New Tax Rules", "new tax rules", []string{"tax", "economy"}},
	{"Export Ban", "export ban", []string{"trade"}},
	{"Port Fees", "port fees", []string{"shipping", "ports"}},
	{"Chip Subsidies", "chip subsidies", []string{"chips", "technology"}},
	{"Wheat Quotas", "wheat quotas", []string{"agriculture", "trade"}},
	{"Carbon Tax", "carbon tax", []string{"tax", "climate"}},
	{"Fuel Prices", "fuel prices", []string{"energy"}},
	{"Rail Strike", "rail strike", []string{"labour", "transport"}},
	{"Budget Plan", "budget plan", []string{"politics", "economy"}},
	{"Pension Reform", "pension reform", []string{"politics"}},
	{"Data Privacy Law", "data privacy law", []string{"technology", "law"}},
	{"Water Rationing", "water rationing", []string{"climate", "drought"}},
	{"Storm Relief Fund", "storm relief fund", []string{"weather"}},
	{"Grain Corridor", "grain corridor", []string{"agriculture", "Black Sea"}},
	{"Steel Tariffs", "steel tariffs", []string{"trade", "industry"}},
	{"Housing Plan", "housing plan", []string{"housing"}},
	{"Minimum Wage", "minimum wage", []string{"labour", "economy"}},
	{"Ceasefire Talks", "ceasefire talks", []string{"diplomacy", "conflict"}},
	{"Drone Imports", "drone imports", []string{"defence", "trade"}},
	{"Power Grid Upgrade", "power grid upgrade", []string{"energy", "infrastructure"}},
	{"Fishing Limits", "fishing limits", []string{"fisheries"}},
	{"Vaccine Rollout", "vaccine rollout", []string{"health"}},
	{"Border Checks", "border checks", []string{"migration"}},
	{"Election Date", "election date", []string{"politics", "elections"}},
	{"Bank Merger", "bank merger", []string{"banking", "markets"}},
	{"Solar Tariffs", "solar tariffs", []string{"energy", "trade"}},
	{"Flood Defences", "flood defences", []string{"weather", "infrastructure"}},
	{"Airport Expansion", "airport expansion", []string{"transport"}},
	{"Chip Export Curbs", "chip export curbs", []string{"chips", "trade"}},
	{"Semiconductor Plant", "semiconductor plant", []string{"chips", "industry"}},
	{"Shipping Insurance", "shipping insurance", []string{"shipping"}},
	{"Fertiliser Prices", "fertiliser prices", []string{"agriculture"}},
	{"Heat Wave Measures", "heat wave measures", []string{"weather", "health"}},
	{"Reconstruction Loans", "reconstruction loans", []string{"Ukraine", "finance"}},
	{"Strait Patrols", "strait patrols", []string{"Taiwan", "defence"}},
}

var qualifiers = []string{
	"After Talks Stall", "Amid Storm Warnings", "in Landmark Vote", "as Prices Climb",
	"Ahead of Summit", "Despite Protests", "for Second Year", "After Record Heat",
	"as Inflation Cools", "Under Pressure From Exporters", "in Surprise Move",
	"After Overnight Talks", "as Deadline Looms", "Amid Supply Fears", "After Court Ruling",
	"as Shortages Spread", "in Bid to Calm Markets", "Before Winter", "as Talks Resume",
}

// cjkHeadlines are whole headlines in Chinese, Japanese and Korean.
var cjkHeadlines = []string{
	"台湾半导体出口创下新高", "台北股市收高 晶片股领涨", "东京股市小幅上涨 日元走弱",
	"首尔央行维持利率不变", "北京宣布新一轮减税措施", "上海港口吞吐量同比增长",
	"基辅重建计划获得新贷款", "香港楼市成交回暖", "日本政府が新たな経済対策を発表",
	"大阪港の物流が回復", "한국은행 기준금리 동결", "부산항 물동량 증가",
}

// cjkParagraphs are body paragraphs without a single space.
var cjkParagraphs = []string{
	"中国外交部发言人周一表示，中方愿同各方一道，继续为推动地区和平稳定发挥建设性作用。分析人士认为，这一表态再次显示出北京在核心利益问题上的坚定立场。",
	"台湾经济部表示，今年前十个月半导体出口总额同比增长百分之二十，主要受人工智能服务器需求带动。业界预计明年仍将保持增长。",
	"日本銀行は金融政策決定会合で、短期金利を据え置くことを決めた。市場では年内の追加利上げを予想する声が強まっている。",
	"한국 정부는 수출 규제 완화 방안을 발표했다. 전문가들은 반도체 업계에 긍정적인 영향을 줄 것으로 내다봤다.",
	"乌克兰政府表示，黑海粮食走廊本月运送的小麦超过三百万吨，创下今年以来的新高。",
	"香港金融管理局指出，港元汇率保持稳定，银行体系流动性充裕，市场运作正常。",
}

// Body sentence templates. {topic} is the story's topic, {place} its city,
// {country} its country, {has|have} the verb form that agrees with the
// topic; the other slots are drawn from the lists below.
var sentences = []string{
	"{Officials} said on {weekday} that the {topic} would take effect {timeframe}.",
	"The decision comes as {groups} press the government over the {topic}, according to people familiar with the talks.",
	"Officials in {place} expect the {topic} to affect about {num} {units} {timeframe}.",
	"The measure passed by {num} votes to {num2} after a debate that ran late into the night.",
	"{Officials} declined to say whether the {topic} would be extended beyond {month}.",
	"Prices rose {pct} percent in {month}, the fastest pace since {year}, official data showed.",
	"Critics say the {topic} {favours|favour} large companies, while supporters argue it will protect {groups}.",
	"In {place}, {groups} gathered outside the ministry on {weekday} to demand changes to the {topic}.",
	"The government of {country} has promised a review of the {topic} within {num} days.",
	"Analysts at {institution} said the {topic} could shave {pct} percentage points off growth next year.",
	"Shares of {company} fell {pct} percent in early trading before recovering some of their losses.",
	"{company} said it would invest {num} billion dollars over {num2} years, creating about {num3} jobs.",
	"The {topic} {has|have} become a test of the coalition's ability to hold together before the next election.",
	"Neighbouring countries are watching closely, diplomats said, because the {topic} could set a precedent for the region.",
	"A spokesperson for the ministry said the {topic} {was|were} {adj} and would be applied without exceptions.",
	"Talks on the {topic} are due to resume in {city2} on {weekday}, with a deadline at the end of {month}.",
	"Storms along the coast have already delayed shipments through {city2}, adding to pressure on the {topic}.",
	"Port operators in {city2} reported queues of more than {num} ships waiting to unload.",
	"Chip supply chains that run through {country} remain a concern for manufacturers in Europe and the United States.",
	"Farmers say the {topic} {leaves|leave} them exposed to swings in world markets they cannot control.",
	"The opposition called the {topic} {adj} and said it would challenge it in court.",
	"Economists surveyed by {source} had expected a smaller change, citing weak demand at home.",
	"Independent monitors will report on the {topic} every {num2} months, under the terms agreed.",
	"It is the {ordinal} such measure this year, after similar steps in {month} and {month2}.",
	"Residents of {place} queued for hours on {weekday}, and some shops ran short of basic goods.",
	"The central bank kept its main rate at {pct} percent and said it stood ready to act if needed.",
	"Union leaders warned that a strike could follow if the {topic} {is|are} not renegotiated by {month}.",
	"Visitors to {city2} will notice the change first at the airport and the main rail station, officials said.",
	"Lenders in {country} have tightened credit for small firms, according to a survey published on {weekday}.",
	"The agreement still needs the approval of parliament, where the ruling party lacks a majority.",
	"Delegates from {num2} countries attended the meeting in {city2}, which ended without a joint statement.",
	"Taxpayers will be able to file under the old rules until {month}, the tax authority said.",
	"Satellite images showed construction continuing at the site despite the announcement.",
	"Trade between the two countries reached {num} billion dollars last year, up {pct} percent.",
}

var officials = []string{"Officials", "Ministers", "Government officials", "Regulators", "Company executives",
	"Diplomats", "Local authorities", "Senior officials"}

var groups = []string{"farmers", "exporters", "small businesses", "port workers", "pensioners", "families",
	"chipmakers", "truck drivers", "students", "retailers", "fishing crews", "investors", "tenants"}

var timeframes = []string{"next month", "from January", "by the end of the year", "within weeks",
	"in the spring", "over the next two years", "immediately", "after the summer"}

var units = []string{"households", "companies", "workers", "farms", "ships", "flights", "patients", "schools"}

var adjectives = []string{"necessary", "temporary", "unprecedented", "long overdue", "rushed", "unfair",
	"modest", "cautious", "ambitious", "reckless", "balanced", "symbolic"}

var ordinals = []string{"second", "third", "fourth", "fifth"}

var companies = []string{"Nordbank", "Pacific Semiconductor", "Hanseatic Shipping", "Meridian Grain",
	"Atlas Steel", "Kestrel Airlines", "Sunward Solar", "Harbor & Crane Logistics", "Taikang Electronics",
	"Iberia Power", "Vostok Mining", "Zenith Motors", "Orion Telecom", "Lakeside Insurance"}

var institutions = []string{"Capital Economics", "the Kiel Institute", "Oxford Economics", "Nomura",
	"the Peterson Institute", "Fitch Ratings", "the Bruegel think tank", "Moody's", "ING", "the IMF"}

// Markdown body headings (never a reactions section's name).
var mdHeadings = []string{"Background", "What comes next", "The numbers", "Why it matters", "Timeline", "Context"}

// General tags added to a topic's own.
var extraTags = []string{"economy", "trade", "energy", "weather", "politics", "technology", "markets",
	"diplomacy", "Asia", "Europe", "Americas", "Africa", "analysis", "breaking", "Taiwan", "Ukraine"}

// Reactions section headings. Wire text writes any of them; Markdown writes
// them as headings.
var sectionHeadings = []string{"Reaction & Analysis", "Reactions", "Reactions", "Analysis",
	"What analysts say", "Commentary", "Expert Reactions"}

// notes are remarks of a reactions section that are not reactions.
var notes = []string{
	"More reactions will be added as they come in.",
	"Further reactions are expected after the vote.",
	"Some commentators declined to comment on the record.",
	"Reactions were gathered by phone and have been edited for length.",
}

// Quote templates: what commentators say.
var quoteSentences = []string{
	"This is a {adj} step, and the timing matters more than the detail.",
	"The {topic} will be judged by what happens in {month}, not by what was promised this week.",
	"Markets had priced in something like this, so the reaction should be muted.",
	"It buys time, nothing more; the hard questions about the {topic} are still open.",
	"For {groups}, the change is real and it is immediate.",
	"We have seen this pattern before, and it rarely ends well for the smaller players.",
	"The government had little choice given the pressure from {groups}.",
	"I would be surprised if this survives the first legal challenge.",
	"Nobody in {city2} believes the numbers add up yet.",
	"It is a signal to investors as much as a policy, and they will read it as such.",
	"The {topic} {shifts|shift} the balance of power in the region in a way few expected.",
	"This is the most pragmatic outcome anyone could have hoped for.",
	"What matters now is enforcement, and that has always been the weak point.",
	"The consistency is the story here, more than the announcement itself.",
}

// The commentator pool is made from these, once, the same for every seed.
var firstNames = []string{
	"James", "Sarah", "Anya", "Mark", "Helen", "Daniel", "Maria", "David", "Olga", "Thomas",
	"Elena", "Michael", "Fatima", "Kenji", "Amara", "Lucas", "Ingrid", "Rahul", "Chloé", "José",
	"Zoë", "Søren", "Łukasz", "Björn", "Ayşe", "Priya", "Tomasz", "Nadia", "Samuel", "Grace",
	"Omar", "Yuki", "Ruth", "Viktor", "Leila", "Peter", "Hannah", "Carlos", "Aisha", "Robert",
	"Mei", "Jonas", "Sofia", "Kwame", "Irina", "Patrick", "Ana", "Felix", "Noura", "William",
}

var surnames = []string{
	"Miller", "Miller", "Chen", "Chen", "Kim", "Petrova", "Nguyen", "García", "Müller",
	"Kowalski", "Okafor", "Haddad", "Silva", "Tanaka", "Ivanova", "Novak", "O'Brien", "Kovacs",
	"Schmidt", "Rossi", "Dubois", "Lindqvist", "Yılmaz", "Sharma", "Mensah", "Fischer", "Park",
	"Santos", "Hughes", "Moreau", "Nakamura", "Bauer", "Abdullah", "Costa", "Wright", "Jensen",
	"Popescu", "Levy", "Álvarez", "Kaur", "Romero", "Sato", "Walsh", "Brennan", "Molina", "Hoffmann",
	"Zhang", "Wang", "Takahashi", "Lee", "Lopez", "Millerand", "Smolensky", "Portillo", "Chipperfield",
}

// cjkNames are commentators written in their own script.
var cjkNames = []string{"王小明", "李伟", "陈静", "张丽华", "林志强", "黄美玲", "田中花子", "佐藤健",
	"山本由美", "김민준", "이서연", "박지훈"}

var honorifics = []string{"Dr.", "Dr.", "Dr.", "Prof.", "Prof.", "Professor"}

var roles = []string{
	"Senior Fellow at the Eurasian Strategy Institute", "Chief Economist, Nordbank",
	"Former Diplomat & Commentator", "Professor of Economics, University of Lagos",
	"Editor-at-Large, 'The Global Security Review'", "Partner, Smith & Wren LLP",
	"Analyst, Fitch Ratings", "Head of Research, Meridian Grain", "Director, Centre for Trade & Development",
	"Former Finance Minister", "Shipping Analyst, Lloyd's List", "Senior Economist at ING",
	"Spokesperson, Port Workers' Union", "Professor of International Relations, Keio University",
	"Energy Analyst, Rystad", "Fellow, Institute of International Relations", "Columnist, 'The Morning Ledger'",
	"Chair, Farmers' Federation", "Research Director, Taiwan Institute of Economic Research",
	"Security Analyst, Royal United Services Institute", "Chief Strategist, Harbor & Crane Logistics",
	"Former Central Bank Governor", "Legal Scholar, Sciences Po", "Trade Lawyer, Vance & Okoro",
}

var commentatorCities = []string{
	"London", "Washington D.C.", "Laurel, Md.", "Taipei", "Kyiv", "São Paulo", "Zürich", "Brussels",
	"Singapore", "Tokyo", "Seoul", "Berlin", "Paris", "Geneva", "New York", "Lagos", "Nairobi",
	"Moscow", "Shanghai", "Warsaw", "Istanbul", "Mumbai", "Sydney", "Mexico City", "Rotterdam",
}
