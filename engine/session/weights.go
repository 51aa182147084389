package session

import (
	"context"
	"fmt"

	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// MissingWeightsError says a network's pretrained weights are not on this
// computer; each front end tells its users how to get them.
type MissingWeightsError struct{ Network string }

func (e *MissingWeightsError) Error() string {
	return fmt.Sprintf("the pretrained weights of %s are not on this computer", e.Network)
}

// Pretrained reads network's ImageNet weights from file, or from the cache
// when file is "", and checks every name and shape against the network, so
// a wrong or damaged file is refused with the key and both shapes named
// instead of failing later inside training.
func (s *Session) Pretrained(network, file string) (weights.StateDict, error) {
	net, err := models.New(network)
	if err != nil {
		return nil, err
	}
	if file == "" {
		cached, ok := weights.Cached(network)
		if !ok {
			return nil, &MissingWeightsError{Network: network}
		}
		file = cached
	}
	sd, _, err := weights.LoadAny(file)
	if err != nil {
		return nil, err
	}
	if err := net.CheckWeights(sd); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return sd, nil
}

// Import verifies a local weights file for network (names and shapes) and
// caches it under the official name.
func (s *Session) Import(network, file string) (weights.Imported, error) {
	net, err := models.New(network)
	if err != nil {
		return weights.Imported{}, err
	}
	return weights.Import(net.Name, file, "", net.CheckWeights)
}

// Fetch downloads and verifies the official weights of network into the
// cache, from mirror (a folder URL with the official file names) when not
// "", and returns the cached file.
func (s *Session) Fetch(ctx context.Context, network, mirror string, progress func(done, total int64)) (string, error) {
	src, ok := weights.Official(network)
	if !ok {
		if _, err := models.New(network); err != nil {
			return "", err
		}
		return "", fmt.Errorf("no official weights for %q", network)
	}
	return weights.Fetcher{BaseURL: mirror}.Fetch(ctx, src, "", progress)
}

// Network is one network the engine offers, with what a user chooses by.
type Network struct {
	Name          string  // command-line name, e.g. "resnet18"
	Title         string  // display name, e.g. "ResNet-18"
	Params        int     // number of parameters
	DownloadBytes int64   // size of the official weights file; 0 when unknown
	Top1          float64 // ImageNet top-1 accuracy, percent
	GFLOPs        float64 // multiply-adds per 224x224 picture, billions
	WeightsFile   string  // the cached weights; "" when not on this computer
	URL           string  // of the official weights
}

// Networks lists the networks in display order.
func (s *Session) Networks() ([]Network, error) {
	var out []Network
	for _, name := range models.Names() {
		net, err := models.New(name)
		if err != nil {
			return nil, err
		}
		info, _ := models.Describe(name)
		src, _ := weights.Official(name)
		cached, _ := weights.Cached(name)
		out = append(out, Network{
			Name: name, Title: info.Title, Params: net.ParamCount(), DownloadBytes: src.Bytes,
			Top1: info.Top1, GFLOPs: info.GFLOPs, WeightsFile: cached, URL: src.URL,
		})
	}
	return out, nil
}
