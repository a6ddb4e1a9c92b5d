package api_test

import (
	"html"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
	"github.com/convo-cli/convo/render/termtest"
)

// seedStrings are the hostile seeds and every string of the shared
// fixtures and the hostile fixture.
func seedStrings(f *testing.F) []string {
	paths, _ := filepath.Glob("../../shared/fixtures/intercom/*.json")
	return append(termtest.HostileSeeds, termtest.FixtureStrings(f, append(paths, "../render/testdata/hostile.json")...)...)
}

// FuzzSanitize checks the sanitiser: valid UTF-8 out, no forbidden rune
// (by termtest's own list), idempotent, still clean after one more
// entity decoding (a Markdown renderer's); SanitizeLine one stable line;
// SanitizeMarkup clean once decoded; render's ForScreen and SafeURL
// stable on what it leaves.
func FuzzSanitize(f *testing.F) {
	for _, s := range seedStrings(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := api.Sanitize(in)
		if !utf8.ValidString(got) {
			t.Fatalf("Sanitize(%q) = %q: invalid UTF-8", in, got)
		}
		if err := termtest.CheckEscapes(got); err != nil {
			t.Fatalf("Sanitize(%q) = %q: %v", in, got, err)
		}
		if strings.ContainsRune(got, 0x1b) {
			t.Fatalf("Sanitize(%q) = %q keeps an ESC", in, got)
		}
		if again := api.Sanitize(got); again != got {
			t.Fatalf("not idempotent: Sanitize(%q) = %q, then %q", in, got, again)
		}
		if err := termtest.CheckEscapes(html.UnescapeString(got)); err != nil || strings.ContainsRune(html.UnescapeString(got), 0x1b) {
			t.Fatalf("Sanitize(%q) = %q, which decodes to %q", in, got, html.UnescapeString(got))
		}
		if scr := render.ForScreen(got); !utf8.ValidString(scr) || termtest.CheckEscapes(scr) != nil || render.ForScreen(scr) != scr {
			t.Fatalf("ForScreen(%q) = %q: unclean or unstable", got, scr)
		}
		line := api.SanitizeLine(in)
		if strings.ContainsAny(line, "\n\t\x1b") || api.SanitizeLine(line) != line || termtest.CheckEscapes(line) != nil {
			t.Fatalf("SanitizeLine(%q) = %q: not one stable clean line", in, line)
		}
		markup := api.SanitizeMarkup(in)
		if once := html.UnescapeString(markup); termtest.CheckEscapes(markup) != nil || termtest.CheckEscapes(once) != nil {
			t.Fatalf("SanitizeMarkup(%q) = %q, which decodes to %q", in, markup, once)
		}
		if u := render.SafeURL(line); u != "" {
			if render.SafeURL(u) != u || !termtest.SafeTarget(u) || termtest.CheckEscapes(u) != nil || strings.ContainsAny(u, " \n\t\x1b") {
				t.Fatalf("SafeURL(%q) = %q: unstable or unsafe", line, u)
			}
		}
	})
}

// disguises are what FuzzScrub puts between the runes of the token, and
// spellings are how it writes each rune.
var (
	disguises = []string{"", "\u200b", "\u202e", "\u2066", "\u00ad", "\x01", "\x7f", "\u0085", "\n", "\t",
		"\x1b[1m", "\x1b]0;x\x07", "\u200e", "\ufeff", "&#8203;", "&shy;", "&amp;#8203;", "<b>", "</i>", "<!---->", "&#27;[0m"}
	spellings = []func(r rune) string{
		func(r rune) string { return string(r) },
		func(r rune) string { return "&#" + strconv.Itoa(int(r)) + ";" },
		func(r rune) string { return "&#x" + strings.ToUpper(strconv.FormatInt(int64(r), 16)) + ";" },
		func(r rune) string { return "&amp;#" + strconv.Itoa(int(r)) + ";" },
		func(r rune) string { return "&amp;amp;#x" + strconv.FormatInt(int64(r), 16) + ";" },
		func(r rune) string { return "%" + strings.ToUpper(strconv.FormatInt(int64(r), 16)) },
		func(r rune) string { return "&#" + strconv.Itoa(int(r)) }, // no semicolon
	}
)

// lineBreaks are the controls Sanitize keeps: a token broken by one is
// still the token.
var lineBreaks = strings.NewReplacer("\n", "", "\t", "")

// tags are what an HTML renderer drops: FuzzScrub's oracle of markup.
var tags = regexp.MustCompile(`<[A-Za-z/!?][^>]*>`)

// FuzzScrub proves that the token never survives cleaning, however it is
// disguised: ops picks, for each rune of the token, a spelling and what
// to insert after it. What a terminal (Sanitize) or an HTML renderer (tags
// dropped, then Sanitize) would show of the cleaned or scrubbed string
// must not hold the token, in any of Clean's modes.
func FuzzScrub(f *testing.F) {
	f.Add("dG9rOmFiYzEyMw==", "before ", " after", []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	f.Add("tok_live_1234567890", "", "", []byte{0x11, 0x22, 0x33, 0x44, 0x55, 0x66})
	f.Add("a+b/c=d-e_f.g", "&", ";", []byte{0xff, 0x80, 0x7f})
	f.Fuzz(func(t *testing.T, token, before, after string, ops []byte) {
		token = tokenLike(token)
		var b strings.Builder
		b.WriteString(before)
		for i, r := range []rune(token) {
			op := 0
			if len(ops) > 0 {
				op = int(ops[i%len(ops)])
			}
			b.WriteString(spellings[op%len(spellings)](r))
			b.WriteString(disguises[(op/len(spellings))%len(disguises)])
		}
		b.WriteString(after)
		in := b.String()

		var v struct {
			Line string
			Text string `clean:"text"`
			Body string `clean:"html"`
		}
		v.Line, v.Text, v.Body = in, in, in
		sc := api.NewScrubber(token)
		api.Clean(&v, sc)
		for what, shown := range map[string]string{
			"scrubbed":        api.Sanitize(sc.Scrub(in)),
			"scrubbed markup": api.Sanitize(tags.ReplaceAllString(sc.ScrubHTML(in), "")),
			"one-line field":  api.Sanitize(v.Line),
			"text field":      api.Sanitize(v.Text),
			"body":            api.Sanitize(tags.ReplaceAllString(v.Body, "")),
			"body as text":    render.PlainBody(v.Body, 200),
		} {
			if strings.Contains(lineBreaks.Replace(shown), token) {
				t.Fatalf("%s shows the token %q: %q cleaned to %q", what, token, in, shown)
			}
		}
	})
}

// tokenLike makes s a token as Intercom issues them: at least eight
// characters of the base64 alphabet.
func tokenLike(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || strings.ContainsRune("+/=_-.", r)) {
			return r
		}
		return -1
	}, s)
	if len(s) < 8 {
		s += "Zx9Qw8Er"[len(s):]
	}
	return s
}
