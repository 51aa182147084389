package vulkan

// The test shader's SPIR-V is committed; this rebuilds it from GLSL.
//go:generate sh testdata/gen.sh

import (
	"encoding/binary"
	"fmt"
	"runtime"
)

const (
	spirvMagic   = 0x07230203
	maxPushBytes = 128 // the contract's limit, also Vulkan's guaranteed minimum
)

// Pipeline is a compute pipeline: a SPIR-V module with entry point "main",
// `bindings` storage buffers at set 0, bindings 0..n-1, and a push-constant
// block of pushBytes bytes (≤ 128).
type Pipeline struct {
	dev       *Device
	pipeline  uint64
	layout    uint64
	setLayout uint64
	bindings  int
	pushBytes int
	pushSize  uint32 // pushBytes rounded up to 4, as Vulkan requires
}

// Pipeline builds a compute pipeline.
func (d *Device) Pipeline(spirv []byte, bindings, pushBytes int) (*Pipeline, error) {
	if err := d.usable(); err != nil {
		return nil, err
	}
	code, err := spirvWords(spirv)
	if err != nil {
		return nil, err
	}
	if err := d.checkLayout(bindings, pushBytes); err != nil {
		return nil, err
	}
	p := &Pipeline{dev: d, bindings: bindings, pushBytes: pushBytes, pushSize: uint32(alignUp(uint64(pushBytes), 4))}
	if err := p.build(code); err != nil {
		p.destroy()
		return nil, fmt.Errorf("vulkan: Pipeline: %w", err)
	}
	d.pipelines = append(d.pipelines, p)
	return p, nil
}

// spirvWords checks the SPIR-V header and copies the code into uint32s, so
// the driver gets the 4-byte alignment it requires whatever the caller had.
func spirvWords(spirv []byte) ([]uint32, error) {
	if len(spirv) < 20 || len(spirv)%4 != 0 {
		return nil, fmt.Errorf("vulkan: Pipeline: %d bytes is not a SPIR-V module", len(spirv))
	}
	if binary.LittleEndian.Uint32(spirv) != spirvMagic {
		return nil, fmt.Errorf("vulkan: Pipeline: no SPIR-V magic number (wrong file or byte order?)")
	}
	code := make([]uint32, len(spirv)/4)
	for i := range code {
		code[i] = binary.LittleEndian.Uint32(spirv[4*i:])
	}
	return code, nil
}

func (d *Device) checkLayout(bindings, pushBytes int) error {
	if limit := int(d.limits.maxPerStageDescriptorStorageBuffers); bindings < 0 || bindings > limit {
		return fmt.Errorf("vulkan: Pipeline: %d bindings, the device allows 0..%d", bindings, limit)
	}
	if limit := min(maxPushBytes, int(d.limits.maxPushConstantsSize)); pushBytes < 0 || pushBytes > limit {
		return fmt.Errorf("vulkan: Pipeline: %d push-constant bytes, the limit is %d", pushBytes, limit)
	}
	return nil
}

// build creates the set layout, pipeline layout, shader module and
// pipeline; the module is only needed while the pipeline is created.
func (p *Pipeline) build(code []uint32) error {
	if err := p.createSetLayout(); err != nil {
		return err
	}
	if err := p.createLayout(); err != nil {
		return err
	}
	module, err := p.dev.createShaderModule(code)
	if err != nil {
		return err
	}
	defer call(p.dev.fn.destroyShaderModule, p.dev.handle, uintptr(module), 0)
	return p.createPipeline(module)
}

func (p *Pipeline) createSetLayout() error {
	var pin runtime.Pinner
	defer pin.Unpin()
	binds := make([]vkDescriptorSetLayoutBinding, p.bindings)
	for i := range binds {
		binds[i] = vkDescriptorSetLayoutBinding{binding: uint32(i), descriptorType: descStorageBuffer,
			descriptorCount: 1, stageFlags: stageCompute}
	}
	info := &vkDescriptorSetLayoutCreateInfo{sType: stDescriptorSetLayoutInfo, bindingCount: uint32(len(binds)),
		pBindings: sliceAddr(&pin, binds)}
	r := callResult(p.dev.fn.createDescriptorSetLayout, p.dev.handle, addr(&pin, info), 0, addr(&pin, &p.setLayout))
	return check("vkCreateDescriptorSetLayout", r)
}

func (p *Pipeline) createLayout() error {
	var pin runtime.Pinner
	defer pin.Unpin()
	sets := []uint64{p.setLayout}
	info := &vkPipelineLayoutCreateInfo{sType: stPipelineLayoutCreateInfo, setLayoutCount: 1, pSetLayouts: sliceAddr(&pin, sets)}
	if p.pushSize > 0 {
		rng := &vkPushConstantRange{stageFlags: stageCompute, size: p.pushSize}
		info.pushConstantRangeCount, info.pPushConstantRanges = 1, addr(&pin, rng)
	}
	r := callResult(p.dev.fn.createPipelineLayout, p.dev.handle, addr(&pin, info), 0, addr(&pin, &p.layout))
	return check("vkCreatePipelineLayout", r)
}

func (d *Device) createShaderModule(code []uint32) (uint64, error) {
	var pin runtime.Pinner
	defer pin.Unpin()
	info := &vkShaderModuleCreateInfo{sType: stShaderModuleCreateInfo, codeSize: uintptr(4 * len(code)),
		pCode: sliceAddr(&pin, code)}
	module := new(uint64)
	r := callResult(d.fn.createShaderModule, d.handle, addr(&pin, info), 0, addr(&pin, module))
	return *module, check("vkCreateShaderModule", r)
}

func (p *Pipeline) createPipeline(module uint64) error {
	var pin runtime.Pinner
	defer pin.Unpin()
	info := &vkComputePipelineCreateInfo{
		sType: stComputePipelineCreateInfo,
		stage: vkPipelineShaderStageCreateInfo{sType: stPipelineShaderStageInfo, stage: stageCompute,
			module: module, pName: cstr(&pin, "main")},
		layout:            p.layout,
		basePipelineIndex: -1,
	}
	r := callResult(p.dev.fn.createComputePipelines, p.dev.handle, 0, 1, addr(&pin, info), 0, addr(&pin, &p.pipeline))
	return check("vkCreateComputePipelines", r)
}

// destroy releases what build created; Close calls it for every pipeline.
func (p *Pipeline) destroy() {
	d := p.dev
	if p.pipeline != 0 {
		call(d.fn.destroyPipeline, d.handle, uintptr(p.pipeline), 0)
	}
	if p.layout != 0 {
		call(d.fn.destroyPipelineLayout, d.handle, uintptr(p.layout), 0)
	}
	if p.setLayout != 0 {
		call(d.fn.destroyDescriptorSetLayout, d.handle, uintptr(p.setLayout), 0)
	}
	p.pipeline, p.layout, p.setLayout = 0, 0, 0
}
