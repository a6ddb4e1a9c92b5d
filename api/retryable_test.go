package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"syscall"
	"testing"
	"time"
)

func TestRetryable(t *testing.T) {
	status := func(code int) error { return &Error{Status: code, Host: "api.intercom.io"} }
	// worded is how main hands an error on: advice in front, the cause under it.
	worded := func(err error) error { return fmt.Errorf("what to do about it: %w", err) }
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"429 rate limited", status(429), true},
		{"500", status(500), true},
		{"502", status(502), true},
		{"503", status(503), true},
		{"504", status(504), true},
		{"other 5xx", status(522), true},
		{"503 worded by main", worded(status(503)), true},
		{"attempt timed out", &TimeoutError{Host: "api.intercom.io", After: 20 * time.Second}, true},
		{"timeout worded by main", worded(&TimeoutError{Host: "api.intercom.io", After: time.Second}), true},
		{"deadline", context.DeadlineExceeded, true},
		{"connection refused", &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, true},
		{"connection reset", &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, true},
		{"no such host", &net.DNSError{Err: "no such host", Name: "api.example.invalid", IsNotFound: true}, true},
		{"DNS timeout", &net.DNSError{Err: "i/o timeout", Name: "api.intercom.io", IsTimeout: true}, true},
		{"hung up mid-answer", fmt.Errorf("reading the response: %w", io.ErrUnexpectedEOF), true},

		{"400", status(400), false},
		{"401", status(401), false},
		{"403", status(403), false},
		{"404", status(404), false},
		{"404 worded by main", worded(status(404)), false},
		{"409", status(409), false},
		{"422", status(422), false},
		{"304 without a Location", status(304), false},
		{"redirect refused", &RedirectError{Status: 307, Host: "api.intercom.io", URL: "https://api.eu.intercom.io/"}, false},
		{"malformed JSON", fmt.Errorf("malformed JSON: %w", json.Unmarshal([]byte("<html>"), new(any))), false},
		{"not a conversation", errors.New("not a conversation: its type is \"ticket\""), false},
		{"too large", ErrTooLarge, false},
		{"token_command failed", errors.New("token_command: exit status 1"), false},
		{"no such file", fmt.Errorf("conversation.json: %w", &fs.PathError{Op: "open", Path: "conversation.json", Err: fs.ErrNotExist}), false},
		{"TLS alert", &net.OpError{Op: "remote error", Err: errors.New("tls: handshake failure")}, false},
		{"cancelled", context.Canceled, false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Retryable(tt.err); got != tt.want {
				t.Errorf("Retryable(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}
