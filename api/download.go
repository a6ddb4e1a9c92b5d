package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// maxDownloadRedirects bounds the redirects a download follows: a CDN
// sends one or two.
const maxDownloadRedirects = 5

// TooLargeError is a download refused or stopped at its limit.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("larger than the %d MB convo saves", e.Limit>>20)
}

// Download GETs a public URL (an attachment on Intercom's CDN, whose URL is
// signed) into w, at most limit bytes, and returns how many it wrote. It
// sends no token and no Intercom header, wherever the URL points: only
// the request a browser opening the link would make. It follows up to 5
// redirects, to http and https only. progress, if set, is told the bytes
// written so far and the total the server announced (-1 when it named
// none) after every chunk. Errors name the host, never the URL, whose
// query is a signature.
func (c *Client) Download(ctx context.Context, rawURL string, w io.Writer, limit int64, progress func(done, total int64)) (int64, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return 0, errors.New("not an http or https link")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return 0, errors.New("not an http or https link")
	}
	req.Header.Set("User-Agent", "convo")
	resp, err := c.downloadClient().Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, fmt.Errorf("%s did not answer: %w", u.Host, unwrapURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return 0, fmt.Errorf("%s answered %s", resp.Request.URL.Host, resp.Status)
	}
	total := resp.ContentLength
	if total > limit {
		return 0, &TooLargeError{Limit: limit}
	}
	n, err := copyProgress(w, io.LimitReader(resp.Body, limit+1), total, progress)
	switch {
	case err != nil && ctx.Err() != nil:
		return n, ctx.Err()
	case err != nil:
		return n, err
	case n > limit:
		return n, &TooLargeError{Limit: limit}
	}
	return n, nil
}

// downloadClient is c.HTTP, or a plain client, following few redirects and
// only to http and https. It never carries the token: Download sets no
// header that could.
func (c *Client) downloadClient() *http.Client {
	return c.clientWith(func(req *http.Request, via []*http.Request) error {
		if len(via) > maxDownloadRedirects {
			return errors.New("too many redirects")
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return errors.New("redirected off http")
		}
		return nil
	})
}

// unwrapURLError drops the *url.Error's method and URL, keeping why.
func unwrapURLError(err error) error {
	if ue := (*url.Error)(nil); errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// copyProgress copies r to w, telling progress after every chunk.
func copyProgress(w io.Writer, r io.Reader, total int64, progress func(done, total int64)) (int64, error) {
	buf := make([]byte, 64<<10)
	var n int64
	for {
		k, rerr := r.Read(buf)
		if k > 0 {
			if _, err := w.Write(buf[:k]); err != nil {
				return n, err
			}
			n += int64(k)
			if progress != nil {
				progress(n, total)
			}
		}
		if errors.Is(rerr, io.EOF) {
			return n, nil
		}
		if rerr != nil {
			return n, fmt.Errorf("reading: %s", strings.TrimPrefix(rerr.Error(), "read: "))
		}
	}
}
