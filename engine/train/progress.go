package train

// Phase names what a training job is doing.
type Phase string

const (
	PhaseDevice   Phase = "device"   // the compute device was chosen; Message names it (and why not the GPU)
	PhaseFeatures Phase = "features" // computing (or loading cached) backbone features
	PhaseEpoch    Phase = "epoch"    // an epoch finished; Epoch holds its figures
	PhaseBatch    Phase = "batch"    // a training batch finished
	PhaseWarning  Phase = "warning"  // the run goes on, but something is worth saying once; Message says it
	PhaseTest     Phase = "test"     // the kept model classifies the held-out test pictures; Done of Total
	PhaseDone     Phase = "done"
)

// Event is one progress report. Done and Total count the unit of the phase
// (images, or batches within the epoch).
type Event struct {
	Phase   Phase  `json:"phase"`
	Done    int    `json:"done"`
	Total   int    `json:"total"`
	Epoch   *Epoch `json:"epoch,omitempty"`
	Message string `json:"message,omitempty"`
}

// Progress receives events; it must not block for long.
type Progress func(Event)

func (p Progress) send(e Event) {
	if p != nil {
		p(e)
	}
}
