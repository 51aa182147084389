package predict

import (
	_ "embed"
	"strings"
)

// imagenetLabels is written by tools/labels/make_imagenet_labels.py from
// torchvision's weight metadata: one class name per line, in index order.
//
//go:embed imagenet_labels.txt
var imagenetLabels string

// ImageNetLabels returns the 1000 ImageNet-1k class names in index order.
func ImageNetLabels() []string {
	return strings.Split(strings.TrimSuffix(imagenetLabels, "\n"), "\n")
}
