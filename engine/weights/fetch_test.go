package weights

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeFile is the content the test server publishes, and its Source.
func fakeFile(t *testing.T) ([]byte, Source) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	content := make([]byte, 1<<20+123)
	for i := range content {
		content[i] = byte(r.Uint32())
	}
	sum := sha256.Sum256(content)
	hexSum := hex.EncodeToString(sum[:])
	return content, Source{
		Network: "fake", File: "fake-" + hexSum[:8] + ".pth", URL: "http://unused.invalid/x",
		SHA256Prefix: hexSum[:8], SHA256: hexSum, Bytes: int64(len(content)),
	}
}

// server publishes content. plan, if set, may take over request number n
// (from 1) and return true when it did.
type server struct {
	t       *testing.T
	content []byte
	plan    func(n int, w http.ResponseWriter, r *http.Request) bool
	mu      sync.Mutex
	ranges  []string // the Range header of every request
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.ranges = append(s.ranges, r.Header.Get("Range"))
	n := len(s.ranges)
	s.mu.Unlock()
	if s.plan != nil && s.plan(n, w, r) {
		return
	}
	http.ServeContent(w, r, "f.pth", time.Time{}, bytes.NewReader(s.content))
}

func (s *server) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.ranges...)
}

func startServer(t *testing.T, content []byte, plan func(int, http.ResponseWriter, *http.Request) bool) (*server, Fetcher) {
	s := &server{t: t, content: content, plan: plan}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, Fetcher{BaseURL: ts.URL, Backoff: time.Millisecond}
}

// sendPart writes the first n bytes of a full response, then whatever
// after does (drop the connection, or wait).
func sendPart(w http.ResponseWriter, content []byte, n int) {
	w.Header().Set("Content-Length", fmt.Sprint(len(content)))
	w.WriteHeader(http.StatusOK)
	w.Write(content[:n])
	w.(http.Flusher).Flush()
}

func dropAfter(n int, content []byte) func(int, http.ResponseWriter, *http.Request) bool {
	return func(req int, w http.ResponseWriter, r *http.Request) bool {
		if req != 1 {
			return false
		}
		sendPart(w, content, n)
		panic(http.ErrAbortHandler) // closes the connection mid-body
	}
}

func assertFetched(t *testing.T, path string, content []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, content) {
		t.Fatalf("%s: %d bytes, err %v; want the %d published bytes", path, len(got), err, len(content))
	}
	if _, err := os.Stat(path + ".part"); !os.IsNotExist(err) {
		t.Errorf(".part left behind: %v", err)
	}
}

func assertNoFinal(t *testing.T, dir string, src Source) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, src.File)); !os.IsNotExist(err) {
		t.Errorf("a file exists at the final path: %v", err)
	}
}

func TestFetchFull(t *testing.T) {
	content, src := fakeFile(t)
	srv, f := startServer(t, content, nil)
	dir := t.TempDir()
	var last, calls int64
	path, err := f.Fetch(context.Background(), src, dir, func(done, total int64) {
		if done < last || total != int64(len(content)) {
			t.Errorf("progress(%d, %d) after %d", done, total, last)
		}
		last = done
		calls++
	})
	if err != nil {
		t.Fatal(err)
	}
	assertFetched(t, path, content)
	if path != filepath.Join(dir, src.File) || last != int64(len(content)) || calls < 2 {
		t.Errorf("path %s, last progress %d after %d calls", path, last, calls)
	}
	if r := srv.requests(); len(r) != 1 || r[0] != "" {
		t.Errorf("requests: %q", r)
	}
	// A second Fetch finds the verified file and does not download again.
	if again, err := f.Fetch(context.Background(), src, dir, nil); err != nil || again != path || len(srv.requests()) != 1 {
		t.Errorf("second Fetch: %s, %v, %d requests", again, err, len(srv.requests()))
	}
}

func TestFetchInterruptedThenResumed(t *testing.T) {
	content, src := fakeFile(t)
	srv, f := startServer(t, content, dropAfter(400000, content))
	f.Attempts = 1
	dir := t.TempDir()
	_, err := f.Fetch(context.Background(), src, dir, nil)
	t.Log(err)
	mustContain(t, err, src.File, "run again to resume")
	assertNoFinal(t, dir, src)
	kept := fileSize(t, filepath.Join(dir, src.File+".part"))
	if kept == 0 || kept > 400000 {
		t.Fatalf(".part holds %d bytes, want 1..400000", kept)
	}
	path, err := f.Fetch(context.Background(), src, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	assertFetched(t, path, content)
	if r := srv.requests(); len(r) != 2 || r[1] != fmt.Sprintf("bytes=%d-", kept) {
		t.Errorf("requests: %q, want the second to resume at %d", r, kept)
	}
}

func TestFetchRetriesWithinOneCall(t *testing.T) {
	content, src := fakeFile(t)
	srv, f := startServer(t, content, dropAfter(300000, content))
	path, err := f.Fetch(context.Background(), src, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	assertFetched(t, path, content)
	if r := srv.requests(); len(r) != 2 || !strings.HasPrefix(r[1], "bytes=") {
		t.Errorf("requests: %q", r)
	}
}

func TestFetchServerIgnoresRange(t *testing.T) {
	content, src := fakeFile(t)
	srv, f := startServer(t, content, func(_ int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Length", fmt.Sprint(len(content)))
		w.Write(content) // 200 and the whole file, whatever Range said
		return true
	})
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, src.File+".part"), bytes.Repeat([]byte{7}, 5000), 0o644)
	path, err := f.Fetch(context.Background(), src, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	assertFetched(t, path, content)
	if r := srv.requests(); len(r) != 1 || r[0] != "bytes=5000-" {
		t.Errorf("requests: %q", r)
	}
}

func TestFetchPartAlreadyComplete(t *testing.T) {
	content, src := fakeFile(t)
	srv, f := startServer(t, content, nil)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, src.File+".part"), content, 0o644)
	path, err := f.Fetch(context.Background(), src, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	assertFetched(t, path, content)
	if r := srv.requests(); len(r) != 1 {
		t.Errorf("requests: %q", r) // one Range request, answered 416
	}
}

func TestFetchBadHash(t *testing.T) {
	content, good := fakeFile(t)
	for name, src := range map[string]Source{
		"full digest": func() Source { s := good; s.SHA256 = s.SHA256Prefix + strings.Repeat("0", 56); return s }(),
		"prefix only": func() Source { s := good; s.SHA256, s.SHA256Prefix = "", "00000000"; return s }(),
	} {
		_, f := startServer(t, content, nil)
		dir := t.TempDir()
		_, err := f.Fetch(context.Background(), src, dir, nil)
		if !errors.Is(err, ErrHashMismatch) {
			t.Fatalf("%s: got %v, want ErrHashMismatch", name, err)
		}
		t.Log(err)
		mustContain(t, err, src.File, good.SHA256, "deleted")
		assertNoFinal(t, dir, src)
		if _, err := os.Stat(filepath.Join(dir, src.File+".part")); !os.IsNotExist(err) {
			t.Errorf("%s: the bad .part was kept", name)
		}
	}
}

func TestFetchCancelKeepsPartForResuming(t *testing.T) {
	content, src := fakeFile(t)
	release := make(chan struct{})
	defer close(release)
	srv, f := startServer(t, content, func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n != 1 {
			return false
		}
		sendPart(w, content, 500000)
		select { // hang like a slow network until the client gives up
		case <-r.Context().Done():
		case <-release:
		}
		return true
	})
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := f.Fetch(ctx, src, dir, func(done, _ int64) {
		if done >= 200000 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	t.Log(err)
	mustContain(t, err, "to resume")
	assertNoFinal(t, dir, src)
	kept := fileSize(t, filepath.Join(dir, src.File+".part"))
	if kept < 200000 {
		t.Fatalf(".part holds %d bytes, want at least 200000", kept)
	}
	path, err := f.Fetch(context.Background(), src, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	assertFetched(t, path, content)
	if r := srv.requests(); len(r) != 2 || r[1] != fmt.Sprintf("bytes=%d-", kept) {
		t.Errorf("requests: %q", r)
	}
}

func TestFetchStalledServer(t *testing.T) {
	content, src := fakeFile(t)
	release := make(chan struct{})
	defer close(release)
	_, f := startServer(t, content, func(_ int, w http.ResponseWriter, r *http.Request) bool {
		sendPart(w, content, 1000)
		select {
		case <-r.Context().Done():
		case <-release:
		}
		return true
	})
	f.Attempts, f.StallTimeout = 1, 100*time.Millisecond
	dir := t.TempDir()
	_, err := f.Fetch(context.Background(), src, dir, nil)
	t.Log(err)
	mustContain(t, err, "no data received")
	if kept := fileSize(t, filepath.Join(dir, src.File+".part")); kept != 1000 {
		t.Errorf(".part holds %d bytes, want 1000", kept)
	}
}

func TestFetchHTTPErrors(t *testing.T) {
	content, src := fakeFile(t)
	srv404, f := startServer(t, content, func(_ int, w http.ResponseWriter, r *http.Request) bool {
		http.NotFound(w, r)
		return true
	})
	_, err := f.Fetch(context.Background(), src, t.TempDir(), nil)
	mustContain(t, err, "404 Not Found", src.File)
	if n := len(srv404.requests()); n != 1 {
		t.Errorf("404 was retried: %d requests", n)
	}

	srv503, f := startServer(t, content, func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n > 2 {
			return false
		}
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return true
	})
	path, err := f.Fetch(context.Background(), src, t.TempDir(), nil)
	if err != nil || len(srv503.requests()) != 3 {
		t.Fatalf("503 twice then OK: %v after %d requests", err, len(srv503.requests()))
	}
	assertFetched(t, path, content)

	wrong := src
	wrong.Bytes++
	srvSize, f := startServer(t, content, nil)
	dir := t.TempDir()
	_, err = f.Fetch(context.Background(), wrong, dir, nil)
	mustContain(t, err, "offers 1048699 bytes")
	if len(srvSize.requests()) != 1 {
		t.Errorf("size mismatch was retried")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files left behind", len(entries))
	}
}

func TestFetchReplacesWrongCachedFile(t *testing.T) {
	content, src := fakeFile(t)
	_, f := startServer(t, content, nil)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, src.File), []byte("fine-tuned, not official"), 0o644)
	path, err := f.Fetch(context.Background(), src, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	assertFetched(t, path, content)
}

func TestFetchRejectsUnverifiableSource(t *testing.T) {
	for _, src := range []Source{{File: "x.pth"}, {File: "../x-12345678.pth", SHA256Prefix: "12345678"}} {
		if _, err := Fetch(context.Background(), src, t.TempDir(), nil); err == nil {
			t.Errorf("Fetch(%+v) did not refuse", src)
		}
	}
}

// TestFetchPartLongerThanFile: a .part longer than the published file (size
// unknown to the Source) is refused with 416 and downloaded afresh.
func TestFetchPartLongerThanFile(t *testing.T) {
	content, src := fakeFile(t)
	src.Bytes = 0
	srv, f := startServer(t, content, nil)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, src.File+".part"), make([]byte, len(content)+10), 0o644)
	path, err := f.Fetch(context.Background(), src, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	assertFetched(t, path, content)
	if r := srv.requests(); len(r) != 2 || r[0] != fmt.Sprintf("bytes=%d-", len(content)+10) || r[1] != "" {
		t.Errorf("requests: %q", r)
	}
}

// Without a network (nothing listens) or with a 404, Fetch fails with one
// line and leaves the cache folder as it was: no 0-byte .part.
func TestFetchFailureLeavesNoEmptyPart(t *testing.T) {
	content, src := fakeFile(t)
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close() // its address now refuses connections
	_, missing := startServer(t, content, func(_ int, w http.ResponseWriter, r *http.Request) bool {
		http.NotFound(w, r)
		return true
	})
	for name, f := range map[string]Fetcher{"no network": {BaseURL: down.URL, Backoff: time.Millisecond, Attempts: 2}, "404": missing} {
		dir := t.TempDir()
		if _, err := f.Fetch(context.Background(), src, dir, nil); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v", name, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: %s left behind", name, entries[0].Name())
		}
	}
}
