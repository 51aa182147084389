// Package explain shows what a network looked at: Grad-CAM (Selvaraju et
// al., 2017) at the last convolutional block of a pretrained network or of
// a trained classifier (at the cut, for case 2).
//
// With A (C, h, w) the block's activations for one picture and y the logit
// of a class, each channel k weighs w_k = mean over the map of ∂y/∂A_k, and
// the map is ReLU(Σ_k w_k A_k) divided by its maximum: 1 where the picture
// pushed hardest towards the class, 0 where it did not push at all.
// Overlay draws it in heat colours over the picture as the network saw it.
//
// The activations come from the same inference graph as prediction; the
// gradient from a small gorgonia graph of the layers after the block, fed
// with those activations, so the pretrained part is never differentiated.
package explain
