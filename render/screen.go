package render

import (
	"strings"
	"unicode"
)

// ForScreen readies sanitised text for the screen, where three measures of
// width must agree: Lip Gloss lays text out by grapheme clusters, Bubble
// Tea's renderer counts cells rune by rune (wcwidth) unless the terminal
// says it clusters, and the terminal draws as it likes. Emoji sequences are
// where they part: a ZWJ family is 2 cells to Lip Gloss and tmux but 6 to
// wcwidth, a skin tone adds 2 cells to wcwidth only, VS16 makes a 1-cell ❤
// 2 to Lip Gloss only, and the panel's border moves. ForScreen drops those
// modifiers, variation selectors and the joiners between emoji, so that
// each emoji stands alone and every measure agrees. Printed output keeps
// them.
func ForScreen(s string) string {
	if !strings.ContainsFunc(s, emojiGlue) {
		return s
	}
	rs := []rune(strings.Map(func(r rune) rune {
		if r != '\u200d' && emojiGlue(r) {
			return -1
		}
		return r
	}, s))
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		// ZWJ stays where a script needs it (a Devanagari half form): where
		// neither nearest rune that is not a ZWJ is an emoji.
		if r == '\u200d' && (isEmoji(nextNot(rs[:i], -1)) || isEmoji(nextNot(rs[i:], 1))) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// nextNot is the nearest rune of rs that is not a ZWJ, looking forward
// (dir 1) or back from the end (dir -1); 0 when there is none.
func nextNot(rs []rune, dir int) rune {
	for k := range rs {
		if dir < 0 {
			k = len(rs) - 1 - k
		}
		if rs[k] != '\u200d' {
			return rs[k]
		}
	}
	return 0
}

// emojiGlue reports the runes that join or modify emoji: ZWJ, the
// variation selectors 15 and 16, and the skin tone modifiers.
func emojiGlue(r rune) bool {
	return r == '\u200d' || r == '\ufe0e' || r == '\ufe0f' || r >= 0x1f3fb && r <= 0x1f3ff
}

// isEmoji is a rough test for a pictograph: the symbol planes and the
// older symbols and dingbats emoji sequences build on.
func isEmoji(r rune) bool {
	return r >= 0x1f000 || r >= 0x2190 && unicode.Is(unicode.So, r)
}
