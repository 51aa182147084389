// Package suggest helps label a pile of pictures: for each unlabelled
// picture it proposes one of the labelled classes with a confidence, from
// its nearest labelled neighbours in a pretrained network's feature space
// (or from a trained classifier when there is one), and lists labelled
// pictures worth a second look: those whose neighbours disagree with their
// label, and near-identical pictures filed under different classes. It
// only proposes; nothing is relabelled here.
package suggest
