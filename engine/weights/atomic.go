package weights

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// atomicFile is written under a temporary name in the destination folder
// and renamed over the final path only once complete and synced, so readers
// see the old file or the new one, never half of one.
type atomicFile struct {
	*os.File
	final string
}

func newAtomicFile(final string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &atomicFile{File: f, final: final}, nil
}

// commit syncs, closes and renames; on failure the temporary file is gone.
func (a *atomicFile) commit() error {
	err := a.Sync()
	if err == nil {
		err = a.Chmod(0o644) // CreateTemp makes 0600; cached weights are not secret
	}
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.Name(), a.final)
	}
	if err != nil {
		os.Remove(a.Name())
		return err
	}
	return syncDir(filepath.Dir(a.final))
}

// abort discards the temporary file.
func (a *atomicFile) abort() {
	a.Close()
	os.Remove(a.Name())
}

// writeAtomic writes path through fill; any error leaves path untouched.
func writeAtomic(path string, fill func(w io.Writer) error) error {
	a, err := newAtomicFile(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(a, 1<<20)
	if err := fill(bw); err != nil {
		a.abort()
		return err
	}
	if err := bw.Flush(); err != nil {
		a.abort()
		return err
	}
	return a.commit()
}

// syncDir makes a rename durable. Windows cannot open folders for syncing
// and journals renames itself.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
