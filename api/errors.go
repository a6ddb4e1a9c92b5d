package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxErrorBody bounds what is read of a failed response: an error.list is
// small, and a proxy's page is not worth more.
const maxErrorBody = 64 << 10

// Error is a failed answer from the API: the HTTP status and, when the body
// is Intercom's error.list, its first code and message and the request id.
type Error struct {
	Status    int
	Code      string
	Message   string
	RequestID string
	Host      string
	// Scope is the OAuth scope a 403 says is missing (read_tickets), or
	// the one the docs list for the endpoint when it names none; empty
	// for other answers and for a plan that lacks the API.
	Scope string
}

// Error reads like "404 Not Found from api.eu.intercom.io: not_found:
// Resource Not Found (request 978c1e65-…)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(e.Status))
	if text := http.StatusText(e.Status); text != "" {
		b.WriteString(" " + text)
	}
	if e.Host != "" {
		b.WriteString(" from " + e.Host)
	}
	for _, s := range []string{e.Code, e.Message} {
		if s != "" {
			b.WriteString(": " + s)
		}
	}
	if e.RequestID != "" {
		b.WriteString(" (request " + e.RequestID + ")")
	}
	return b.String()
}

// TimeoutError is an attempt that had no complete answer within
// Client.Timeout. It is a context.DeadlineExceeded for errors.Is.
type TimeoutError struct {
	Host  string
	After time.Duration
}

// Error reads like "no answer from api.intercom.io within 20s".
func (e *TimeoutError) Error() string {
	return fmt.Sprintf("no answer from %s within %s", e.Host, e.After)
}

// Unwrap makes errors.Is(err, context.DeadlineExceeded) hold.
func (e *TimeoutError) Unwrap() error { return context.DeadlineExceeded }

// Timeout reports true, as net.Error's Timeout does.
func (e *TimeoutError) Timeout() bool { return true }

// readError makes an *Error of a non-2xx response. Every field is scrubbed
// of the token, since servers echo what they were sent.
func (c *Client) readError(resp *http.Response, host string) *Error {
	e := &Error{Status: resp.StatusCode, Host: host}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return e
	}
	var list struct {
		RequestID string `json:"request_id"`
		Errors    []struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &list); err != nil && !isTypeError(err) {
		// Never quote the page: it is noise at best and may echo the request.
		e.Message = c.clean(fmt.Sprintf("the server answered with a non-JSON body (%s)", mediaType(resp.Header)))
		return e
	}
	e.RequestID = c.clean(list.RequestID)
	if len(list.Errors) > 0 {
		e.Code = c.clean(list.Errors[0].Code)
		e.Message = c.clean(list.Errors[0].Message)
	}
	return e
}

func mediaType(h http.Header) string {
	ct := h.Get("Content-Type")
	if ct == "" {
		return "no content type"
	}
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		ct = mt
	}
	return ct
}

// scrubbedError carries a message made safe to show while keeping the cause
// for errors.Is and errors.As.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// wrap prefixes err with what was being done, minus the token.
func (c *Client) wrap(doing string, err error) error {
	return &scrubbedError{msg: printable(c.scrub(doing + ": " + err.Error())), err: err}
}

// scrubber is the Scrubber of the token.
func (c *Client) scrubber() *Scrubber { return NewScrubber(c.Token) }

// scrub replaces the token in s, however it is spelt or disguised, once
// s is sanitised: what is left is what a terminal would show.
func (c *Client) scrub(s string) string { return c.scrubber().Scrub(Sanitize(s)) }

// clean is scrub then the clean of a server's text.
func (c *Client) clean(s string) string { return clean(c.scrub(s)) }

// clean keeps text from a server short and printable: errors reach the
// terminal without passing through render's sanitiser.
func clean(s string) string {
	const limit = 300 // runes
	s = printable(s)
	if utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit]) + "…"
	}
	return s
}

// printable drops controls, which could drive the terminal, and format
// characters (BiDi overrides, zero-width ones), which could disguise text.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}

// scopeInMessage finds the scope in Intercom's "You do not have the
// required scope (read_conversations) to access this resource".
var scopeInMessage = regexp.MustCompile(`scope \(([a-z_]+)\)`)

// missingScope is the scope a 403 lacks: the one the message names, else
// documented. A plan without the API is not a scope a token could be given.
func missingScope(e *Error, documented string) string {
	if e.Status != http.StatusForbidden || e.Code == "api_plan_restricted" {
		return ""
	}
	if m := scopeInMessage.FindStringSubmatch(e.Message); m != nil {
		return m[1]
	}
	return documented
}

// ScopeName is how Intercom's Developer Hub names a scope: read_tickets is
// "Read tickets".
func ScopeName(scope string) string {
	s := strings.ReplaceAll(scope, "_", " ")
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
