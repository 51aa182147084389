package features

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
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

// compute runs the backbone on the decoded input of n files, returning
// one pooled vector per file.
func (e *Extractor) compute(r backend.Runner, input *imageprep.Pending, n int) ([][]float32, error) {
	x, err := input.Wait()
	if err != nil {
		return nil, err
	}
	out, err := r.Run(x)
	if err != nil {
		return nil, err
	}
	return pool(out, r.OutputShape())[:n], nil
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

// Extract returns the features of every file, from the cache where present.
// progress(done, total) counts images; computed reports how many went through
// the backbone. Each cached vector is written atomically, so cancelling
// leaves only complete entries; a cache that cannot be written is turned
// off (cache.Off says why) and the features are still returned.
func (e *Extractor) Extract(ctx context.Context, cache *Cache, files []string, progress func(done, total int)) (feats [][]float32, computed int, err error) {
	feats = make([][]float32, len(files))
	hashes := make([]string, len(files))
	var missing []int
	for i, f := range files {
		if hashes[i], err = imageprep.ContentHash(f); err != nil {
			return nil, 0, fmt.Errorf("features: %w", err)
		}
		if feats[i], err = cache.Get(e.key, hashes[i]); err != nil {
			missing = append(missing, i)
		}
	}
	done := len(files) - len(missing)
	report := func() {
		if progress != nil {
			progress(done, len(files))
		}
	}
	report()
	if len(missing) == 0 {
		return feats, 0, nil
	}
	size := e.transform.Crop
	r, err := e.newRunner([]int{batchSize, 3, size, size})
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	batches := batchesOf(missing)
	next := e.loadAsync(pick(files, batches[0]))
	for k, idx := range batches {
		if err := ctx.Err(); err != nil {
			return nil, computed, err
		}
		input := next
		if k+1 < len(batches) { // decode the next pictures while these run
			next = e.loadAsync(pick(files, batches[k+1]))
		}
		vecs, err := e.compute(r, input, len(idx))
		if err != nil {
			return nil, computed, err
		}
		for j, i := range idx {
			feats[i] = vecs[j]
			cache.keep(e.key, hashes[i], vecs[j])
		}
		computed += len(idx)
		done += len(idx)
		report()
	}
	return feats, computed, nil
}

// loadAsync starts decoding files (at most batchSize) on every core into
// one backbone input (batchSize, 3, crop, crop); rows past the files stay zero.
func (e *Extractor) loadAsync(files []string) *imageprep.Pending {
	return imageprep.LoadBatch(files, e.transform, nil, make([]float32, batchSize*e.transform.Len()))
}

// batchesOf cuts indices into runs of at most batchSize.
func batchesOf(idx []int) [][]int {
	var out [][]int
	for start := 0; start < len(idx); start += batchSize {
		out = append(out, idx[start:min(start+batchSize, len(idx))])
	}
	return out
}

// pick returns files[i] for each i of idx.
func pick(files []string, idx []int) []string {
	out := make([]string, len(idx))
	for j, i := range idx {
		out[j] = files[i]
	}
	return out
}
