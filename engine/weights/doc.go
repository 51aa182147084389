// Package weights reads, checks, stores and fetches the parameters of the
// pretrained networks.
//
// A network's parameters are a StateDict: tensor names exactly as in
// torchvision's state_dict (for example "layer1.0.conv1.weight"), each a
// dense float32 Tensor in row-major order.
//
//   - LoadPth reads a PyTorch .pth file in both layouts torch.save has used:
//     the zip archive (PyTorch ≥ 1.6) and the older "legacy" pickle stream
//     (torchvision's 2017 files such as vgg16-397923af.pth). It accepts a bare
//     state_dict or a training checkpoint holding one under "state_dict",
//     "model" or "model_state_dict". Every failure names the file and says
//     what is wrong: missing, truncated, damaged, not a PyTorch file, or a
//     tensor of an unsupported dtype.
//   - Check compares a StateDict with the names and shapes a network expects
//     and explains the difference in one line.
//   - Save and Load keep TransferLab's own checkpoints: a small JSON header,
//     raw little-endian float32 data and a SHA-256 trailer, written atomically.
//   - Official, Fetch, Import and Cached manage torchvision's published
//     ImageNet weights in the user's cache: downloads resume, can be cancelled
//     and are verified against the published SHA-256 before they are used.
//
// The pickle virtual machine is github.com/nlpodyssey/gopickle/pickle. The
// containers around it (zip records, legacy storage stream) and the tensor
// data are read here rather than by gopickle/pytorch.Load, because that
// function returns stale data without an error for a legacy file cut inside
// its last 2 KiB, loops forever on a file of zero blocks, panics on tar
// archives, widens float16 subnormals wrongly, skips zip CRC checks, and does
// not know torch._utils._rebuild_tensor, with which PyTorch ≤ 0.3 pickled
// tensors.
package weights
