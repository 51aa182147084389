package weights

import (
	"sort"
	"strings"
)

// Source is one published weights file.
type Source struct {
	Network      string // torchvision builder name, e.g. "resnet18"
	URL          string
	File         string // file name, also its name in the cache
	SHA256Prefix string // the 8 hex digits in File, which torch.hub verifies
	SHA256       string // full digest, "" when no source for it is known
	Bytes        int64  // size, 0 when unknown
}

// officialBase is where torchvision publishes its weights.
const officialBase = "https://download.pytorch.org/models/"

// officialSources lists the IMAGENET1K_V1 weights of torchvision 0.14 for
// the networks TransferLab offers. It is a function so the table cannot be
// modified by a caller.
//
// The 8-digit prefixes come from torchvision's URLs. The full SHA-256 digests
// and sizes were not published by PyTorch; they are recorded in public
// repositories that download these exact URLs and pin what they got, found
// by code search and each matching the file name's prefix:
//   - alexnet, resnet18, resnet50, squeezenet1_1, vgg16: digest and size in a
//     weights catalogue ("Backbone 가중치 카탈로그", sha256sum of each file),
//     and the same digests independently in other projects (LPIPS setups for
//     alexnet/vgg16/squeezenet1_1, several ResNet feature pipelines, e.g. a
//     pinned RESNET18_WEIGHTS of 46_830_571 bytes and ResNet50 of
//     102_530_333 bytes).
//   - mobilenet_v2: digest in a Yocto pytorch-benchmark recipe
//     (SRC_URI[mobilenet_v2-b0353104.sha256sum]) and two other projects;
//     no source for its size was found, so Bytes is 0 (not checked).
func officialSources() []Source {
	return []Source{
		official("alexnet", "alexnet-owt-7be5be79.pth",
			"7be5be791159472b1fbf3c69796f7cb30dca7ad8466c2df70058c37116cdee02", 244408911),
		official("mobilenet_v2", "mobilenet_v2-b0353104.pth",
			"b03531047ffacf1e2488318dcd2aba1126cde36e3bfe1aa5cb07700aeeee9889", 0),
		official("resnet18", "resnet18-f37072fd.pth",
			"f37072fd47e89c5e827621c5baffa7500819f7896bbacec160b1a16c560e07ec", 46830571),
		official("resnet50", "resnet50-0676ba61.pth",
			"0676ba61b6795bbe1773cffd859882e5e297624d384b6993f7c9e683e722fb8a", 102530333),
		official("squeezenet1_1", "squeezenet1_1-b8a52dc0.pth",
			"b8a52dc049b60e4b6ab68ad0df457362afab8b6304b2febdc1650a5dab4d7e7b", 4958839),
		official("vgg16", "vgg16-397923af.pth",
			"397923af8e79cdbb6a7127f12361acd7a2f83e06b05044ddf496e83de57a5bf0", 553433881),
	}
}

// official builds a Source; the prefix is read from the file name exactly
// as torch.hub does (the text after the last '-', before ".pth").
func official(network, file, sha string, size int64) Source {
	stem := strings.TrimSuffix(file, ".pth")
	return Source{
		Network:      network,
		URL:          officialBase + file,
		File:         file,
		SHA256Prefix: stem[strings.LastIndex(stem, "-")+1:],
		SHA256:       sha,
		Bytes:        size,
	}
}

// Official returns the published ImageNet weights of a network, named as
// torchvision's builder function ("resnet18", "mobilenet_v2", …).
func Official(network string) (Source, bool) {
	for _, s := range officialSources() {
		if s.Network == strings.ToLower(network) {
			return s, true
		}
	}
	return Source{}, false
}

// Networks lists the networks with official weights, sorted.
func Networks() []string {
	var names []string
	for _, s := range officialSources() {
		names = append(names, s.Network)
	}
	sort.Strings(names)
	return names
}

// Matches reports whether a file with this SHA-256 (hex) and size is the
// published one: the prefix always, the full digest and size when known.
func (s Source) Matches(sha256hex string, size int64) bool {
	sum := strings.ToLower(sha256hex)
	if s.SHA256Prefix == "" && s.SHA256 == "" {
		return false // nothing to compare with: never vouch for a file
	}
	if !strings.HasPrefix(sum, strings.ToLower(s.SHA256Prefix)) {
		return false
	}
	if s.SHA256 != "" && sum != strings.ToLower(s.SHA256) {
		return false
	}
	return s.Bytes == 0 || size == s.Bytes
}
