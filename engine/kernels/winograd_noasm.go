//go:build !amd64 || purego

package kernels

// No vector Winograd transforms here, so the Winograd convolution never
// runs (winogradApplies is false); winograd.go's Go transforms remain for
// the tests.
var useWinogradAVX512 = false

func winoOutput43Vec(m []float32, mstride int, tmp, o []float32, ostride int) {
	panic("kernels: no vector Winograd transform on this architecture")
}

func winoGatherInput43Vec(base []float32, offs *[winoLanes]int32, wp int, p, dst []float32, stride int) {
	panic("kernels: no vector Winograd transform on this architecture")
}

func winoGatherGrad43Vec(base []float32, offs *[winoLanes]int32, w4 int, p, dst []float32, stride, n int) {
	panic("kernels: no vector Winograd transform on this architecture")
}

func winoScatter43Vec(o []float32, ostride int, y []float32, offs *[winoLanes]int, ow int, full uint16) {
	panic("kernels: no vector Winograd transform on this architecture")
}

func winoFilter8Vec(w []float32, f0 int, idx *[8]int32, nk, ns int, dst []float32, dstride int) {
	panic("kernels: no vector Winograd transform on this architecture")
}
