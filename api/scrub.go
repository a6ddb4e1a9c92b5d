package api

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Redacted is what a Scrubber writes in place of the secret.
const Redacted = "[token]"

// minSecret is the shortest secret a Scrubber looks for: a shorter one
// cannot be told from ordinary text.
const minSecret = 4

// Scrubber replaces a secret (the access token) wherever it appears in a
// string, however it is disguised: spelt with HTML entities, nested ones
// too ("&#116;", "&amp;#116;"), or percent-encoded, or broken up by format
// characters (a zero-width space, a BiDi mark), controls or whole escape
// sequences. It compares the text a terminal or a browser would end up
// showing, and replaces the whole stretch of the original that spells the
// secret with Redacted. A secret cut short by an ellipsis, as clipped
// messages are, goes too when at least minSecret of its first runes are
// left. The nil Scrubber changes nothing.
type Scrubber struct {
	secret []rune
	fail   []int // KMP failure function of secret
	first  string
}

// NewScrubber returns the Scrubber of secret, or nil when secret is too
// short to look for.
func NewScrubber(secret string) *Scrubber {
	r := []rune(secret)
	if len(r) < minSecret {
		return nil
	}
	fail := make([]int, len(r))
	for i, k := 1, 0; i < len(r); i++ {
		for k > 0 && r[i] != r[k] {
			k = fail[k-1]
		}
		if r[i] == r[k] {
			k++
		}
		fail[i] = k
	}
	return &Scrubber{secret: r, fail: fail, first: secret}
}

// Scrub returns s with every spelling of the secret replaced by Redacted.
// s itself comes back, without allocating, when it holds none.
func (sc *Scrubber) Scrub(s string) string { return sc.scrub(s, false) }

// ScrubHTML is Scrub for HTML, which also reads past tags, as "tok<b>en"
// shows the secret whole, and into them, as a link's target may hold it.
func (sc *Scrubber) ScrubHTML(s string) string { return sc.scrub(sc.scrub(s, true), false) }

func (sc *Scrubber) scrub(s string, markup bool) string {
	if sc == nil || s == "" {
		return s
	}
	if plain(s) && (!markup || !strings.Contains(s, "<")) {
		// Nothing can disguise the secret here, nor clip it with "…".
		return strings.ReplaceAll(s, sc.first, Redacted)
	}
	out := sc.replace(s, markup)
	if strings.IndexByte(out, '&') < 0 {
		return out // find reads it exactly as Sanitize would leave it
	}
	// Entities can combine with what is around them in ways find does not
	// follow ("&&#8203;#116;" is "&#116;" once the ZWSP goes, and so "t"):
	// check the text as Sanitize leaves it, and should the secret be there,
	// give that text instead, scrubbed (escaped, for markup).
	shown := out
	if markup {
		shown = stripTags(shown)
	}
	shown = Sanitize(shown)
	if len(sc.find(shown, false)) == 0 {
		return out
	}
	if shown = sc.replace(shown, false); markup {
		shown = html.EscapeString(shown)
	}
	return shown
}

// replace replaces what find finds.
func (sc *Scrubber) replace(s string, markup bool) string {
	spans := sc.find(s, markup)
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	at := 0
	for _, sp := range spans {
		b.WriteString(s[at:sp[0]])
		b.WriteString(Redacted)
		at = sp[1]
	}
	b.WriteString(s[at:])
	return b.String()
}

// stripTags drops the tags of HTML, as find skips them.
func stripTags(s string) string {
	rd := reader{s: s, markup: true, gt: -1}
	var b strings.Builder
	for i := 0; i < len(s); {
		end, ok := rd.tag(i)
		if !ok {
			_, size := utf8.DecodeRuneInString(s[i:])
			end = i + size
			b.WriteString(s[i:end])
		}
		i = end
	}
	return b.String()
}

// plain reports whether s is printable ASCII without "&" or "%", which is
// to say the secret can only appear in it as itself.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '&' || c == '%' {
			return false
		}
	}
	return true
}

// find returns the byte ranges of s that spell the secret, in order and
// without overlaps. A percent escape has two readings: what it encodes,
// as a URL's reader takes it, and its characters as they stand, as the
// screen shows them ("%20" hides the "0" a secret may start with). find
// reads s both ways and takes what either finds.
func (sc *Scrubber) find(s string, markup bool) [][2]int {
	spans := append(sc.read(s, markup, true), sc.read(s, markup, false)...)
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	return merge(spans)
}

// read is find for one reading of percent escapes: decoded, or not. It
// reads s as the runes it shows (see shown), and matches them against the
// secret with Knuth-Morris-Pratt, so the work is linear in len(s) and the
// memory in the secret's length.
func (sc *Scrubber) read(s string, markup, percent bool) [][2]int {
	m := len(sc.secret)
	starts := make([]int, m) // the byte where each of the last m shown runes began
	var spans [][2]int
	q, n := 0, 0 // runes of the secret matched; runes shown so far
	rd := reader{s: s, markup: markup, percent: percent, gt: -1}
	next := starter{s: s, first: sc.first[0], amp: -1, pct: -1, lit: -1}
	for i := 0; i < len(s); {
		if q == 0 {
			// Nothing matched: skip to where a match could start, at the
			// speed of IndexByte. Most text is skipped whole.
			if i = next.at(i); i < 0 {
				break
			}
		}
		r, end, ok := rd.shown(i)
		if !ok {
			i = end
			continue
		}
		if r == '…' && q >= minSecret && q < m {
			spans = append(spans, [2]int{starts[(n-q)%m], i})
			q = 0
		}
		for q > 0 && sc.secret[q] != r {
			q = sc.fail[q-1]
		}
		if sc.secret[q] == r {
			q++
		}
		starts[n%m] = i
		n++
		if q == m {
			spans = append(spans, [2]int{starts[(n-m)%m], end})
			q = 0
		}
		i = end
	}
	return spans
}

// starter finds where the secret could start in s: its first byte as it
// stands, or an "&" or "%" that could spell it. It remembers the next of
// each, so that all its scans together read s once.
type starter struct {
	s             string
	first         byte
	lit, amp, pct int // the next of each at or after the last look; -1 unknown, len(s) none
}

// at returns the first place at or after i where the secret could start,
// or -1.
func (st *starter) at(i int) int {
	j := min(st.next(&st.lit, i, st.first), st.next(&st.amp, i, '&'), st.next(&st.pct, i, '%'))
	if j == len(st.s) {
		return -1
	}
	return j
}

func (st *starter) next(at *int, i int, c byte) int {
	if *at < i {
		*at = len(st.s)
		if j := strings.IndexByte(st.s[i:], c); j >= 0 {
			*at = i + j
		}
	}
	return *at
}

// merge joins overlapping or touching spans, which find can make when a
// clipped secret runs into a whole one.
func merge(spans [][2]int) [][2]int {
	out := spans[:0]
	for _, sp := range spans {
		if k := len(out) - 1; k >= 0 && sp[0] <= out[k][1] {
			out[k][1] = max(out[k][1], sp[1])
			continue
		}
		out = append(out, sp)
	}
	return out
}

// reader reads the runes a string shows.
type reader struct {
	s       string
	markup  bool // s is HTML: tags show nothing
	percent bool // a percent escape reads as the byte it encodes
	gt      int  // the first ">" at or after the last look, or len(s) for none
}

// shown reads the rune that s shows at byte i, and where it ends: a
// character reference or a percent-encoded byte is decoded, nested ones
// too; an escape sequence, a control or a format character shows nothing
// (ok false), and nor does a tag in markup.
func (rd *reader) shown(i int) (r rune, end int, ok bool) {
	s := rd.s
	c := s[i]
	switch {
	case rd.markup && c == '<':
		if end, ok := rd.tag(i); ok {
			return 0, end, false
		}
	case c == 0x1b:
		return 0, i + escapeLen(s[i:]), false
	case c == '&':
		if r, end, ok := entityAt(s, i+1, 0); ok {
			return r, end, visible(r)
		}
	case rd.percent && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
		if b := unhex(s[i+1])<<4 | unhex(s[i+2]); b >= 0x20 && b < 0x7f {
			return rune(b), i + 3, true
		}
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r >= 0x80 && r <= 0x9f {
		return 0, i + escapeLen(s[i:]), false
	}
	return r, i + size, visible(r)
}

// tag reports whether a tag starts at byte i of markup, and where it ends.
// It looks only forward from the last ">" found: linear in len(s) however
// many "<" there are.
func (rd *reader) tag(i int) (end int, ok bool) {
	s := rd.s
	if !rd.markup || s[i] != '<' || i+1 >= len(s) || !(isAlnum(s[i+1]) || strings.IndexByte("/!?", s[i+1]) >= 0) {
		return 0, false
	}
	if rd.gt < i {
		rd.gt = len(s)
		if j := strings.IndexByte(s[i:], '>'); j >= 0 {
			rd.gt = i + j
		}
	}
	if rd.gt == len(s) {
		return 0, false
	}
	return rd.gt + 1, true
}

// visible reports whether r shows as a character: not a control, a line
// or paragraph separator, or a format character.
func visible(r rune) bool {
	return !unicode.IsControl(r) && r != '\u2028' && r != '\u2029' && !unicode.Is(unicode.Cf, r)
}

// maxEntityLen bounds the name or number of a character reference.
const maxEntityLen = 32

// entityAt decodes the character reference whose "&" comes just before
// s[i]: a number ("#116;", "#x74;") or a name ("amp;"). A reference that
// decodes to "&" may start another with the text after it ("&amp;#116;"),
// which is decoded in turn, up to maxDecodePasses levels deep.
func entityAt(s string, i, depth int) (r rune, end int, ok bool) {
	j := i
	if j < len(s) && s[j] == '#' {
		j++
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			j++
		}
	}
	for j < len(s) && j-i < maxEntityLen && isAlnum(s[j]) {
		j++
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	ref := s[i:j]
	decoded := html.UnescapeString("&" + ref)
	if decoded == "&"+ref {
		return 0, 0, false
	}
	// A name without its ";" may decode to a shorter name plus text
	// ("&ampx" is "&x"): keep only the rune and give the rest back.
	r, size := utf8.DecodeRuneInString(decoded)
	end = j - (len(decoded) - size)
	if rest := decoded[size:]; rest != "" && !strings.HasSuffix(s[i:j], rest) {
		return 0, 0, false
	}
	if r == '&' && depth < maxDecodePasses {
		if r2, end2, ok := entityAt(s, end, depth+1); ok {
			return r2, end2, true
		}
	}
	return r, end, true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
