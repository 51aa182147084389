package features

import (
	"context"
	"fmt"
	"time"

	"transferlab/engine/backend"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
)

// Depths pools a network's output at several depths in one pass: each
// batch runs Layers[:ends[0]], pools it, runs Layers[ends[0]:ends[1]] on the
// unpooled result, pools that, and so on, so no layer runs twice. Each
// depth's vectors are cached under the key an Extractor cut at that depth
// uses, so a training run of the same cut finds them there.
type Depths struct {
	net       *models.Network
	state     *models.State
	ends      []int
	keys      []string
	transform imageprep.Transform
	backend   backend.Backend
}

// NewDepths prepares Layers[:ends[len-1]] with the state's values, pooled
// after each of ends (strictly increasing, within the network), to run on be.
func NewDepths(net *models.Network, st *models.State, ends []int, t imageprep.Transform, be backend.Backend) (*Depths, error) {
	if len(ends) == 0 {
		return nil, fmt.Errorf("features: no depth to pool at")
	}
	keys := make([]string, len(ends))
	for i, end := range ends {
		if end < 1 || end > len(net.Layers) || (i > 0 && end <= ends[i-1]) {
			return nil, fmt.Errorf("features: depths %v are not increasing within %s's %d layers", ends, net.Name, len(net.Layers))
		}
		key, err := backboneKey(net, st, end, t)
		if err != nil {
			return nil, err
		}
		keys[i] = key
	}
	return &Depths{net: net, state: st, ends: ends, keys: keys, transform: t, backend: be}, nil
}

// Keys are the cache keys of the depths, in order.
func (d *Depths) Keys() []string { return d.keys }

// chain is one compiled runner per depth: runner k takes runner k-1's
// output (runner 0 the pictures, (batchSize, 3, crop, crop)). A runner is
// compiled when its input first arrives, as a GPU runner knows its output's
// shape only after running.
type chain struct {
	d       *Depths
	runners []backend.Runner
}

func (d *Depths) newChain() *chain { return &chain{d: d} }

// runner returns depth k's runner, compiling it for input shape.
func (c *chain) runner(k int, shape []int) (backend.Runner, error) {
	if k < len(c.runners) {
		return c.runners[k], nil
	}
	start, stop := 0, c.d.ends[k]
	if k > 0 {
		start = c.d.ends[k-1]
	}
	r, err := c.d.backend.Runner(c.d.state, shape, func(be models.Backend, x models.Value) (models.Value, error) {
		return c.d.net.Lower(be, x, start, stop)
	})
	if err != nil {
		return nil, err
	}
	c.runners = append(c.runners, r)
	return r, nil
}

func (c *chain) close() {
	for _, r := range c.runners {
		r.Close()
	}
}

// run returns the pooled vectors of the first n pictures of x at every
// depth: [depth][picture] -> C of that depth.
func (c *chain) run(x []float32, n int) ([][][]float32, error) {
	out := make([][][]float32, len(c.d.ends))
	shape := []int{batchSize, 3, c.d.transform.Crop, c.d.transform.Crop}
	for k := range out {
		r, err := c.runner(k, shape)
		if err != nil {
			return nil, err
		}
		y, err := r.Run(x)
		if err != nil {
			return nil, err
		}
		shape = r.OutputShape()
		out[k] = pool(y, shape)[:n]
		x = y
	}
	return out, nil
}

// Extract returns one Extraction per depth, in order, taking from the cache
// what it has: a picture missing at any depth goes through the network once
// and is kept at every depth. Unreadable pictures are left out (each
// Extraction lists them); progress(done, total) counts pictures.
func (d *Depths) Extract(ctx context.Context, cache *Cache, pics []Picture, progress func(done, total int)) ([]*Extraction, error) {
	pics = append([]Picture(nil), pics...) // lookUp fills in hashes
	res := make([]*Extraction, len(d.ends))
	for k := range res {
		res[k] = &Extraction{Features: make([][]float32, len(pics)), Unreadable: map[int]error{}}
	}
	missing := d.lookUp(cache, pics, res)
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
	c := d.newChain()
	defer c.close()
	batches := batchesOf(missing)
	next := loadAsync(pick(pics, batches[0]), d.transform)
	for b, idx := range batches {
		if err := ctx.Err(); err != nil {
			next.Wait()
			return nil, err
		}
		input := next
		if b+1 < len(batches) { // decode the next pictures while these run
			next = loadAsync(pick(pics, batches[b+1]), d.transform)
		}
		x, errs := input.WaitEach()
		vecs, err := c.run(x, len(idx))
		if err != nil {
			return nil, err
		}
		d.keep(cache, pics, idx, errs, vecs, res)
		done += len(idx)
		report()
	}
	return res, nil
}

// keep stores a batch's vectors (vecs[depth][j] for pics[idx[j]]) in res and
// the cache, or notes the pictures that did not decode.
func (d *Depths) keep(cache *Cache, pics []Picture, idx []int, errs []error, vecs [][][]float32, res []*Extraction) {
	for j, i := range idx {
		for k, r := range res {
			if errs[j] != nil {
				r.Unreadable[i] = errs[j]
				continue
			}
			r.Features[i] = vecs[k][j]
			cache.keep(d.keys[k], pics[i].Hash, vecs[k][j])
			r.Computed++
		}
	}
}

// lookUp fills res from the cache and returns the indices of the pictures
// missing at any depth (their hashes filled in pics); a picture that cannot
// be read to hash it is unreadable at every depth.
func (d *Depths) lookUp(cache *Cache, pics []Picture, res []*Extraction) (missing []int) {
	for i := range pics {
		if pics[i].Hash == "" {
			h, err := imageprep.ContentHash(pics[i].Path)
			if err != nil {
				for _, r := range res {
					r.Unreadable[i] = fmt.Errorf("imageprep: %s: %w", pics[i].Path, unwrapPath(err))
				}
				continue
			}
			pics[i].Hash = h
		}
		complete := true
		for k, r := range res {
			v, err := cache.Get(d.keys[k], pics[i].Hash)
			if err != nil {
				complete = false
				break
			}
			r.Features[i] = v
		}
		if !complete {
			missing = append(missing, i)
		}
	}
	return missing
}

// PerPicture times one batch of pics (the first batchSize) through every
// depth, decoding included, without the cache: what a picture costs on this
// backend, for estimating longer runs when every feature was cached. The
// batch runs twice and the second is timed, as the first compiles the
// network.
func (d *Depths) PerPicture(ctx context.Context, pics []Picture) (time.Duration, error) {
	if len(pics) == 0 {
		return 0, fmt.Errorf("features: no picture to time")
	}
	c := d.newChain()
	defer c.close()
	pics = pics[:min(batchSize, len(pics))]
	start := time.Now()
	x, _ := loadAsync(pics, d.transform).WaitEach()
	decoding := time.Since(start)
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if _, err := c.run(x, len(pics)); err != nil {
		return 0, err
	}
	start = time.Now()
	if _, err := c.run(x, len(pics)); err != nil {
		return 0, err
	}
	return (decoding + time.Since(start)) / batchSize, nil
}
