package main

import "testing"

func TestWebLink(t *testing.T) {
	tests := []struct {
		name, app, region, id, want string
	}{
		{"us", "abc123", "us", "12345", "https://app.intercom.com/a/inbox/abc123/inbox/conversation/12345"},
		{"no region is us", "abc123", "", "12345", "https://app.intercom.com/a/inbox/abc123/inbox/conversation/12345"},
		{"eu", "abc123", "eu", "12345", "https://app.eu.intercom.com/a/inbox/abc123/inbox/conversation/12345"},
		{"au", "abc123", "au", "12345", "https://app.au.intercom.com/a/inbox/abc123/inbox/conversation/12345"},
		{"no app_id", "", "us", "12345", ""},
		{"no id", "abc123", "us", "", ""},
		{"an id from a file is escaped", "abc123", "us", "1/../x?y", "https://app.intercom.com/a/inbox/abc123/inbox/conversation/1%2F..%2Fx%3Fy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := webLink(tt.app, tt.region, tt.id); got != tt.want {
				t.Errorf("webLink(%q, %q, %q) = %q, want %q", tt.app, tt.region, tt.id, got, tt.want)
			}
		})
	}
}
