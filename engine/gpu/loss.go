package gpu

import "fmt"

// SoftmaxCrossEntropy returns the mean loss (a 1-element tensor) and
// dlogits = (softmax − onehot)/N in one pass, for logits (N, K) and labels
// (N) holding class indices as float32. A label outside [0, K) cannot be
// reported without reading the labels back, so its row's loss and gradient
// (and so the mean) are NaN.
func (d *Device) SoftmaxCrossEntropy(logits, labels *Tensor) (loss, dlogits *Tensor, err error) {
	if err := logits.usable("SoftmaxCrossEntropy logits"); err != nil {
		return nil, nil, err
	}
	if len(logits.shape) != 2 {
		return nil, nil, fmt.Errorf("gpu: SoftmaxCrossEntropy: logits %v are not (N, K)", logits.shape)
	}
	n, k := logits.shape[0], logits.shape[1]
	if err := check("SoftmaxCrossEntropy", need{"labels", labels, n}); err != nil {
		return nil, nil, err
	}
	rowLoss, err := d.alloc(n)
	if err != nil {
		return nil, nil, err
	}
	defer rowLoss.Free() // safe: freed memory is reused only after the next Sync
	if dlogits, err = d.alloc(n, k); err != nil {
		return nil, nil, err
	}
	err = d.runGroups("softmax_xent", n, push(n, k), logits, labels, dlogits, rowLoss)
	if err == nil {
		loss, err = d.channelSum(1, 1, n, 1/float32(n), rowLoss)
	}
	if err != nil {
		dlogits.Free()
		return nil, nil, err
	}
	return loss, dlogits, nil
}
