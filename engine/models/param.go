package models

// Kind says what a state_dict entry is, which decides whether it is trained
// and how it is initialised.
type Kind int

const (
	Weight      Kind = iota // convolution or linear weight (Out, In, ...)
	Bias                    // convolution or linear bias (Out)
	NormScale               // BatchNorm weight, γ (C)
	NormShift               // BatchNorm bias, β (C)
	RunningMean             // BatchNorm buffer (C)
	RunningVar              // BatchNorm buffer (C)
	BatchCount              // BatchNorm num_batches_tracked buffer, a scalar
)

// Param is one state_dict entry of a network.
type Param struct {
	Name  string
	Shape []int
	Kind  Kind
}

// Learnable reports whether the entry is a parameter (torch's
// model.parameters()) rather than a buffer.
func (p Param) Learnable() bool {
	return p.Kind == Weight || p.Kind == Bias || p.Kind == NormScale || p.Kind == NormShift
}

// Size is the number of elements.
func (p Param) Size() int {
	n := 1
	for _, d := range p.Shape {
		n *= d
	}
	return n
}

// join builds a torchvision state_dict path; an empty prefix means top level.
func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
