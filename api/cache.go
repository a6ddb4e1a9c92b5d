package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
// tightened to 0700 if others may read it, since the files hold teammates'
// names and emails.
//
// A cache is believed only if nobody else could have written it: the
// workspace id in it makes the web link. So Dir must be a folder, not a
// symlink, owned by the user and writable by nobody else, and a file must
// be a regular file, not a symlink, owned by the user, of mode 0600 or
// tighter, and at most 8 MiB. A cache that fails this is neither read nor
// written. A missing, refused, corrupt or stale file is a miss, and a
// failed write is ignored: the cache only saves requests.
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

// maxCacheFile bounds what is read of a cache file: the admins of a
// workspace of thousands fit in a few MiB.
const maxCacheFile = 8 << 20

// errCacheRefused is a cache folder or file that someone else could have
// written.
var errCacheRefused = errors.New("the cache could have been written by someone else")

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
	if c.checkDir() != nil {
		return false, false
	}
	body, err := c.read(c.path(kind, scope))
	if err != nil {
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

// store writes v as the entry of kind for scope, fetched now, with the
// secret sc knows scrubbed from it: the last step before the disk.
func (c *Cache) store(kind, scope string, v any, sc *Scrubber) error {
	if c == nil || c.Dir == "" {
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	data = []byte(sc.Scrub(string(data)))
	body, err := json.Marshal(cacheFile{Version: cacheVersion, FetchedAt: c.now().Unix(), Data: data})
	if err != nil {
		return err
	}
	if err := c.ensureDir(); err != nil {
		return err
	}
	return c.replace(c.path(kind, scope), kind, body)
}

// replace writes body as the file at path in Dir, whole: through a
// temporary file of mode 0600 and a rename, so that a reader finds the old
// file or the new one, never a mix. A symlink at path is replaced, not
// followed.
func (c *Cache) replace(path, prefix string, body []byte) error {
	tmp, err := os.CreateTemp(c.Dir, "."+prefix+"-*.tmp") // mode 0600
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
	return os.Rename(tmp.Name(), path)
}

// read reads a cache file, if it is one to believe. The file is opened
// without following a symlink and without blocking (a FIFO would block
// open until a writer came), then checked as opened.
func (c *Cache) read(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || !ownedByUser(fi) || fi.Mode().Perm()&0o077 != 0 || fi.Size() > maxCacheFile {
		return nil, errCacheRefused
	}
	body, err := io.ReadAll(io.LimitReader(f, maxCacheFile+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxCacheFile {
		return nil, errCacheRefused // it grew since the Stat
	}
	return body, nil
}

// ensureDir makes Dir if it is missing, its parents too, then checks it.
// Dir itself is made here, 0700, so that it is ours; a folder found in its
// place is checked the same.
func (c *Cache) ensureDir() error {
	dir := filepath.Clean(c.Dir)
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return c.checkDir()
}

// checkDir refuses Dir unless it is a folder, not a symlink, owned by the
// user and writable by nobody else; it tightens a folder that others may
// read to 0700. The folder is opened without following a symlink, and
// checked and tightened as opened, so that it cannot be swapped between
// the check and the chmod. Dir is cleaned first: a trailing slash would
// make open follow a symlink.
func (c *Cache) checkDir() error {
	f, err := os.OpenFile(filepath.Clean(c.Dir), os.O_RDONLY|openFlags, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	perm := fi.Mode().Perm()
	switch {
	case !fi.IsDir():
		return fmt.Errorf("cache %s is not a directory", c.Dir)
	case !ownedByUser(fi) || perm&0o022 != 0:
		return errCacheRefused
	case perm&0o077 != 0:
		if err := f.Chmod(0o700); err != nil {
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
