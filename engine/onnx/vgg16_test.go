//go:build onnxheavy

package onnx

import (
	"testing"

	"transferlab/engine/cases"
)

// VGG16 frozen at the full 224 pixels, with its whole classifier (about
// 530 MB of float32 in the file): minutes and gigabytes, too much for every
// CI run, so it builds only with the onnxheavy tag and runs by hand:
//
//	go test -tags onnxheavy -run VGG16Whole -v -timeout 30m ./engine/onnx
func TestVGG16WholeMatchesONNXRuntime(t *testing.T) {
	checkAgainstORT(t, trainedFor(t, "vgg16", cases.FrozenBackbone, 224))
}
