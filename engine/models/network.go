package models

import (
	"fmt"
	"sort"
	"strings"

	G "gorgonia.org/gorgonia"
)

// Network is a torchvision classifier as an ordered list of top-level layers,
// cut points for transfer learning, and where its features end.
type Network struct {
	Name   string
	Layers []Layer
	// Cuts are the places where case 2 may cut the backbone, shallow to deep.
	Cuts       []Cut
	DefaultCut string
	// Layers[:FeatureLayers] compute the features the last classifier layer
	// reads: (N, FeatureDim), or (N, FeatureDim, h, w) to be average-pooled
	// (squeezenet, whose classifier is convolutional).
	FeatureLayers int
	FeatureDim    int
	// MinInput is the smallest square picture (pixels) whose strided layers
	// still leave a feature map at the end; smaller ones fail deep inside a
	// convolution or pooling, so callers refuse them up front.
	MinInput int
}

// Layer is a top-level module with its state_dict path ("layer1",
// "features.3"); the path is empty for parameter-free functional steps.
type Layer struct {
	Path   string
	Module Module
}

// Cut is a place to cut the network: after Layers[:After], whose output has
// Channels channels.
type Cut struct {
	Name     string
	After    int
	Channels int
}

// constructors lists the networks the app offers, in the order it shows them.
func constructors() []func() *Network {
	return []func() *Network{
		squeezenet11, mobilenetV2, resnet18, resnet50, alexnet, vgg16,
	}
}

func resnet18() *Network { return resnet("resnet18", [4]int{2, 2, 2, 2}, false) }
func resnet50() *Network { return resnet("resnet50", [4]int{3, 4, 6, 3}, true) }

// Names lists the available networks.
func Names() []string {
	var names []string
	for _, c := range constructors() {
		names = append(names, c().Name)
	}
	return names
}

// New returns the named network's architecture.
func New(name string) (*Network, error) {
	for _, c := range constructors() {
		if n := c(); n.Name == name {
			return n, nil
		}
	}
	known := Names()
	sort.Strings(known)
	return nil, fmt.Errorf("models: unknown network %q (known: %s)", name, strings.Join(known, ", "))
}

// Params lists every state_dict entry in torchvision's order.
func (n *Network) Params() []Param {
	var ps []Param
	for _, l := range n.Layers {
		ps = append(ps, l.Module.Params(l.Path)...)
	}
	return ps
}

// ParamCount is the number of learnable values, as torch counts
// sum(p.numel() for p in model.parameters()).
func (n *Network) ParamCount() int {
	total := 0
	for _, p := range n.Params() {
		if p.Learnable() {
			total += p.Size()
		}
	}
	return total
}

// Cut returns the named cut point.
func (n *Network) Cut(name string) (Cut, error) {
	var names []string
	for _, c := range n.Cuts {
		if c.Name == name {
			return c, nil
		}
		names = append(names, c.Name)
	}
	return Cut{}, fmt.Errorf("models: %s has no cut point %q (choose one of %s)", n.Name, name, strings.Join(names, ", "))
}

// Forward adds layers [from, to) of the network to a gorgonia graph.
func (n *Network) Forward(b *Builder, x *G.Node, from, to int) (*G.Node, error) {
	y, err := n.Lower(b, b.Value(x), from, to)
	if err != nil {
		return nil, err
	}
	return Node(y), nil
}
