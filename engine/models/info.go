package models

// Info is what the app tells a user about a network before they pick it:
// figures of torchvision's ImageNet weights (torchvision's model docs).
type Info struct {
	Name        string
	Title       string
	Top1        float64 // ImageNet-1k top-1 accuracy, percent
	GFLOPs      float64 // multiply-adds per 224x224 image, billions
	Description string
}

// Describe returns the facts about a network.
func Describe(name string) (Info, bool) {
	for _, i := range infos() {
		if i.Name == name {
			return i, true
		}
	}
	return Info{}, false
}

func infos() []Info {
	return []Info{
		{"squeezenet1_1", "SqueezeNet 1.1", 58.178, 0.35, "tiny and fast; fine for a first try on any laptop"},
		{"mobilenet_v2", "MobileNetV2", 71.878, 0.30, "small and accurate; the usual choice for laptops"},
		{"resnet18", "ResNet-18", 69.758, 1.81, "a solid all-rounder, slower than the mobile networks"},
		{"resnet50", "ResNet-50", 76.130, 4.09, "accurate but slow without a GPU"},
		{"alexnet", "AlexNet", 56.522, 0.71, "the 2012 classic; large file, historical interest"},
		{"vgg16", "VGG-16", 71.592, 15.47, "very large and slow; for comparison with the literature"},
	}
}
