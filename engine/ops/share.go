package ops

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"sort"

	"gorgonia.org/gorgonia"
)

// BufferPool is the memory that the ops of compiled graphs write their
// results into when ShareBuffers has planned them: one arena, in which each
// result has a fixed place (an offset) that results alive at the same time
// never overlap. One pool may serve several graphs that never run at the
// same time (a trainer's graphs for two batch sizes): each graph plans its
// own places from the start of the arena, so the pool is as large as the
// largest graph's plan, not their sum.
type BufferPool struct{ arena *[]float32 }

// reserve grows the arena to at least n elements and returns it. Growing
// drops the old contents, which no run needs: every run writes a result
// before reading it.
func (p *BufferPool) reserve(n int) *[]float32 {
	if p.arena == nil {
		p.arena = new([]float32)
	}
	if len(*p.arena) < n {
		*p.arena = make([]float32, n)
	}
	return p.arena
}

// Floats is the number of float32 elements the pool holds.
func (p *BufferPool) Floats() int {
	if p.arena == nil {
		return 0
	}
	return len(*p.arena)
}

// bufferOwner is an op of this package: it writes its result into out.
type bufferOwner interface{ outBuffer() *outBuf }

func (p *pureOp) outBuffer() *outBuf { return &p.out }

// ShareBuffers lets the ops of g, compiled into the tape machine vm, write
// their results into the pool instead of buffers of their own: a result
// keeps its place from the op that computes it to the last op that reads it
// (in the machine's order), after which other results may use that memory.
// In a training graph most results are gradients read once, so the pool
// holds about the forward activations plus a few gradients, where owning
// buffers kept a gradient buffer per op as well.
//
// copiedOut are nodes whose values the machine copies elsewhere as soon as
// they are computed (the gradients it adds into the learnable nodes' dual
// values); every other node nothing reads (outputs, values read after the
// run) keeps its own buffer. gorgonia's own ops may write into the value a
// register held before (preallocated results, in-place updates, reshapes
// that share memory): a result stays alive as long as any such op's result
// does. It returns an error, and changes nothing, when vm is not a machine
// it can read the plan of.
func ShareBuffers(g *gorgonia.ExprGraph, vm gorgonia.VM, copiedOut gorgonia.Nodes, pool *BufferPool) error {
	registers, err := registersOf(vm)
	if err != nil {
		return err
	}
	order, err := gorgonia.Sort(g)
	if err != nil {
		return err
	}
	// gorgonia sorts sinks first; the tape machine runs the reverse.
	for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
		order[i], order[j] = order[j], order[i]
	}
	last := lastUses(g, order, registers, copiedOut)
	placeResults(order, last, pool)
	return nil
}

// registersOf reads which machine register holds each node's value (the
// tape machine's LocMap, whose register type is unexported).
func registersOf(vm gorgonia.VM) (map[*gorgonia.Node]int, error) {
	m := reflect.ValueOf(vm).MethodByName("LocMap")
	if !m.IsValid() || m.Type().NumIn() != 0 || m.Type().NumOut() != 1 || m.Type().Out(0).Kind() != reflect.Map {
		return nil, errors.New("ops.ShareBuffers: the machine does not expose its registers")
	}
	locs := m.Call(nil)[0]
	out := make(map[*gorgonia.Node]int, locs.Len())
	for it := locs.MapRange(); it.Next(); {
		n, ok := it.Key().Interface().(*gorgonia.Node)
		reg := it.Value()
		if !ok || reg.Kind() != reflect.Struct || reg.NumField() == 0 || reg.Field(0).Kind() != reflect.Int {
			return nil, errors.New("ops.ShareBuffers: unexpected register map")
		}
		out[n] = int(reg.Field(0).Int())
	}
	return out, nil
}

// forever marks a value that must outlive the run.
const forever = math.MaxInt

// lastUses is, for each position in order, the last position at which its
// value may still be read (forever for values read after the run).
func lastUses(g *gorgonia.ExprGraph, order gorgonia.Nodes, registers map[*gorgonia.Node]int, copiedOut gorgonia.Nodes) []int {
	pos := make(map[*gorgonia.Node]int, len(order))
	for i, n := range order {
		pos[n] = i
	}
	readers := make([][]int, len(order))
	for i, n := range order {
		for inputs := g.From(n.ID()); inputs.Next(); {
			if j, ok := pos[inputs.Node().(*gorgonia.Node)]; ok {
				readers[j] = append(readers[j], i)
			}
		}
	}
	// aliases[i]: gorgonia ops that may write into the memory of our
	// result i, the last of ours to have used their register before them.
	aliases := make([][]int, len(order))
	lastOurs := map[int]int{} // register -> position of our latest result in it
	for i, n := range order {
		reg, ok := registers[n]
		if !ok {
			continue
		}
		if owns(n) {
			lastOurs[reg] = i
		} else if j, ok := lastOurs[reg]; ok {
			aliases[j] = append(aliases[j], i)
		}
	}
	copied := map[*gorgonia.Node]bool{}
	for _, n := range copiedOut {
		copied[n] = true
	}
	last := make([]int, len(order))
	for i := len(order) - 1; i >= 0; i-- {
		n := order[i]
		last[i] = i
		if len(readers[i]) == 0 && !copied[n] {
			last[i] = forever
		}
		for _, r := range readers[i] {
			if owns(order[r]) {
				last[i] = max(last[i], r) // ours never keep or return their inputs
			} else {
				last[i] = max(last[i], last[r])
			}
		}
		for _, a := range aliases[i] {
			last[i] = max(last[i], last[a])
		}
	}
	return last
}

func owns(n *gorgonia.Node) bool {
	_, ok := n.Op().(bufferOwner)
	return ok
}

// lifetime is one of our results that dies during the run: computed at
// position from, last read at position to, size elements long.
type lifetime struct {
	buf      *outBuf
	from, to int
	size     int
	offset   int // in the arena, once placed
}

// align keeps every place a multiple of 64 bytes (a cache line, and the
// widest vector loads).
const align = 16

// placeResults gives each of our results that dies during the run a place
// in the pool's arena that no result alive at the same time overlaps. A
// result is alive from the op computing it to its last reader, inclusive,
// so a result never shares memory with the inputs of the op computing it.
//
// Largest results first, each in the tightest gap between the places of
// results it meets (or past the last of them): the greedy-by-size plan of
// TensorFlow Lite's arena planner. Whole slots, one result at a time each,
// wasted the memory that a slot as large as a 224x224 activation holds
// while only smaller results are alive (VGG-16 at batch 16: 1312 MB of
// slots where 943 MB are alive at most).
func placeResults(order gorgonia.Nodes, last []int, pool *BufferPool) {
	var results []*lifetime
	for i, n := range order {
		if !owns(n) || last[i] == forever {
			continue
		}
		size := (max(n.Shape().TotalSize(), 1) + align - 1) / align * align
		results = append(results, &lifetime{buf: n.Op().(bufferOwner).outBuffer(), from: i, to: last[i], size: size})
	}
	arena := pool.reserve(arrange(results))
	for _, r := range results {
		r.buf.shared, r.buf.offset, r.buf.data = arena, r.offset, nil
	}
}

// arrange sets each result's offset, largest first, and returns the arena
// size the plan needs.
func arrange(results []*lifetime) int {
	bySize := slices.Clone(results)
	sort.SliceStable(bySize, func(a, b int) bool { return bySize[a].size > bySize[b].size })
	var placed []*lifetime // by offset
	end := 0
	for _, r := range bySize {
		r.offset = bestGap(placed, r)
		end = max(end, r.offset+r.size)
		k := sort.Search(len(placed), func(k int) bool { return placed[k].offset > r.offset })
		placed = slices.Insert(placed, k, r)
	}
	return end
}

// bestGap is the offset of the smallest gap that fits r between the
// results in placed (sorted by offset) alive at the same time as r, or the
// end of the last of them.
func bestGap(placed []*lifetime, r *lifetime) int {
	best, bestSize := -1, 0
	prevEnd := 0
	for _, p := range placed {
		if p.to < r.from || r.to < p.from {
			continue
		}
		if gap := p.offset - prevEnd; gap >= r.size && (best < 0 || gap < bestSize) {
			best, bestSize = prevEnd, gap
		}
		prevEnd = max(prevEnd, p.offset+p.size)
	}
	if best < 0 {
		return prevEnd
	}
	return best
}
