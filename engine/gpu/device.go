package gpu

import (
	"fmt"

	"transferlab/engine/vulkan"
)

// Device is a Vulkan device with the compiled pipelines of the shaders.
// Like vulkan.Device it is not safe for concurrent use. Every op records
// dispatches (nothing runs until Sync or ToHost) and allocates its outputs.
type Device struct {
	vk    *vulkan.Device
	pipes map[string]*vulkan.Pipeline // built on first use: building all costs seconds on lavapipe
	// dummy is bound where a shader's optional input (a bias) is absent.
	dummy *vulkan.Buffer
	// scratch holds temporaries: im2col matrices (slot 0), a gradient laid
	// out for a GEMM (1), split-K partial products (2). Dispatches run in
	// recording order with a barrier after each, so one buffer per slot can
	// serve every op recorded before a Sync.
	scratch [3]*vulkan.Buffer
	// scratchLimit caps the floats of one chunk's scratch (maxScratchFloats;
	// tests lower it to cut tiny convolutions into several chunks).
	scratchLimit int
	// gemmKernel is the GEMM layout products run with (SetGemmLayout).
	gemmKernel gemmKernel
	// prof, when set, times every dispatch on its own (StartProfile).
	prof *Profile
}

// Open opens a Vulkan device (index as vulkan.Open; < 0 picks the best).
func Open(index int) (*Device, error) {
	vk, err := vulkan.Open(index)
	if err != nil {
		return nil, err
	}
	d := &Device{vk: vk, pipes: map[string]*vulkan.Pipeline{}, scratchLimit: maxScratchFloats, gemmKernel: gemmKernels[0]}
	if d.dummy, err = vk.Alloc(4); err != nil {
		vk.Close()
		return nil, fmt.Errorf("gpu: %w", err)
	}
	return d, nil
}

// Info describes the device.
func (d *Device) Info() vulkan.DeviceInfo { return d.vk.Info() }

// Close waits for the device and releases it with every tensor and pipeline.
func (d *Device) Close() {
	if d.vk != nil {
		d.vk.Close()
		d.vk = nil
	}
}

// Sync runs everything recorded so far and waits.
func (d *Device) Sync() error { return d.vk.Sync() }

// pipeline returns the named shader's pipeline, building it on first use.
func (d *Device) pipeline(name string) (*vulkan.Pipeline, shaderLayout, error) {
	lay, ok := shaderLayouts[name]
	if !ok {
		return nil, lay, fmt.Errorf("gpu: no shader %q", name)
	}
	if p := d.pipes[name]; p != nil {
		return p, lay, nil
	}
	code, err := spirv.ReadFile("shaders/spv/" + name + ".spv")
	if err != nil {
		return nil, lay, fmt.Errorf("gpu: shader %s: %w", name, err)
	}
	p, err := d.vk.Pipeline(code, lay.bindings, 4*lay.pushWords)
	if err != nil {
		return nil, lay, fmt.Errorf("gpu: shader %s: %w", name, err)
	}
	d.pipes[name] = p
	return p, lay, nil
}

// dispatch records one run of shader name over groups workgroups.
func (d *Device) dispatch(name string, groups [3]uint32, pc []byte, bufs ...*vulkan.Buffer) error {
	p, lay, err := d.pipeline(name)
	if err != nil {
		return err
	}
	if len(bufs) != lay.bindings || len(pc) != 4*lay.pushWords {
		return fmt.Errorf("gpu: shader %s takes %d buffers and %d push bytes, got %d and %d",
			name, lay.bindings, 4*lay.pushWords, len(bufs), len(pc))
	}
	if d.prof != nil {
		return d.prof.time(d, name, func() error { return d.vk.Dispatch(p, groups, pc, bufs...) })
	}
	if err := d.vk.Dispatch(p, groups, pc, bufs...); err != nil {
		return fmt.Errorf("gpu: %s: %w", name, err)
	}
	return nil
}

// maxGroupsX is the smallest maxComputeWorkGroupCount[0] Vulkan guarantees.
const maxGroupsX = 65535

// grid spreads blocks workgroups over x and y (both ≤ 65535); the shaders
// recover the flat workgroup index as y·numX + x and skip the excess.
func grid(blocks int) [3]uint32 {
	blocks = max(blocks, 1)
	x := min(blocks, maxGroupsX)
	return [3]uint32{uint32(x), uint32(ceilDiv(blocks, x)), 1}
}

// grid1D covers n invocations of a shader with 256-wide workgroups.
func grid1D(n int) [3]uint32 { return grid(ceilDiv(n, 256)) }

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// run records shader name over n elements (one invocation each) with the
// given tensors bound in order.
func (d *Device) run(name string, n int, pc []byte, ts ...*Tensor) error {
	return d.dispatch(name, grid1D(n), pc, buffers(ts)...)
}

// runGroups records shader name with one workgroup per item (a channel,
// a row, a weight) for the reduction shaders.
func (d *Device) runGroups(name string, items int, pc []byte, ts ...*Tensor) error {
	return d.dispatch(name, grid(items), pc, buffers(ts)...)
}

func buffers(ts []*Tensor) []*vulkan.Buffer {
	bufs := make([]*vulkan.Buffer, len(ts))
	for i, t := range ts {
		bufs[i] = t.buf
	}
	return bufs
}

// scratchFloats returns scratch slot's buffer grown to at least n floats.
// The old buffer is freed at once: vulkan reuses its memory only after the
// next Sync, when the dispatches recorded with it have run.
func (d *Device) scratchFloats(slot, n int) (*vulkan.Buffer, error) {
	if b := d.scratch[slot]; b != nil && b.Size() >= 4*n {
		return b, nil
	}
	if d.scratch[slot] != nil {
		d.scratch[slot].Free()
		d.scratch[slot] = nil
	}
	b, err := d.vk.Alloc(4 * max(n, 1))
	if err != nil {
		return nil, fmt.Errorf("gpu: scratch of %d floats: %w", n, err)
	}
	d.scratch[slot] = b
	return b, nil
}
