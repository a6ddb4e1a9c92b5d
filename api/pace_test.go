package api

import (
	"errors"
	"testing"
	"time"
)

func TestPaceNext(t *testing.T) {
	low := func() (int, int, bool) { return 50, 1000, true }
	high := func() (int, int, bool) { return 500, 1000, true }
	tests := []struct {
		name     string
		pace     Pace
		failures int
		want     time.Duration
	}{
		{"the interval", Pace{Interval: 10 * time.Second}, 0, 10 * time.Second},
		{"a budget with room", Pace{Interval: 10 * time.Second, Budget: high}, 0, 10 * time.Second},
		{"a budget under a tenth", Pace{Interval: 10 * time.Second, Budget: low}, 0, 20 * time.Second},
		{"one failure", Pace{Interval: 10 * time.Second}, 1, 20 * time.Second},
		{"three failures", Pace{Interval: 10 * time.Second}, 3, 80 * time.Second},
		{"many failures stop at two minutes", Pace{Interval: 10 * time.Second}, 30, MaxBackoff},
		{"an interval over two minutes is kept", Pace{Interval: 5 * time.Minute}, 4, 5 * time.Minute},
	}
	for _, tt := range tests {
		if got := tt.pace.Next(tt.failures); got != tt.want {
			t.Errorf("%s: Next(%d) = %s, want %s", tt.name, tt.failures, got, tt.want)
		}
	}
}

func TestRefused(t *testing.T) {
	for status, want := range map[int]bool{401: true, 403: true, 404: true, 429: false, 500: false} {
		if got := Refused(&Error{Status: status}); got != want {
			t.Errorf("Refused(%d) = %v, want %v", status, got, want)
		}
	}
	if Refused(errors.New("connection refused")) || Refused(nil) {
		t.Error("a network error or nil is refused")
	}
}
