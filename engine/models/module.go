package models

// Module is one piece of a network: it lists the state_dict entries it owns
// under a prefix and lowers its computation onto a Backend — gorgonia's
// graph (Builder) or the GPU (engine/gpunet) — so each network is described
// once, in its table.
type Module interface {
	Params(prefix string) []Param
	Lower(be Backend, prefix string, x Value) (Value, error)
}

// Seq is torch.nn.Sequential: children named "0", "1", ... in order.
type Seq []Module

func (s Seq) Params(prefix string) []Param {
	var ps []Param
	for i, m := range s {
		ps = append(ps, m.Params(join(prefix, itoa(i)))...)
	}
	return ps
}

// Named is a module whose children have attribute names (conv1, bn1, ...).
type Named []Child

// Child is a named sub-module; an empty name marks a parameter-free step
// that torchvision performs functionally (torch.flatten, F.relu).
type Child struct {
	Name   string
	Module Module
}

func (n Named) Params(prefix string) []Param {
	var ps []Param
	for _, c := range n {
		ps = append(ps, c.Module.Params(join(prefix, c.Name))...)
	}
	return ps
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
