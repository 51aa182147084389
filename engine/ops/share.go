package ops

import (
	"errors"
	"math"
	"reflect"

	"gorgonia.org/gorgonia"
)

// BufferPool is the memory that the ops of compiled graphs write their
// results into when ShareBuffers has planned them: numbered slots, each
// reused by every op whose result is no longer needed when the next one is
// computed. One pool may serve several graphs that never run at the same
// time (a trainer's graphs for two batch sizes): a graph's slot k is the
// pool's slot k, so the pool is as large as the largest graph's plan, not
// their sum.
type BufferPool struct{ slots []*[]float32 }

// slot returns slot k, grown to hold at least n elements.
func (p *BufferPool) slot(k, n int) *[]float32 {
	for len(p.slots) <= k {
		p.slots = append(p.slots, new([]float32))
	}
	if s := p.slots[k]; cap(*s) < n {
		*s = make([]float32, n)
	}
	return p.slots[k]
}

// Floats is the number of float32 elements the pool holds.
func (p *BufferPool) Floats() int {
	total := 0
	for _, s := range p.slots {
		total += cap(*s)
	}
	return total
}

// bufferOwner is an op of this package: it writes its result into out.
type bufferOwner interface{ outBuffer() *outBuf }

func (p *pureOp) outBuffer() *outBuf { return &p.out }

// ShareBuffers lets the ops of g, compiled into the tape machine vm, write
// their results into pool slots instead of buffers of their own: a result
// keeps its slot from the op that computes it to the last op that reads it
// (in the machine's order), after which the next result may take it. In a
// training graph most results are gradients read once, so this keeps about
// one slot per forward activation plus a few, where owning buffers kept a
// gradient buffer per op as well.
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
	assignSlots(order, last, pool)
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

// assignSlots gives each of our results that dies during the run a slot no
// live result holds (the smallest free one that fits, or the largest to
// grow, or a new one). A slot is free only after its last reader ran, so a
// result never shares memory with the inputs of the op computing it.
func assignSlots(order gorgonia.Nodes, last []int, pool *BufferPool) {
	type slot struct{ size, freeAfter int }
	var slots []slot
	for _, s := range pool.slots { // the pool's slots as other graphs left them: fill those first
		slots = append(slots, slot{size: cap(*s), freeAfter: -1})
	}
	users := map[int][]*outBuf{}
	for i, n := range order {
		if !owns(n) || last[i] == forever {
			continue
		}
		size := max(n.Shape().TotalSize(), 1)
		best := -1
		for k, s := range slots {
			if s.freeAfter >= i {
				continue
			}
			switch {
			case best < 0:
				best = k
			case (s.size >= size) != (slots[best].size >= size):
				if s.size >= size {
					best = k
				}
			case s.size >= size && s.size < slots[best].size, s.size < size && s.size > slots[best].size:
				best = k
			}
		}
		if best < 0 {
			slots = append(slots, slot{})
			best = len(slots) - 1
		}
		slots[best] = slot{size: max(slots[best].size, size), freeAfter: last[i]}
		users[best] = append(users[best], n.Op().(bufferOwner).outBuffer())
	}
	for k, s := range slots { // each slot allocated once, at its largest size
		shared := pool.slot(k, s.size)
		for _, buf := range users[k] {
			buf.shared, buf.data = shared, nil
		}
	}
}
