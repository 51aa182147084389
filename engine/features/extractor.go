package features

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"

	"transferlab/engine/backend"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
)

// batchSize images go through the backbone at once.
const batchSize = 16

// Extractor runs Layers[:upTo] of a network in evaluation mode and pools the
// result: (N, C, h, w) -> (N, C).
type Extractor struct {
	net       *models.Network
	state     *models.State
	upTo      int
	transform imageprep.Transform
	key       string
	backend   backend.Backend
}

// NewExtractor prepares the backbone net.Layers[:upTo] with the state's
// values, to run on be. The cache key covers the network, the cut, every
// value the backbone uses and the preprocessing, not the backend: backends
// agree within float32 rounding, far below what the head can tell apart.
func NewExtractor(net *models.Network, st *models.State, upTo int, t imageprep.Transform, be backend.Backend) (*Extractor, error) {
	key, err := backboneKey(net, st, upTo, t)
	if err != nil {
		return nil, err
	}
	return &Extractor{net: net, state: st, upTo: upTo, transform: t, key: key, backend: be}, nil
}

// newRunner compiles the backbone for inputs of one shape (N, 3, H, W).
func (e *Extractor) newRunner(input []int) (backend.Runner, error) {
	return e.backend.Runner(e.state, input, func(be models.Backend, x models.Value) (models.Value, error) {
		return e.net.Lower(be, x, 0, e.upTo)
	})
}

// Key identifies this backbone's features in a cache.
func (e *Extractor) Key() string { return e.key }

// backboneKey hashes the name, the cut, the values of the layers used, and
// the preprocessing.
func backboneKey(net *models.Network, st *models.State, upTo int, t imageprep.Transform) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|%s|", net.Name, upTo, t.Key())
	for _, l := range net.Layers[:upTo] {
		for _, p := range l.Module.Params(l.Path) {
			v, err := st.Data(p.Name)
			if err != nil {
				return "", err
			}
			h.Write([]byte(p.Name))
			for _, x := range v {
				binary.Write(h, binary.LittleEndian, math.Float32bits(x))
			}
		}
	}
	return net.Name + "-" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

// compute runs the backbone on the decoded input of n files, returning one
// pooled vector per file and each file's decoding error (nil where it
// loaded; that file's vector is then meaningless).
func (e *Extractor) compute(r backend.Runner, input *imageprep.Pending, n int) ([][]float32, []error, error) {
	x, errs := input.WaitEach()
	out, err := r.Run(x)
	if err != nil {
		return nil, nil, err
	}
	return pool(out, r.OutputShape())[:n], errs[:n], nil
}

// pool averages each channel over its spatial positions: (N, C, h, w) or
// (N, C) -> N vectors of C.
func pool(x []float32, shape []int) [][]float32 {
	n, c := shape[0], shape[1]
	hw := len(x) / (n * c)
	out := make([][]float32, n)
	for i := range out {
		out[i] = make([]float32, c)
		for j := 0; j < c; j++ {
			var s float32
			for _, v := range x[(i*c+j)*hw : (i*c+j+1)*hw] {
				s += v
			}
			out[i][j] = s / float32(hw)
		}
	}
	return out
}

// Picture is one file to extract features from. Hash is its content hash
// (imageprep.ContentHashOf) when the caller already has it — the scan
// computes it from its one read of the file — so a picture whose features
// are cached is not read at all; "" means Extract reads the file to hash it.
type Picture struct {
	Path, Hash string
}

// Extraction is what Extract found.
type Extraction struct {
	// Features holds one vector per picture; nil for an unreadable one.
	Features [][]float32
	// Computed pictures went through the backbone; the others with
	// features came from the cache.
	Computed int
	// Unreadable maps the index of each picture that could not be read or
	// decoded (e.g. a truncated file whose header looked fine) to why.
	Unreadable map[int]error
}

// Extract returns the features of every picture, from the cache where
// present; only the others are decoded. progress(done, total) counts
// pictures. A picture that cannot be read or decoded is left out (see
// Extraction.Unreadable) and the others go on. Each cached vector is written
// atomically, so cancelling leaves only complete entries; a cache that
// cannot be written is turned off (cache.Off says why) and the features are
// still returned.
func (e *Extractor) Extract(ctx context.Context, cache *Cache, pics []Picture, progress func(done, total int)) (*Extraction, error) {
	res := &Extraction{Features: make([][]float32, len(pics)), Unreadable: map[int]error{}}
	hashes, missing := e.lookUp(cache, pics, res)
	done := len(pics) - len(missing)
	report := func() {
		if progress != nil {
			progress(done, len(pics))
		}
	}
	report()
	if len(missing) == 0 {
		return res, nil
	}
	size := e.transform.Crop
	r, err := e.newRunner([]int{batchSize, 3, size, size})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	batches := batchesOf(missing)
	next := loadAsync(pick(pics, batches[0]), e.transform)
	for k, idx := range batches {
		if err := ctx.Err(); err != nil {
			next.Wait() // let the decoding workers finish before returning
			return nil, err
		}
		input := next
		if k+1 < len(batches) { // decode the next pictures while these run
			next = loadAsync(pick(pics, batches[k+1]), e.transform)
		}
		vecs, errs, err := e.compute(r, input, len(idx))
		if err != nil {
			return nil, err
		}
		for j, i := range idx {
			if errs[j] != nil {
				res.Unreadable[i] = errs[j]
				continue
			}
			res.Features[i] = vecs[j]
			cache.keep(e.key, hashes[i], vecs[j])
			res.Computed++
		}
		done += len(idx)
		report()
	}
	return res, nil
}

// lookUp fills res.Features from the cache and returns every picture's
// content hash and the indices of those still to compute; a picture that
// cannot be read to hash it goes to res.Unreadable.
func (e *Extractor) lookUp(cache *Cache, pics []Picture, res *Extraction) (hashes []string, missing []int) {
	hashes = make([]string, len(pics))
	for i, p := range pics {
		hashes[i] = p.Hash
		if hashes[i] == "" {
			h, err := imageprep.ContentHash(p.Path)
			if err != nil {
				res.Unreadable[i] = fmt.Errorf("imageprep: %s: %w", p.Path, unwrapPath(err))
				continue
			}
			hashes[i] = h
		}
		v, err := cache.Get(e.key, hashes[i])
		if err != nil {
			missing = append(missing, i)
			continue
		}
		res.Features[i] = v
	}
	return hashes, missing
}

// unwrapPath drops *fs.PathError's "open <path>:" where the message names
// the path already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadAsync starts decoding pics (at most batchSize) on every core into
// one backbone input (batchSize, 3, crop, crop) prepared by t; rows past
// the pictures stay zero.
func loadAsync(pics []Picture, t imageprep.Transform) *imageprep.Pending {
	files := make([]string, len(pics))
	for i, p := range pics {
		files[i] = p.Path
	}
	return imageprep.LoadBatch(files, t, nil, make([]float32, batchSize*t.Len()))
}

// batchesOf cuts indices into runs of at most batchSize.
func batchesOf(idx []int) [][]int {
	var out [][]int
	for start := 0; start < len(idx); start += batchSize {
		out = append(out, idx[start:min(start+batchSize, len(idx))])
	}
	return out
}

// pick returns pics[i] for each i of idx.
func pick(pics []Picture, idx []int) []Picture {
	out := make([]Picture, len(idx))
	for j, i := range idx {
		out[j] = pics[i]
	}
	return out
}
