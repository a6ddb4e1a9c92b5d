package api

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestDownloadSendsNoTokenAndFollowsTheCDNRedirect(t *testing.T) {
	var seen []http.Header
	cdn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Clone())
		_, _ = w.Write([]byte("file body"))
	}))
	defer cdn.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Clone())
		http.Redirect(w, r, cdn.URL+"/real?sig=1", http.StatusFound)
	}))
	defer front.Close()
	c := &Client{Token: "tok_secret", Version: "2.14"}
	var out bytes.Buffer
	var last [2]int64
	n, err := c.Download(context.Background(), front.URL+"/a.pdf?sig=2", &out, 1<<20, func(done, total int64) { last = [2]int64{done, total} })
	if err != nil || n != 9 || out.String() != "file body" {
		t.Fatalf("Download = %d, %v, %q; want 9 bytes of the file", n, err, out.String())
	}
	if last != [2]int64{9, 9} {
		t.Errorf("last progress = %v, want [9 9]", last)
	}
	if len(seen) != 2 {
		t.Fatalf("%d requests, want 2", len(seen))
	}
	for _, h := range seen {
		for name, vs := range h {
			if name == "Authorization" || strings.HasPrefix(name, "Intercom") || strings.Contains(strings.Join(vs, " "), "tok_secret") {
				t.Errorf("a download sent %s: %v", name, vs)
			}
		}
	}
}

func TestDownloadStopsAtTheLimit(t *testing.T) {
	big := strings.Repeat("x", 5000)
	for _, chunked := range []bool{false, true} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if chunked {
				w.Header().Set("Transfer-Encoding", "chunked")
				w.(http.Flusher).Flush()
			}
			_, _ = w.Write([]byte(big))
		}))
		var out bytes.Buffer
		_, err := (&Client{}).Download(context.Background(), srv.URL, &out, 1000, nil)
		srv.Close()
		if tl := (*TooLargeError)(nil); !errors.As(err, &tl) || tl.Limit != 1000 {
			t.Errorf("chunked %v: err = %v, want a TooLargeError at 1000", chunked, err)
		}
		if out.Len() > 1001 {
			t.Errorf("chunked %v: wrote %d bytes past a limit of 1000", chunked, out.Len())
		}
	}
}

func TestDownloadErrorsNameTheHostNotTheSignedURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "expired", http.StatusForbidden)
	}))
	defer srv.Close()
	_, err := (&Client{}).Download(context.Background(), srv.URL+"/f?signature=SIG", &bytes.Buffer{}, 1000, nil)
	if err == nil || !strings.Contains(err.Error(), "403") || strings.Contains(err.Error(), "SIG") {
		t.Errorf("err = %v, want the 403 without the signature", err)
	}
	if _, err := (&Client{}).Download(context.Background(), "file:///etc/passwd", &bytes.Buffer{}, 1000, nil); err == nil {
		t.Error("a file: URL was downloaded")
	}
}

func TestDownloadStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000")
		_, _ = w.Write([]byte("first"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	_, err := (&Client{}).Download(ctx, srv.URL, &bytes.Buffer{}, 1<<20, func(done, total int64) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
