package weights

import "errors"

// Sentinel errors, for callers that react to the kind of failure (errors.Is);
// the messages themselves always name the file and the problem.
var (
	// ErrNotWeights: the file is not a PyTorch .pth (or not a TransferLab
	// checkpoint, for Load).
	ErrNotWeights = errors.New("not a weights file")
	// ErrTruncated: the file ends early, usually an interrupted copy or download.
	ErrTruncated = errors.New("truncated")
	// ErrCorrupt: the file is complete but its contents are inconsistent.
	ErrCorrupt = errors.New("damaged")
	// ErrUnsupported: a valid file that uses something TransferLab cannot read,
	// such as complex or quantized tensors.
	ErrUnsupported = errors.New("unsupported")
	// ErrHashMismatch: the bytes are not the published file.
	ErrHashMismatch = errors.New("SHA-256 mismatch")
)
