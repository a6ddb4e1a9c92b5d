package api_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
)

// TestDecodeAMillionParts decodes a response of a million small parts,
// which a file or a hostile server may send: it keeps the newest
// api.MaxParts, and never holds the others decoded. It counts bytes
// allocated, not time: decoding all of them allocates hundreds of MB.
func TestDecodeAMillionParts(t *testing.T) {
	n := 1_000_000
	if raceEnabled { // ten times slower: a fifth of them is as telling
		n = 200_000
	}
	body := termtest.ManyPartsJSON(n)
	if len(body) > api.MaxBody {
		t.Fatalf("the response is %d bytes, over api.MaxBody", len(body))
	}
	var before, after, kept runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c, err := api.DecodeBytes(body)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&kept)
	t.Logf("decoding %d parts allocated %d KB; the conversation holds %d KB",
		n, (after.TotalAlloc-before.TotalAlloc)>>10, (int64(kept.HeapAlloc)-int64(before.HeapAlloc))>>10)
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 64<<20 {
		t.Errorf("decoding allocated %d MB, want at most 64: only the parts kept may be decoded", allocated>>20)
	}
	if held := int64(kept.HeapAlloc) - int64(before.HeapAlloc); held > 32<<20 {
		t.Errorf("the conversation holds %d MB, want at most 32", held>>20)
	}
	parts := c.ConversationParts.Parts
	first, last := api.ID(fmt.Sprint(n-api.MaxParts+1)), api.ID(fmt.Sprint(n))
	if len(parts) != api.MaxParts || parts[0].ID != first || parts[len(parts)-1].ID != last {
		t.Fatalf("kept %d parts, want the newest %d, %s to %s", len(parts), api.MaxParts, first, last)
	}
	if c.PartsReceived() != n || c.PartsTotal() != n || !c.Truncated() {
		t.Errorf("received %d of %d, truncated %v; want %d of %d, truncated", c.PartsReceived(), c.PartsTotal(), c.Truncated(), n, n)
	}
	runtime.KeepAlive(c)
	runtime.KeepAlive(body) // not counted as freed
}

// TestDecodeReadsAFileIntoOneBuffer: a big file is read into a buffer of
// its size, not one that grows by copies, which would hold twice the body
// at the peak. The file is a field convo skips, so that reading it is all
// decoding allocates.
func TestDecodeReadsAFileIntoOneBuffer(t *testing.T) {
	body := []byte(`{"type":"conversation","id":"1","padding":"` + strings.Repeat("x", api.MaxBody/2) + `"}`)
	path := filepath.Join(t.TempDir(), "huge.json")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c, err := api.Decode(f)
	runtime.ReadMemStats(&after)
	if err != nil || c.ID != "1" {
		t.Fatalf("decoding the file: %v", err)
	}
	if allocated, limit := after.TotalAlloc-before.TotalAlloc, uint64(len(body))+1<<20; allocated > limit {
		t.Errorf("decoding a file of %d MB allocated %d MB, want at most %d", len(body)>>20, allocated>>20, limit>>20)
	}
}
