package weights

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Fetcher downloads weights files into a folder, resuming interrupted
// downloads and verifying the SHA-256 before a file appears under its final
// name. The zero value is ready to use.
type Fetcher struct {
	// Client sends the requests; nil means a plain client, whose requests
	// end only through the context or StallTimeout (a 500 MB file on
	// classroom Wi-Fi can take an hour).
	Client *http.Client
	// BaseURL, when set, replaces the source's host and folder: the file is
	// fetched from BaseURL + "/" + File (a local mirror, or a test server).
	BaseURL string
	// Attempts per Fetch, each resuming where the last stopped; 0 means 4.
	Attempts int
	// Backoff is the pause before retrying an attempt that received no data,
	// growing with each attempt; 0 means 2 s.
	Backoff time.Duration
	// StallTimeout ends an attempt that receives nothing for this long;
	// 0 means 60 s.
	StallTimeout time.Duration
}

// Fetch downloads src into dir with a zero Fetcher; see Fetcher.Fetch.
func Fetch(ctx context.Context, src Source, dir string, progress func(done, total int64)) (string, error) {
	return Fetcher{}.Fetch(ctx, src, dir, progress)
}

// Fetch makes sure dir holds the published file of src and returns its path.
// dir "" means WeightsDir(). A file already there is kept if its hash
// matches, else replaced. Data goes to <File>.part first; a .part left by an
// earlier, interrupted or cancelled Fetch is resumed with an HTTP Range
// request. Only a file whose SHA-256 matches the published prefix (and full
// digest and size, where known) is renamed to the final name; a mismatch
// deletes the .part and returns ErrHashMismatch. Cancelling ctx returns an
// error wrapping ctx.Err() and keeps the .part. progress, if not nil, is
// called on the calling goroutine with the bytes on disk and the total size
// (-1 when unknown). Two Fetches of the same file into the same folder at
// the same time would share the .part; callers run one at a time.
func (f Fetcher) Fetch(ctx context.Context, src Source, dir string, progress func(done, total int64)) (string, error) {
	if err := checkSource(src); err != nil {
		return "", err
	}
	if progress == nil {
		progress = func(int64, int64) {}
	}
	dir, err := ensureDir(dir)
	if err != nil {
		return "", fmt.Errorf("weights: download %s: %w", src.File, err)
	}
	final := filepath.Join(dir, src.File)
	part := final + ".part"
	if size, ok := alreadyFetched(final, src); ok {
		os.Remove(part)
		progress(size, size)
		return final, nil
	}
	sum, err := f.download(ctx, src, part, progress)
	if err != nil {
		removeIfEmpty(part)
		return "", err
	}
	if err := verifyPart(part, sum, src); err != nil {
		return "", err
	}
	if err := os.Rename(part, final); err != nil {
		return "", fmt.Errorf("weights: download %s: %w", src.File, err)
	}
	if err := syncDir(dir); err != nil {
		return "", fmt.Errorf("weights: download %s: %w", src.File, err)
	}
	return final, nil
}

// removeIfEmpty deletes a .part that no attempt wrote a byte to (no
// network, a refused connection): it has nothing to resume and would only
// puzzle whoever finds a 0-byte file in the cache.
func removeIfEmpty(part string) {
	if st, err := os.Stat(part); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		os.Remove(part)
	}
}

func checkSource(src Source) error {
	if src.File == "" || filepath.Base(src.File) != src.File || strings.ContainsAny(src.File, `/\`) {
		return fmt.Errorf("weights: download: bad file name %q", src.File)
	}
	if src.SHA256Prefix == "" && src.SHA256 == "" {
		return fmt.Errorf("weights: download %s: no SHA-256 to verify it against", src.File)
	}
	return nil
}

func ensureDir(dir string) (string, error) {
	if dir == "" {
		d, err := WeightsDir()
		if err != nil {
			return "", err
		}
		dir = d
	}
	return dir, os.MkdirAll(dir, 0o755)
}

// alreadyFetched reports whether final already holds the published file.
func alreadyFetched(final string, src Source) (int64, bool) {
	st, err := os.Stat(final)
	if err != nil || !st.Mode().IsRegular() {
		return 0, false
	}
	sum, err := Fingerprint(final)
	return st.Size(), err == nil && src.Matches(sum, st.Size())
}

// download runs attempts until the .part is complete, returning its SHA-256.
func (f Fetcher) download(ctx context.Context, src Source, part string, progress func(int64, int64)) (string, error) {
	attempts := f.Attempts
	if attempts <= 0 {
		attempts = 4
	}
	var last attemptResult
	for i := 1; i <= attempts; i++ {
		last = f.attempt(ctx, src, part, progress)
		switch {
		case last.err == nil:
			return last.sum, nil
		case ctx.Err() != nil:
			return "", cancelled(src, part, ctx.Err())
		case !last.retry:
			return "", fmt.Errorf("weights: download %s: %w", src.File, last.err)
		case !last.progressed && i < attempts:
			if err := sleep(ctx, f.backoff()*time.Duration(i)); err != nil {
				return "", cancelled(src, part, err)
			}
		}
	}
	plural := "s"
	if attempts == 1 {
		plural = ""
	}
	return "", fmt.Errorf("weights: download %s: %w (gave up after %d attempt%s; run again to resume)", src.File, last.err, attempts, plural)
}

func (f Fetcher) backoff() time.Duration {
	if f.Backoff > 0 {
		return f.Backoff
	}
	return 2 * time.Second
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func cancelled(src Source, part string, cause error) error {
	kept := int64(0)
	if st, err := os.Stat(part); err == nil {
		kept = st.Size()
	}
	return fmt.Errorf("weights: download %s stopped; %d bytes kept in %s to resume: %w", src.File, kept, part, cause)
}

// verifyPart checks the finished download; a wrong file is deleted, since
// resuming it could never succeed.
func verifyPart(part, sum string, src Source) error {
	st, err := os.Stat(part)
	if err != nil {
		return fmt.Errorf("weights: download %s: %w", src.File, err)
	}
	if src.Matches(sum, st.Size()) {
		return nil
	}
	os.Remove(part)
	want := src.SHA256
	if want == "" {
		want = src.SHA256Prefix + "…"
	}
	return fmt.Errorf("weights: download %s: %w: got %s (%d bytes), want %s; the download was damaged or is not the published file, so it was deleted",
		src.File, ErrHashMismatch, sum, st.Size(), want)
}

// errStalled marks an attempt ended by StallTimeout.
var errStalled = errors.New("no data received")
