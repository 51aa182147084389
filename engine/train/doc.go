// Package train applies one of the four transfer-learning cases to a
// pretrained network and a labelled dataset, trains, and reports honestly:
//
//	case 1  small data, like ImageNet: frozen backbone, new linear classifier
//	        on its cached features;
//	case 2  small data, unlike ImageNet: backbone cut at an earlier block,
//	        frozen, new classifier on the pooled features of the cut;
//	case 3  large data, like ImageNet: pretrained start, new classifier, the
//	        whole network trained (lower learning rate for the pretrained part);
//	case 4  large data, unlike ImageNet: same architecture from a random
//	        initialisation, trained from scratch.
//
// What each case means (weights, backbone, cut, default recipe) is
// engine/cases' to say; this package asks it rather than comparing numbers.
//
// Every case runs through the same Run and the same learner on any
// engine/backend: the CPU (engine/cpunet, the default) or a Vulkan GPU
// (engine/gpunet), as Job.Backend says; the first progress event names the
// device (and why not the GPU, when one was wanted). Both backends take the
// same steps within float32 rounding. This package never imports Vulkan.
//
// Calls are synchronous, take a context for cancellation and report progress
// through a callback.
package train
