package explain

import "transferlab/engine/models"

// lastConvBlock is how many of net's layers make its convolutional part:
// the layers before the first pooling to the classifier, flatten, dropout
// or linear layer (features.12 of squeezenet1_1, layer4 of the ResNets,
// features.18 of mobilenet_v2, the last max pooling of alexnet and vgg16).
// Grad-CAM is computed at its output, the last map that still has places.
func lastConvBlock(net *models.Network) int {
	for i, l := range net.Layers {
		switch l.Module.(type) {
		case models.AdaptiveAvgPool, models.Flatten, models.Dropout, models.Linear:
			return i
		}
	}
	return len(net.Layers)
}
