//go:build unix

package api

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func entry(id string, opened int) HistoryEntry {
	return HistoryEntry{Kind: KindConversation, ID: id, Title: "Title " + id, Opened: time.Unix(int64(opened), 0).UTC()}
}

func ids(entries []HistoryEntry) string {
	var s []string
	for _, e := range entries {
		s = append(s, string(e.Kind[0])+e.ID)
	}
	return strings.Join(s, " ")
}

func mustLoad(t *testing.T, h History) []HistoryEntry {
	t.Helper()
	entries, err := h.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return entries
}

func TestHistoryNewestFirstOnePerKindAndID(t *testing.T) {
	h := History{Dir: filepath.Join(t.TempDir(), "state", "convo")}
	for i, e := range []HistoryEntry{
		entry("1", 1), entry("2", 2),
		{Kind: KindTicket, ID: "1", Title: "Ticket one", Opened: time.Unix(3, 0)},
		{Kind: KindConversation, ID: "1", Title: "Renamed\x1b[31m\nnow", Opened: time.Unix(4, 0)},
	} {
		if err := h.Record(e); err != nil {
			t.Fatalf("Record %d: %v", i, err)
		}
	}
	got := mustLoad(t, h)
	if ids(got) != "c1 t1 c2" {
		t.Fatalf("entries %q, want c1 t1 c2", ids(got))
	}
	if got[0].Title != "Renamed now" || !got[0].Opened.Equal(time.Unix(4, 0)) {
		t.Errorf("opened again: %+v, want the new title, made printable, and time", got[0])
	}
}

func TestHistoryKeepsTheNewest200(t *testing.T) {
	h := History{Dir: t.TempDir()}
	for i := range MaxHistory + 5 {
		if err := h.Record(entry(fmt.Sprint(i), i)); err != nil {
			t.Fatal(err)
		}
	}
	got := mustLoad(t, h)
	if len(got) != MaxHistory || got[0].ID != "204" || got[MaxHistory-1].ID != "5" {
		t.Errorf("%d entries from %s to %s, want 200 from 204 to 5", len(got), got[0].ID, got[len(got)-1].ID)
	}
}

func TestHistoryFileAndFolderModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "convo")
	h := History{Dir: dir}
	if err := h.Record(entry("7", 7)); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, h.Path(): 0o600} {
		fi, err := os.Lstat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %o, want %o", path, fi.Mode().Perm(), want)
		}
	}
	if fi, _ := os.Lstat(h.Path()); !fi.Mode().IsRegular() {
		t.Errorf("history file mode %v, want a regular file", fi.Mode())
	}
}

func TestHistoryRefusesSymlinks(t *testing.T) {
	t.Run("folder", func(t *testing.T) {
		real := t.TempDir()
		if err := os.Chmod(real, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := (History{Dir: real}).Record(entry("1", 1)); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(t.TempDir(), "convo")
		if err := os.Symlink(real, link); err != nil {
			t.Fatal(err)
		}
		h := History{Dir: link}
		if got, err := h.Load(); err == nil || len(got) != 0 {
			t.Errorf("Load through a symlinked folder: %q, %v; want nothing and an error", ids(got), err)
		}
		if err := h.Record(entry("2", 2)); err == nil {
			t.Error("Record through a symlinked folder succeeded")
		}
		if got := mustLoad(t, History{Dir: real}); ids(got) != "c1" {
			t.Errorf("the folder behind the symlink holds %q, want c1 alone", ids(got))
		}
	})
	t.Run("file", func(t *testing.T) {
		other := History{Dir: t.TempDir()}
		if err := other.Record(entry("1", 1)); err != nil {
			t.Fatal(err)
		}
		h := History{Dir: filepath.Join(t.TempDir(), "convo")}
		if err := os.Mkdir(h.Dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(other.Path(), h.Path()); err != nil {
			t.Fatal(err)
		}
		if got, err := h.Load(); err == nil || len(got) != 0 {
			t.Errorf("Load of a symlinked file: %q, %v; want nothing and an error", ids(got), err)
		}
		if err := h.Record(entry("2", 2)); err == nil {
			t.Error("Record over a symlinked file succeeded")
		}
		if fi, err := os.Lstat(h.Path()); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the symlink was replaced or removed: %v %v", fi, err)
		}
		if got := mustLoad(t, other); ids(got) != "c1" {
			t.Errorf("the file behind the symlink holds %q, want c1 alone", ids(got))
		}
	})
}

func TestHistoryCorruptFileReadsEmptyAndIsReplaced(t *testing.T) {
	for name, body := range map[string]string{
		"not json":      "{\"version\":1,\"entries\":[",
		"other version": `{"version":99,"entries":[]}`,
		"wrong shape":   `{"version":1,"entries":{"id":"1"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			h := History{Dir: t.TempDir()}
			if err := os.WriteFile(h.Path(), []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := h.Load()
			if len(got) != 0 || !errors.Is(err, ErrHistoryCorrupt) {
				t.Errorf("Load: %q, %v; want nothing and ErrHistoryCorrupt", ids(got), err)
			}
			if err := h.Record(entry("3", 3)); !errors.Is(err, ErrHistoryCorrupt) {
				t.Errorf("Record over a corrupt file: %v, want ErrHistoryCorrupt said", err)
			}
			if got := mustLoad(t, h); ids(got) != "c3" {
				t.Errorf("after Record: %q, want c3", ids(got))
			}
		})
	}
}

func TestHistoryDropsEntriesItCannotUse(t *testing.T) {
	h := History{Dir: t.TempDir()}
	body := `{"version":1,"entries":[
		{"kind":"conversation","id":"1","title":"a\u001b]0;pwned\u0007b"},
		{"kind":"bogus","id":"2"},
		{"kind":"ticket","id":""},
		{"kind":"conversation","id":"1","title":"again"}]}`
	if err := os.WriteFile(h.Path(), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	got := mustLoad(t, h)
	if ids(got) != "c1" || got[0].Title != "ab" {
		t.Errorf("entries %+v, want c1 alone, titled ab", got)
	}
}

func TestHistoryConcurrentWritersAllGetIn(t *testing.T) {
	h := History{Dir: filepath.Join(t.TempDir(), "convo")}
	const writers = 40
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := range writers {
		wg.Go(func() {
			// Each its own History, as another convo would be.
			errs <- History{Dir: h.Dir}.Record(entry(fmt.Sprint(i), i))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("Record: %v", err)
		}
	}
	if got := mustLoad(t, h); len(got) != writers {
		t.Errorf("%d entries after %d concurrent writers, want all of them: %s", len(got), writers, ids(got))
	}
}

func TestHistoryRemove(t *testing.T) {
	h := History{Dir: t.TempDir()}
	if err := h.Remove(); err != nil {
		t.Errorf("Remove without a file: %v", err)
	}
	if err := h.Record(entry("1", 1)); err != nil {
		t.Fatal(err)
	}
	if err := h.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(h.Path()); !os.IsNotExist(err) {
		t.Errorf("the file is still there: %v", err)
	}
}
