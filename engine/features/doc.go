// Package features computes what a frozen backbone sees in each image — the
// output of a network's first layers, average-pooled to one vector per image
// — and caches it on disk, keyed by the file's content, the network, the cut,
// the weights and the preprocessing, so that a second run on the same images
// spends no time in the backbone.
package features
