package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultCacheAge is how long cached admins, teams and workspace ids are
// fresh when Cache.MaxAge is 0.
const DefaultCacheAge = 24 * time.Hour

// cacheVersion is the layout of a cache file; a file of another version is
// ignored, as if missing.
const cacheVersion = 1

// Cache keeps the workspace's admins, teams and id on disk between runs, one
// JSON file each in Dir, named by a hash of the API base URL (and of the
// configured workspace id, if any) so that regions and workspaces do not mix.
// The token names no file and is in none. Files are written whole, through a
// temporary file and a rename, with mode 0600; Dir is made 0700, and
// tightened to 0700 if it is looser, since the files hold teammates' names
// and emails. A missing, corrupt or stale file is a miss, and a failed write
// is ignored: the cache only saves requests.
type Cache struct {
	Dir    string           // empty means no cache
	MaxAge time.Duration    // 0 means DefaultCacheAge
	Now    func() time.Time // nil means time.Now
}

// cacheFile is the layout of every cache file.
type cacheFile struct {
	Version   int             `json:"version"`
	FetchedAt int64           `json:"fetched_at"` // Unix seconds
	Data      json.RawMessage `json:"data"`
}

// cacheKinds are the things a Cache keeps, by file name prefix.
const (
	cacheAdmins = "admins"
	cacheTeams  = "teams"
	cacheApp    = "app"
)

// maxCacheFile bounds what is read of a cache file.
const maxCacheFile = MaxBody

func (c *Cache) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// path is the file of kind for scope: "admins-3f2a9c1b7d4e5f60.json".
func (c *Cache) path(kind, scope string) string {
	sum := sha256.Sum256([]byte(scope))
	return filepath.Join(c.Dir, kind+"-"+hex.EncodeToString(sum[:8])+".json")
}

// load reads the entry of kind for scope into v. ok is false when there is
// no usable entry; fresh is whether it is younger than MaxAge (an entry from
// the future, after the clock went back, is not).
func (c *Cache) load(kind, scope string, v any) (ok, fresh bool) {
	if c == nil || c.Dir == "" {
		return false, false
	}
	f, err := os.Open(c.path(kind, scope))
	if err != nil {
		return false, false
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, maxCacheFile+1))
	if err != nil || len(body) > maxCacheFile {
		return false, false
	}
	var file cacheFile
	if json.Unmarshal(body, &file) != nil || file.Version != cacheVersion || len(file.Data) == 0 || file.FetchedAt <= 0 {
		return false, false
	}
	if json.Unmarshal(file.Data, v) != nil {
		return false, false
	}
	maxAge := c.MaxAge
	if maxAge <= 0 {
		maxAge = DefaultCacheAge
	}
	age := c.now().Sub(time.Unix(file.FetchedAt, 0))
	return true, age >= 0 && age < maxAge
}

// store writes v as the entry of kind for scope, fetched now.
func (c *Cache) store(kind, scope string, v any) error {
	if c == nil || c.Dir == "" {
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	body, err := json.Marshal(cacheFile{Version: cacheVersion, FetchedAt: c.now().Unix(), Data: data})
	if err != nil {
		return err
	}
	if err := c.ensureDir(); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(c.Dir, "."+kind+"-*.tmp") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	if _, err := tmp.Write(body); err != nil {
		tmp.Close()
		return err
	}
	// No fsync: a file torn by a crash reads as corrupt, which is a miss.
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.path(kind, scope))
}

// ensureDir makes Dir, or tightens it, to mode 0700.
func (c *Cache) ensureDir() error {
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return err
	}
	fi, err := os.Stat(c.Dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("cache %s is not a directory", c.Dir)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(c.Dir, 0o700); err != nil {
			return fmt.Errorf("tightening the cache folder to 0700: %w", err)
		}
	}
	return nil
}

// cacheScope is what names a client's cache files: its base URL without
// user info, query or token, and the configured workspace id. Without a
// workspace id, workspaces in one region share a scope; Directory guards
// against that by checking that the cache knows the conversation's people.
func (c *Client) cacheScope(appID string) (string, error) {
	base := c.BaseURL
	if base == "" {
		base = BaseUS
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return "", errors.New("the API base URL must be an absolute http or https URL")
	}
	scope := strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + strings.TrimRight(u.EscapedPath(), "/")
	return c.scrub(scope) + "\n" + appID, nil
}
