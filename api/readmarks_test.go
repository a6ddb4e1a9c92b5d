//go:build unix

package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func mustGet(t *testing.T, r ReadMarks, conv string) (string, bool) {
	t.Helper()
	part, ok, err := r.Get(conv)
	if err != nil {
		t.Fatalf("Get(%q): %v", conv, err)
	}
	return part, ok
}

func TestReadMarksSetAndGet(t *testing.T) {
	r := ReadMarks{Dir: filepath.Join(t.TempDir(), "state", "convo")}
	if part, ok := mustGet(t, r, "367"); ok || part != "" {
		t.Errorf("Get before any Set: %q, %v; want none", part, ok)
	}
	for _, m := range [][2]string{{"367", "9001"}, {"12", "5"}, {"367", "9004"}} {
		if err := r.Set(m[0], m[1]); err != nil {
			t.Fatalf("Set%q: %v", m, err)
		}
	}
	if part, ok := mustGet(t, r, "367"); !ok || part != "9004" {
		t.Errorf("Get(367) = %q, %v; want the last mark, 9004", part, ok)
	}
	if part, ok := mustGet(t, r, "12"); !ok || part != "5" {
		t.Errorf("Get(12) = %q, %v; want 5", part, ok)
	}
	if part, ok := mustGet(t, r, "13"); ok {
		t.Errorf("Get(13) = %q, want none", part)
	}
}

func TestReadMarksWithoutDirKeepNothing(t *testing.T) {
	var r ReadMarks
	if err := r.Set("367", "1"); err != nil {
		t.Errorf("Set: %v", err)
	}
	if part, ok, err := r.Get("367"); ok || err != nil {
		t.Errorf("Get = %q, %v, %v; want none", part, ok, err)
	}
}

func TestReadMarksRefuseIDsThatAreNotPlain(t *testing.T) {
	r := ReadMarks{Dir: t.TempDir()}
	for _, id := range []string{"", "36 7", "367\n", "../367", "a\x1b[31m", "tok_abc=", "é", strings.Repeat("1", 65)} {
		if err := r.Set(id, "1"); err == nil {
			t.Errorf("Set(%q, 1) succeeded", id)
		}
		if err := r.Set("1", id); err == nil {
			t.Errorf("Set(1, %q) succeeded", id)
		}
		if _, _, err := r.Get(id); err == nil {
			t.Errorf("Get(%q) succeeded", id)
		}
	}
	if _, err := os.Lstat(r.Path()); !os.IsNotExist(err) {
		t.Errorf("refused ids made a file: %v", err)
	}
	if err := r.Set("Ab9", strings.Repeat("7", 64)); err != nil {
		t.Errorf("Set of plain ids: %v", err)
	}
}

func TestReadMarksFileAndFolderModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "convo")
	r := ReadMarks{Dir: dir}
	if err := r.Set("7", "8"); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, r.Path(): 0o600} {
		fi, err := os.Lstat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %o, want %o", path, fi.Mode().Perm(), want)
		}
	}
	if fi, _ := os.Lstat(r.Path()); !fi.Mode().IsRegular() {
		t.Errorf("read marks file mode %v, want a regular file", fi.Mode())
	}
}

func TestReadMarksRefuseSymlinks(t *testing.T) {
	t.Run("folder", func(t *testing.T) {
		real := t.TempDir()
		if err := os.Chmod(real, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := (ReadMarks{Dir: real}).Set("1", "10"); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(t.TempDir(), "convo")
		if err := os.Symlink(real, link); err != nil {
			t.Fatal(err)
		}
		r := ReadMarks{Dir: link}
		if part, ok, err := r.Get("1"); err == nil || ok {
			t.Errorf("Get through a symlinked folder: %q, %v, %v; want nothing and an error", part, ok, err)
		}
		if err := r.Set("2", "20"); err == nil {
			t.Error("Set through a symlinked folder succeeded")
		}
		if _, ok := mustGet(t, ReadMarks{Dir: real}, "2"); ok {
			t.Error("the folder behind the symlink was written")
		}
	})
	t.Run("file", func(t *testing.T) {
		other := ReadMarks{Dir: t.TempDir()}
		if err := other.Set("1", "10"); err != nil {
			t.Fatal(err)
		}
		r := ReadMarks{Dir: filepath.Join(t.TempDir(), "convo")}
		if err := os.Mkdir(r.Dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(other.Path(), r.Path()); err != nil {
			t.Fatal(err)
		}
		if part, ok, err := r.Get("1"); err == nil || ok {
			t.Errorf("Get of a symlinked file: %q, %v, %v; want nothing and an error", part, ok, err)
		}
		if err := r.Set("2", "20"); err == nil {
			t.Error("Set over a symlinked file succeeded")
		}
		if fi, err := os.Lstat(r.Path()); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the symlink was replaced or removed: %v %v", fi, err)
		}
		if _, ok := mustGet(t, other, "2"); ok {
			t.Error("the file behind the symlink was written")
		}
	})
}

// The cap drops the conversation marked least recently, not the one
// opened first: marking an old one again keeps it.
func TestReadMarksKeepTheMostRecentlyMarked(t *testing.T) {
	r := ReadMarks{Dir: t.TempDir()}
	full := readMarksFile{Version: readMarksVersion}
	for i := MaxReadMarks - 1; i >= 0; i-- { // newest first: 0 is the oldest
		full.Marks = append(full.Marks, readMark{Conversation: fmt.Sprint(i), Part: "1"})
	}
	body, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(r.Path(), body, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := r.Set("0", "2"); err != nil { // the oldest, marked again
		t.Fatal(err)
	}
	if err := r.Set("new", "1"); err != nil {
		t.Fatal(err)
	}
	if part, ok := mustGet(t, r, "0"); !ok || part != "2" {
		t.Errorf("conversation 0, marked again, = %q, %v; want kept, 2", part, ok)
	}
	if _, ok := mustGet(t, r, "1"); ok {
		t.Error("conversation 1, the least recently marked, is still there")
	}
	if _, ok := mustGet(t, r, "new"); !ok {
		t.Error("the newest mark is missing")
	}
	body, err = os.ReadFile(r.Path())
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(body), `"conversation"`); n != MaxReadMarks {
		t.Errorf("the file holds %d marks, want %d", n, MaxReadMarks)
	}
}

func TestReadMarksCorruptFileReadsEmptyAndIsReplaced(t *testing.T) {
	for name, body := range map[string]string{
		"not json":      `{"version":1,"marks":[`,
		"other version": `{"version":99,"marks":[{"conversation":"1","part":"2"}]}`,
		"wrong shape":   `{"version":1,"marks":{"conversation":"1"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			r := ReadMarks{Dir: t.TempDir()}
			if err := os.WriteFile(r.Path(), []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			if part, ok, err := r.Get("1"); ok || part != "" || !errors.Is(err, ErrReadMarksCorrupt) {
				t.Errorf("Get: %q, %v, %v; want nothing and ErrReadMarksCorrupt", part, ok, err)
			}
			if err := r.Set("3", "4"); !errors.Is(err, ErrReadMarksCorrupt) {
				t.Errorf("Set over a corrupt file: %v, want ErrReadMarksCorrupt said", err)
			}
			if part, ok := mustGet(t, r, "3"); !ok || part != "4" {
				t.Errorf("after Set: %q, %v; want 4", part, ok)
			}
		})
	}
}

// A file edited by hand keeps only what Set could have written.
func TestReadMarksDropMarksTheyCannotUse(t *testing.T) {
	r := ReadMarks{Dir: t.TempDir()}
	body := `{"version":1,"marks":[
		{"conversation":"1","part":"a\u001b]0;pwned\u0007b"},
		{"conversation":"2","part":"20"},
		{"conversation":"2","part":"21"},
		{"conversation":"../3","part":"30"}]}`
	if err := os.WriteFile(r.Path(), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if part, ok := mustGet(t, r, "1"); ok {
		t.Errorf("a part id with an escape sequence read as %q", part)
	}
	if part, ok := mustGet(t, r, "2"); !ok || part != "20" {
		t.Errorf("Get(2) = %q, %v; want the first, 20", part, ok)
	}
}

func TestReadMarksConcurrentWritersAllGetIn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "convo")
	const writers = 40
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := range writers {
		wg.Go(func() {
			// Each its own ReadMarks, as another convo would be.
			errs <- ReadMarks{Dir: dir}.Set(fmt.Sprint(i), fmt.Sprint(i*10))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("Set: %v", err)
		}
	}
	for i := range writers {
		if part, ok := mustGet(t, ReadMarks{Dir: dir}, fmt.Sprint(i)); !ok || part != fmt.Sprint(i*10) {
			t.Errorf("conversation %d: %q, %v after %d concurrent writers; want %d", i, part, ok, writers, i*10)
		}
	}
}

func TestReadMarksRemove(t *testing.T) {
	r := ReadMarks{Dir: t.TempDir()}
	if err := r.Remove(); err != nil {
		t.Errorf("Remove without a file: %v", err)
	}
	if err := r.Set("1", "2"); err != nil {
		t.Fatal(err)
	}
	if err := r.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(r.Path()); !os.IsNotExist(err) {
		t.Errorf("the file is still there: %v", err)
	}
}
