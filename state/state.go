package state

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/article"
)

// Store keeps every user's reading state. Each method that changes
// something is one transaction: when it returns nil the change is
// committed (for a file store: in the file, where the process being
// killed cannot undo it); when it returns an error nothing of it was
// applied. Methods are safe for
// concurrent use, also by several processes sharing one file.
type Store interface {
	// Load returns everything remembered for user, and notes that the user
	// was seen now (so they are not dropped as idle). A user never seen
	// gets an empty State.
	Load(ctx context.Context, user string) (*State, error)
	// MarkRead marks the articles read.
	MarkRead(ctx context.Context, user string, ids ...article.ID) error
	// MarkUnread marks the articles unread.
	MarkUnread(ctx context.Context, user string, ids ...article.ID) error
	// SetBookmark adds (on) or removes the bookmark of an article.
	SetBookmark(ctx context.Context, user string, id article.ID, on bool) error
	// SetSeen records keys as the reactions of id the user has now seen,
	// replacing what was recorded before (so the set never outgrows the
	// article's reactions). Keys beyond MaxSeenKeys are not recorded.
	SetSeen(ctx context.Context, user string, id article.ID, keys []ReactionKey) error
	// SetPosition records where the user is: the article under the cursor
	// or open in the reader, and the reader's scroll position. It is a
	// write like the others: send it when the position settles (the
	// reader closes, scrolling pauses), not on every line scrolled.
	SetPosition(ctx context.Context, user string, p Position) error
	// SetListView records the list's sort and view.
	SetListView(ctx context.Context, user string, v ListView) error
	// Close releases the store. Changes already returned are kept.
	Close() error
}

// State is one user's remembered state, as Load returns it. It belongs to
// the caller, who may change it to mirror the writes it sends to the Store.
type State struct {
	// Marks holds every article the user has any mark on. An article
	// absent from it is unread, not bookmarked, with no reaction seen.
	Marks map[article.ID]Mark
	// Position is where the user was; the zero Position when unknown.
	Position Position
	// ListView is the list's sort and view; empty strings when unknown.
	ListView ListView
}

// Read reports whether the article is marked read.
func (s *State) Read(id article.ID) bool { return s.Marks[id].Read }

// Bookmarked reports whether the article is bookmarked.
func (s *State) Bookmarked(id article.ID) bool { return s.Marks[id].Bookmarked }

// Seen is the set of reactions of the article the user has seen.
func (s *State) Seen(id article.ID) Seen { return s.Marks[id].Seen }

// Mark is what is remembered about one article for one user.
type Mark struct {
	// Read is set by MarkRead, cleared by MarkUnread.
	Read bool
	// Bookmarked is set and cleared by SetBookmark.
	Bookmarked bool
	// Seen holds the reactions already seen, as SetSeen last recorded.
	Seen Seen
}

// Position is where a user was: the article under the list's cursor (or
// open in the reader, when Open), and the reader's scroll position in
// whatever unit the UI scrolls by.
type Position struct {
	// Article is the article; "" when none.
	Article article.ID
	// Open is whether the reader was showing it.
	Open bool
	// Scroll is the reader's scroll position.
	Scroll int
}

// ListView is the list's sort and view (all, unread, bookmarked …), as
// short names the UI chooses; the store keeps them as given.
type ListView struct {
	// Sort is the list's order.
	Sort string
	// View is which articles the list shows.
	View string
}

// ReactionKey identifies one reaction as seen by a reader: the
// commentator's name and a hash of the quote (HashQuote), so an edited
// quote is a new reaction while a moved one is not.
type ReactionKey struct {
	// Name is the commentator's name as the article gives it.
	Name string
	// Quote is HashQuote of the quote's text.
	Quote uint64
}

// NewReactionKey is the key of the reaction by name quoting quote.
func NewReactionKey(name, quote string) ReactionKey {
	return ReactionKey{Name: name, Quote: HashQuote(quote)}
}

// HashQuote is the hash a ReactionKey keeps of a quote: article.QuoteHash,
// the one rule, which the library's summaries carry for every reaction.
func HashQuote(quote string) uint64 { return article.QuoteHash(quote) }

// FNV-1a, written out rather than through hash/fnv so that hashing a name
// read from the database as bytes needs no string or hasher allocation.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv1a[T string | []byte](h uint64, s T) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// digest is the one number a ReactionKey is remembered by in memory: name
// and quote hash together. A digest in place of the key keeps a loaded
// State small (8 bytes a reaction, no name strings) at 100,000 articles.
func digest[T string | []byte](name T, quote uint64) uint64 {
	h := fnv1a(fnvOffset, name)
	h ^= 0xff // a byte no UTF-8 name holds ends the name
	h *= fnvPrime
	var q [8]byte
	binary.LittleEndian.PutUint64(q[:], quote)
	return fnv1a(h, q[:])
}

// Seen is a set of seen reactions. The zero Seen is empty.
type Seen struct {
	// digests is sorted and without duplicates.
	digests []uint64
}

// NewSeen is the set of keys as the store keeps it (see SetSeen): for a
// caller mirroring a SetSeen in the State it holds.
func NewSeen(keys ...ReactionKey) Seen {
	keys = keptKeys(keys)
	d := make([]uint64, len(keys))
	for i, k := range keys {
		d[i] = digest(k.Name, k.Quote)
	}
	slices.Sort(d)
	return Seen{digests: d}
}

// Has reports whether the reaction k has been seen.
func (s Seen) Has(k ReactionKey) bool {
	_, ok := slices.BinarySearch(s.digests, digest(clipName(k.Name), k.Quote))
	return ok
}

// CountNew is how many of keys (an article's reactions now) are not in
// the set: the K of "N reactions · K new".
func (s Seen) CountNew(keys []ReactionKey) int {
	n := 0
	for _, k := range keys {
		if !s.Has(k) {
			n++
		}
	}
	return n
}

// Len is the number of reactions in the set.
func (s Seen) Len() int { return len(s.digests) }

// Bounds on what one call may store, so no input can make a row grow
// without limit. Longer names are clipped; longer IDs, users and list
// names are refused with ErrInvalid.
const (
	// MaxUserLen is the longest user name, in bytes.
	MaxUserLen = 512
	// MaxIDLen is the longest article ID, in bytes (a path of PATH_MAX
	// plus "#N").
	MaxIDLen = 8192
	// MaxListNameLen is the longest sort or view name, in bytes.
	MaxListNameLen = 64
	// MaxSeenKeys is the most reactions remembered as seen per article;
	// keys beyond it are not recorded (their reactions stay "new").
	MaxSeenKeys = 1024
	// MaxNameLen is the longest commentator name kept in a ReactionKey, in
	// bytes; a longer one is clipped at a character boundary, the same way
	// when it is stored and when it is looked up.
	MaxNameLen = 255
)

// Defaults of Limits.
const (
	// DefaultMaxMarks is the default of Limits.MaxMarks.
	DefaultMaxMarks = 10_000
	// DefaultMaxIdle is the default of Limits.MaxIdle.
	DefaultMaxIdle = 90 * 24 * time.Hour
	// DefaultMaxUsers is the default of Limits.MaxUsers. With
	// MaxMarks it bounds the file however many keys a public server
	// sees: at most 10⁸ marks (≈ 200 bytes each with four reactions
	// seen), which MaxIdle then thins out.
	DefaultMaxUsers = 10_000
)

// Limits bound what throwaway identities can make the store hold. A zero
// field means its default; a negative one, no limit.
type Limits struct {
	// MaxMarks is the most articles one user keeps marks on. A write
	// that goes over it drops the user's marks changed longest ago,
	// bookmarks last.
	MaxMarks int
	// MaxIdle drops a user not seen (no Load, no write) for this long.
	MaxIdle time.Duration
	// MaxUsers is the most users kept; a new user over it drops the
	// users seen longest ago.
	MaxUsers int
}

// resolved is l with defaults filled in and "no limit" as 0.
func (l Limits) resolved() Limits {
	pick := func(v, def int) int {
		switch {
		case v == 0:
			return def
		case v < 0:
			return 0
		}
		return v
	}
	r := Limits{MaxMarks: pick(l.MaxMarks, DefaultMaxMarks), MaxUsers: pick(l.MaxUsers, DefaultMaxUsers)}
	switch {
	case l.MaxIdle == 0:
		r.MaxIdle = DefaultMaxIdle
	case l.MaxIdle > 0:
		r.MaxIdle = l.MaxIdle
	}
	return r
}

// Options configure a store.
type Options struct {
	Limits Limits
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// ErrInvalid is returned (wrapped) for a user, ID or list name that is
// empty where it must not be, too long, or not UTF-8.
var ErrInvalid = errors.New("invalid")

func checkUser(user string) error {
	switch {
	case user == "":
		return fmt.Errorf("user: %w: empty", ErrInvalid)
	case len(user) > MaxUserLen:
		return fmt.Errorf("user: %w: %d bytes, limit %d", ErrInvalid, len(user), MaxUserLen)
	}
	return nil
}

func checkID(id article.ID) error {
	switch {
	case id == "":
		return fmt.Errorf("article ID: %w: empty", ErrInvalid)
	case len(id) > MaxIDLen:
		return fmt.Errorf("article ID: %w: %d bytes, limit %d", ErrInvalid, len(id), MaxIDLen)
	}
	return nil
}

func checkListName(what, s string) error {
	switch {
	case len(s) > MaxListNameLen:
		return fmt.Errorf("%s: %w: %d bytes, limit %d", what, ErrInvalid, len(s), MaxListNameLen)
	case !utf8.ValidString(s):
		return fmt.Errorf("%s: %w: not UTF-8", what, ErrInvalid)
	}
	return nil
}

// clipName cuts a name to MaxNameLen bytes at a character boundary.
func clipName(name string) string {
	if len(name) <= MaxNameLen {
		return name
	}
	cut := MaxNameLen
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut]
}

// keptKeys is what the store keeps of keys: each name clipped, each key
// once, the first MaxSeenKeys of them.
func keptKeys(keys []ReactionKey) []ReactionKey {
	kept := make([]ReactionKey, 0, min(len(keys), MaxSeenKeys))
	have := make(map[ReactionKey]bool, cap(kept))
	for _, k := range keys {
		k.Name = clipName(k.Name)
		if have[k] {
			continue
		}
		if len(kept) == MaxSeenKeys {
			break
		}
		have[k] = true
		kept = append(kept, k)
	}
	return kept
}

// encodeSeen is the column form of keys as kept (keptKeys): for each, the
// name's length (one byte), the name, and the quote hash (8 bytes,
// little-endian). Nil for no key.
func encodeSeen(keys []ReactionKey) []byte {
	var b []byte
	for _, k := range keptKeys(keys) {
		b = append(b, byte(len(k.Name)))
		b = append(b, k.Name...)
		b = binary.LittleEndian.AppendUint64(b, k.Quote)
	}
	return b
}

// appendDigests appends the digest of every key in a column encoded by
// encodeSeen to dst, sorted and without duplicates among the appended; on
// an error, none.
func appendDigests(dst []uint64, b []byte) ([]uint64, error) {
	start := len(dst)
	for len(b) > 0 {
		n := int(b[0])
		if len(b) < 1+n+8 {
			return dst[:start], errors.New("seen reactions: truncated entry")
		}
		name := b[1 : 1+n]
		dst = append(dst, digest(name, binary.LittleEndian.Uint64(b[1+n:])))
		b = b[1+n+8:]
	}
	slices.Sort(dst[start:])
	return dst[:start+len(slices.Compact(dst[start:]))], nil
}
