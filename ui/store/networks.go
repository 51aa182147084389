package store

import "transferlab/ui"

// Networks are the networks on offer, in display order.
func (s *Store) Networks() []ui.Network { return s.networks }

// SetNetworks replaces the network list (weights may have arrived).
func (s *Store) SetNetworks(n []ui.Network) {
	s.networks = n
	s.emit(Networks)
}

// Network returns the network called name.
func (s *Store) Network(name string) (ui.Network, bool) {
	for _, n := range s.networks {
		if n.Name == name {
			return n, true
		}
	}
	return ui.Network{}, false
}
