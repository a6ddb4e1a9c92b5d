package render

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Time layouts. The day of the week comes first because support people
// reason in "Tuesday afternoon", and the year only when it is not this one.
const (
	layoutDay   = "Mon 2 Jan 15:04"
	layoutYear  = "Mon 2 Jan 2006 15:04"
	layoutClock = "15:04"
	// layoutPrinted is every time in printed text and Markdown: absolute,
	// with the zone's abbreviation, or its offset ("+03", "+0530") where
	// the zone has no abbreviation.
	layoutPrinted = "2006-01-02 15:04 MST"
)

// invalidTime is what a time out of range prints as.
const invalidTime = "invalid time"

// maxUnix is 9999-12-31T00:00:00Z in Unix seconds: every moment before it
// has a four-digit year in every time zone.
const maxUnix = 253402214400

// validTime reports whether t, which is not zero, is a moment worth
// printing: from 1970 on (Intercom sends Unix times) and with a four-digit
// year in every time zone. Anything else is a corrupt value, which would
// print as the year 292277026596.
func validTime(t time.Time) bool {
	u := t.Unix()
	return u >= 0 && u < maxUnix
}

// formatPrinted formats t in loc (time.Local when nil) as "2026-11-24
// 14:02 CET", the one form of times in printed documents. The zero time
// is "".
func formatPrinted(t time.Time, loc *time.Location) string {
	switch {
	case t.IsZero():
		return ""
	case !validTime(t):
		return invalidTime
	}
	return t.In(orLocal(loc)).Format(layoutPrinted)
}

// sameDay reports whether a and b, both valid, fall on the same day in loc.
func sameDay(a, b time.Time, loc *time.Location) bool {
	if a.IsZero() || b.IsZero() || !validTime(a) || !validTime(b) {
		return false
	}
	ya, ma, da := a.In(loc).Date()
	yb, mb, db := b.In(loc).Date()
	return ya == yb && ma == mb && da == db
}

// orLocal is loc, or time.Local when loc is nil.
func orLocal(loc *time.Location) *time.Location {
	if loc == nil {
		return time.Local
	}
	return loc
}

// FormatTime formats t in loc (time.Local when nil) as "Tue 24 Nov 14:02",
// with the year added when it is not now's year. The zero time is "", a
// time out of range (see validTime) "invalid time".
func FormatTime(t time.Time, loc *time.Location, now time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case !validTime(t):
		return invalidTime
	}
	loc = orLocal(loc)
	t = t.In(loc)
	if !now.IsZero() && now.In(loc).Year() != t.Year() {
		return t.Format(layoutYear)
	}
	return t.Format(layoutDay)
}

// FormatClock formats t in loc (time.Local when nil) as "14:02"; the zero
// time is "", a time out of range "invalid time".
func FormatClock(t time.Time, loc *time.Location) string {
	switch {
	case t.IsZero():
		return ""
	case !validTime(t):
		return invalidTime
	}
	return t.In(orLocal(loc)).Format(layoutClock)
}

// FormatDuration formats a span compactly with its two largest units:
// "45s", "12m", "1h 4m", "3d 2h", "1y 12d". Negative spans are formatted as
// positive.
func FormatDuration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	s := int64(d / time.Second)
	units := []struct {
		size int64
		name string
	}{{365 * 86400, "y"}, {86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}}
	for i, u := range units {
		if s < u.size && u.size > 1 {
			continue
		}
		out := strconv.FormatInt(s/u.size, 10) + u.name
		if i+1 < len(units) {
			next := units[i+1]
			if rest := s % u.size / next.size; rest > 0 {
				out += " " + strconv.FormatInt(rest, 10) + next.name
			}
		}
		return out
	}
	return "0s"
}

// FormatRelative says how far t is from now in one or two units: "3h ago",
// "in 2d 4h", "just now" within a minute. Either time zero gives "", and so
// does either time out of range: there is no distance to tell, and
// FormatTime, which callers fall back on, says "invalid time".
func FormatRelative(t, now time.Time) string {
	if t.IsZero() || now.IsZero() || !validTime(t) || !validTime(now) {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d > -time.Minute && d < time.Minute:
		return "just now"
	case d < 0:
		return "in " + FormatDuration(roundRelative(-d))
	default:
		return FormatDuration(roundRelative(d)) + " ago"
	}
}

// roundRelative drops seconds from spans over a minute: "3h 12m ago" says
// enough, and the text stays stable while the screen is open.
func roundRelative(d time.Duration) time.Duration {
	if d >= time.Minute {
		return d.Truncate(time.Minute)
	}
	return d
}

// FormatSize formats a byte count as "512 B", "12 KB" or "3.4 MB".
func FormatSize(n int64) string {
	const k = 1024
	switch {
	case n <= 0:
		return ""
	case n < k:
		return fmt.Sprintf("%d B", n)
	case n < k*k:
		return fmt.Sprintf("%d KB", (n+k/2)/k)
	case n < k*k*k:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(k*k))) + " MB"
	default:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(k*k*k))) + " GB"
	}
}

// FormatCount writes n with a comma between thousands: "1,000,000".
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// trimZero turns "3.0" into "3".
func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// words turns an API enum such as "customer_initiated" into "customer
// initiated".
func words(s string) string {
	return strings.ReplaceAll(s, "_", " ")
}

// eventStamp is an event's time: "14:05" on the previous item's day, else
// the date too, so a run of events never hides that days went by.
func eventStamp(it Item, loc *time.Location, now time.Time) string {
	if it.Time.IsZero() {
		return ""
	}
	loc = orLocal(loc)
	if sameDay(it.Time, it.Prev, loc) {
		return FormatClock(it.Time, loc)
	}
	return FormatTime(it.Time, loc, now)
}

// oneLine puts prose (a remark, a value from event details or custom
// attributes) on one line for a row or an event line.
func oneLine(s string) string {
	if isOneLine(s) {
		return s // most are: a name, "Maya assigned the conversation to Sam"
	}
	return strings.Join(strings.Fields(s), " ")
}

// isOneLine reports whether s is already as oneLine makes it: no space but
// single ASCII spaces between words.
func isOneLine(s string) bool {
	prev := ' ' // a leading space is not one line
	for _, r := range s {
		if unicode.IsSpace(r) && (r != ' ' || prev == ' ') {
			return false
		}
		prev = r
	}
	return prev != ' ' || s == ""
}
