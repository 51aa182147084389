package weights

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// attemptResult says how one HTTP request went and whether to try again.
type attemptResult struct {
	sum        string // SHA-256 of the complete .part, when err is nil
	err        error
	retry      bool // a network hiccup: another attempt may succeed
	progressed bool // bytes arrived, so retry at once
}

// transfer is the state of one attempt: the .part file, the bytes in it and
// their running hash.
type transfer struct {
	file  *os.File
	have  int64
	total int64 // -1 when unknown
	hash  hash.Hash
}

func (f Fetcher) attempt(ctx context.Context, src Source, part string, progress func(int64, int64)) attemptResult {
	file, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return attemptResult{err: err}
	}
	defer file.Close()
	tr, err := resume(file, src)
	if err != nil {
		return attemptResult{err: err}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stall := newStallTimer(f.stallTimeout(), cancel)
	defer stall.stop()

	resp, err := f.get(ctx, f.url(src), tr.have)
	if err != nil {
		return stall.failure(err, false)
	}
	defer resp.Body.Close()
	if res, done := tr.start(resp, src, part); done {
		return res
	}
	progress(tr.have, tr.total)
	progressed, err := tr.copy(resp.Body, stall, progress)
	if err != nil {
		file.Sync() // keep what arrived for the next attempt
		var we writeError
		if errors.As(err, &we) {
			return attemptResult{err: err}
		}
		return stall.failure(fmt.Errorf("connection lost after %d of %d bytes: %w", tr.have, tr.total, err), progressed)
	}
	return tr.finish(progressed)
}

func (f Fetcher) url(src Source) string {
	if f.BaseURL != "" {
		return strings.TrimSuffix(f.BaseURL, "/") + "/" + src.File
	}
	return src.URL
}

func (f Fetcher) stallTimeout() time.Duration {
	if f.StallTimeout > 0 {
		return f.StallTimeout
	}
	return time.Minute
}

func (f Fetcher) get(ctx context.Context, url string, from int64) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	if from > 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-", from))
	}
	client := f.Client
	if client == nil {
		client = &http.Client{}
	}
	return client.Do(req)
}

// resume hashes what an earlier attempt left in the .part, leaving the file
// offset at its end.
func resume(file *os.File, src Source) (*transfer, error) {
	st, err := file.Stat()
	if err != nil {
		return nil, err
	}
	tr := &transfer{file: file, have: st.Size(), total: -1, hash: sha256.New()}
	if src.Bytes > 0 && tr.have > src.Bytes {
		return tr, tr.restart()
	}
	if _, err := io.CopyN(tr.hash, file, tr.have); err != nil {
		return nil, err
	}
	return tr, nil
}

func (tr *transfer) restart() error {
	tr.have = 0
	tr.hash.Reset()
	if err := tr.file.Truncate(0); err != nil {
		return err
	}
	_, err := tr.file.Seek(0, io.SeekStart)
	return err
}

// start interprets the response status. done is true when the attempt ends
// here (an error, or a .part the server says is already complete).
func (tr *transfer) start(resp *http.Response, src Source, part string) (attemptResult, bool) {
	switch resp.StatusCode {
	case http.StatusOK: // the whole file, whether or not we asked for a range
		if err := tr.restart(); err != nil {
			return attemptResult{err: err}, true
		}
		tr.total = resp.ContentLength
	case http.StatusPartialContent:
		start, total, ok := parseContentRange(resp.Header.Get("Content-Range"))
		if !ok || start != tr.have {
			err := tr.restart()
			if err == nil {
				err = fmt.Errorf("server resumed at the wrong place (%q for byte %d); starting over", resp.Header.Get("Content-Range"), tr.have)
			}
			return attemptResult{err: err, retry: true, progressed: true}, true
		}
		tr.total = total
	case http.StatusRequestedRangeNotSatisfiable:
		return tr.rangeRefused(resp, src), true
	default:
		retry := resp.StatusCode >= 500 || resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode == http.StatusTooManyRequests
		return attemptResult{err: fmt.Errorf("server answered %s for %s", resp.Status, resp.Request.URL), retry: retry}, true
	}
	if src.Bytes > 0 && tr.total >= 0 && tr.total != src.Bytes {
		tr.file.Close()
		os.Remove(part)
		return attemptResult{err: fmt.Errorf("the server offers %d bytes, the published file has %d (a proxy or login page in the way?)", tr.total, src.Bytes)}, true
	}
	if tr.total < 0 && src.Bytes > 0 {
		tr.total = src.Bytes
	}
	return attemptResult{}, false
}

// rangeRefused handles 416: the .part already holds the whole file, or it is
// longer than the file and must start over.
func (tr *transfer) rangeRefused(resp *http.Response, src Source) attemptResult {
	total := src.Bytes
	if cr := resp.Header.Get("Content-Range"); strings.HasPrefix(cr, "bytes */") {
		fmt.Sscanf(cr, "bytes */%d", &total)
	}
	at := tr.have
	if at > 0 && at == total {
		return attemptResult{sum: hex.EncodeToString(tr.hash.Sum(nil))}
	}
	if err := tr.restart(); err != nil {
		return attemptResult{err: err}
	}
	return attemptResult{err: fmt.Errorf("server refused to resume at byte %d; starting over", at), retry: true, progressed: true}
}

// parseContentRange reads "bytes START-END/TOTAL" (TOTAL may be "*").
func parseContentRange(v string) (start, total int64, ok bool) {
	var end int64
	if n, _ := fmt.Sscanf(v, "bytes %d-%d/%d", &start, &end, &total); n == 3 {
		return start, total, true
	}
	if n, _ := fmt.Sscanf(v, "bytes %d-%d/*", &start, &end); n == 2 {
		return start, -1, true
	}
	return 0, 0, false
}

// copy appends the body to the .part, hashing as it goes.
func (tr *transfer) copy(body io.Reader, stall *stallTimer, progress func(int64, int64)) (bool, error) {
	buf := make([]byte, 256<<10)
	progressed := false
	for {
		n, err := body.Read(buf)
		if n > 0 {
			stall.reset()
			if _, werr := tr.file.Write(buf[:n]); werr != nil {
				return progressed, writeError{werr}
			}
			tr.hash.Write(buf[:n])
			tr.have += int64(n)
			progressed = true
			progress(tr.have, tr.total)
		}
		if err == io.EOF {
			return progressed, nil
		}
		if err != nil {
			return progressed, err
		}
	}
}

func (tr *transfer) finish(progressed bool) attemptResult {
	if tr.total >= 0 && tr.have < tr.total {
		return attemptResult{err: fmt.Errorf("connection closed after %d of %d bytes", tr.have, tr.total), retry: true, progressed: progressed}
	}
	if err := tr.file.Sync(); err != nil {
		return attemptResult{err: writeError{err}}
	}
	return attemptResult{sum: hex.EncodeToString(tr.hash.Sum(nil))}
}

// writeError is a local disk failure (full disk): retrying cannot help.
type writeError struct{ err error }

func (w writeError) Error() string { return "writing the download: " + w.err.Error() }
func (w writeError) Unwrap() error { return w.err }

// stallTimer cancels an attempt that receives nothing for a while.
type stallTimer struct {
	d     time.Duration
	t     *time.Timer
	fired atomic.Bool
}

func newStallTimer(d time.Duration, cancel context.CancelFunc) *stallTimer {
	s := &stallTimer{d: d}
	s.t = time.AfterFunc(d, func() {
		s.fired.Store(true)
		cancel()
	})
	return s
}

func (s *stallTimer) reset() { s.t.Reset(s.d) }
func (s *stallTimer) stop()  { s.t.Stop() }

// failure describes a failed request or read, which is worth retrying.
func (s *stallTimer) failure(err error, progressed bool) attemptResult {
	if s.fired.Load() {
		return attemptResult{err: fmt.Errorf("%w for %v", errStalled, s.d), retry: true, progressed: progressed}
	}
	return attemptResult{err: err, retry: true, progressed: progressed}
}
