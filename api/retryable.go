package api

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"syscall"
)

// Retryable reports whether asking again may bring a different answer: a
// 429 or any 5xx, an attempt that timed out, or a network that failed on the
// way (a refused or reset connection, a DNS lookup). Everything else is
// final until something changes first (the token, the id, --api-url, the
// file): a 4xx, a redirect, a body that is not a conversation, a file that
// cannot be read. nil is not retryable: there is nothing to retry.
func Retryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var ae *Error
	var re *RedirectError
	switch {
	case errors.As(err, &ae):
		return ae.Status == http.StatusTooManyRequests || ae.Status >= 500 && ae.Status <= 599
	case errors.As(err, &re):
		return false
	case errors.Is(err, context.DeadlineExceeded): // *TimeoutError
		return true
	}
	return networkFailed(err)
}

// networkFailed reports whether err is the connection's failure rather than
// the answer's: what the network may not do next time.
func networkFailed(err error) bool {
	var dns *net.DNSError
	var op *net.OpError
	var ne net.Error
	switch {
	case errors.As(err, &dns):
		return true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return true
	case errors.As(err, &ne) && ne.Timeout():
		return true
	case errors.As(err, &op):
		// A dial, read or write that failed; a TLS alert ("remote error")
		// is the server refusing the handshake, which it will do again.
		return op.Op == "dial" || op.Op == "read" || op.Op == "write"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		// The server hung up before the answer ended.
		return true
	}
	return false
}
