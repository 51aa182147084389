// Package predict classifies image files with a pretrained ImageNet network:
// decode, preprocess as torchvision does, run the network in batches, and
// rank the classes by softmax probability.
package predict
