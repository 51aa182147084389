package host

import (
	"errors"
	"io/fs"
	"regexp"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"
)

// packagePrefix matches the "name: " a Go package puts before its errors
// ("dataset: ", "imageprep: "), at the start or after another ": ".
var packagePrefix = regexp.MustCompile(`(^|: )(backend|cases|cpunet|dataset|demo|device|features|gpu|gpunet|imageprep|jpegdec|kernels|models|npy|onnx|ops|predict|session|train|vulkan|weights|project|store|uiengine|runrecord|transferlab|image|png|gif|jpeg|bmp|webp|tiff|zip|pickle): `)

// Plain says err in words for someone who does not program: the common
// system failures (missing, not allowed, disk full) named as such, Go
// package names dropped, a capital letter first and a full stop last. The
// technical text stays available to ShowError's details.
func Plain(err error) string {
	var pe *fs.PathError
	hasPath := errors.As(err, &pe)
	switch {
	case hasPath && errors.Is(err, fs.ErrNotExist):
		return lang.L("This file or folder is not there (any more): {{.Path}}.", map[string]any{"Path": pe.Path})
	case hasPath && errors.Is(err, fs.ErrPermission):
		return lang.L("TransferLab is not allowed to use {{.Path}}. Copy it to a folder of yours, or ask whoever looks after this computer.", map[string]any{"Path": pe.Path})
	case errors.Is(err, syscall.ENOSPC):
		return lang.L("The disk is full: make room and try again.")
	}
	return sentence(withoutPackages(err.Error()))
}

// withoutPackages drops every Go package prefix from msg.
func withoutPackages(msg string) string {
	for {
		shorter := packagePrefix.ReplaceAllString(msg, "$1")
		if shorter == msg {
			return msg
		}
		msg = shorter
	}
}

// sentence starts msg with a capital and ends it with a full stop.
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return lang.L("Something went wrong.")
	}
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "!") {
		msg += "."
	}
	return msg
}
