// Package engine is everything in TransferLab that is not user interface:
// network architectures, weights, image preprocessing, training and the
// compute kernels. It never imports fyne.io.
package engine
