package imageprep

import (
	"image"
	"sync"
)

// PictureCache keeps pictures a training run decodes every epoch, up to a
// byte budget, so each file is decoded once per run instead of once per
// epoch (decoding was a third of a SqueezeNet case-3 run's CPU time):
//
//   - for evaluation, the Resize×Crop 8-bit picture Prepare made, which is
//     all Apply needs (150 KB at 224);
//   - for augmentation, the whole decoded picture, since every epoch crops
//     it differently (3 bytes a pixel: 0.6 MB for a 500×375 photo).
//
// Both are kept at 3 bytes a pixel (decoded pictures are opaque, so alpha
// is always 255) and give exactly the tensors decoding would. Pictures are
// kept first come, first served until the budget is spent; later ones are
// decoded every time, as without a cache. Safe for concurrent use.
type PictureCache struct {
	mu       sync.Mutex
	budget   int // bytes left
	pictures map[cacheKey]packedRGB
}

// cacheKey names a kept picture: Prepare's result for the file under that
// resize and crop (mean and std apply later, in normalize), or with crop 0
// the whole decoded picture.
type cacheKey struct {
	path         string
	resize, crop int
}

// NewPictureCache returns an empty cache that keeps at most budget bytes.
func NewPictureCache(budget int) *PictureCache {
	return &PictureCache{budget: budget, pictures: map[cacheKey]packedRGB{}}
}

// apply is Load with the cache: the prepared picture is made and kept the
// first time, from the decoded picture when that is kept (a training
// picture evaluated after training), and normalised from the cache
// afterwards.
func (c *PictureCache) apply(path string, t Transform, dst []float32) error {
	key := cacheKey{path, t.Resize, t.Crop}
	if m := c.get(key); m != nil {
		t.normalize(m, dst)
		return nil
	}
	img, err := c.keptOrDecoded(path)
	if err != nil {
		return err
	}
	crop := t.Prepare(img)
	t.normalize(crop, dst)
	c.put(key, crop)
	return nil
}

// keptOrDecoded is the decoded picture kept for augmentation, or else the
// file decoded without keeping it (evaluation keeps only its crop).
func (c *PictureCache) keptOrDecoded(path string) (image.Image, error) {
	if m := c.get(cacheKey{path: path}); m != nil {
		return m, nil
	}
	return Decode(path)
}

// decode is Decode with the cache.
func (c *PictureCache) decode(path string) (*image.RGBA, error) {
	key := cacheKey{path: path}
	if m := c.get(key); m != nil {
		return m, nil
	}
	img, err := Decode(path)
	if err != nil {
		return nil, err
	}
	m := ToRGB(img) // Decode's result already is: returned as is
	c.put(key, m)
	return m, nil
}

// get returns a new copy of the picture kept under key, or nil.
func (c *PictureCache) get(key cacheKey) *image.RGBA {
	c.mu.Lock()
	p, ok := c.pictures[key]
	c.mu.Unlock()
	if !ok {
		return nil
	}
	return p.rgba()
}

// put keeps m under key if it fits in what is left of the budget.
func (c *PictureCache) put(key cacheKey, m *image.RGBA) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.pictures[key]; ok || 3*m.Rect.Dx()*m.Rect.Dy() > c.budget {
		return
	}
	p := pack(m) // under the lock: a picture packs in well under a millisecond
	c.budget -= len(p.pix)
	c.pictures[key] = p
}

// packedRGB is an opaque picture at 3 bytes a pixel, rows of w·3 bytes.
type packedRGB struct {
	w, h int
	pix  []byte
}

// pack drops the alpha of an opaque RGBA picture whose bounds start at (0,0).
func pack(m *image.RGBA) packedRGB {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	p := packedRGB{w: w, h: h, pix: make([]byte, 0, 3*w*h)}
	for y := range h {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		for x := 0; x < len(row); x += 4 {
			p.pix = append(p.pix, row[x], row[x+1], row[x+2])
		}
	}
	return p
}

// rgba unpacks a new opaque RGBA picture.
func (p packedRGB) rgba() *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, p.w, p.h))
	for i, j := 0, 0; i < len(p.pix); i, j = i+3, j+4 {
		m.Pix[j], m.Pix[j+1], m.Pix[j+2], m.Pix[j+3] = p.pix[i], p.pix[i+1], p.pix[i+2], 255
	}
	return m
}
