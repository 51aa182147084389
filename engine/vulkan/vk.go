package vulkan

// The Vulkan C types this package needs, written as Go structs whose layout
// equals the C layout on 64-bit platforms (layout_test.go checks sizes and
// offsets against values printed by a C compiler from vulkan_core.h).
// Pointers inside these structs are uintptr: the Go memory they point to is
// pinned by the caller for the duration of the call (see pin.go), so the
// garbage collector never has to trace through memory that C reads.

import "structs"

// API versions (VK_MAKE_API_VERSION(0, major, minor, 0)).
const (
	vkAPI10 = 1 << 22
	vkAPI11 = 1<<22 | 1<<12
	vkAPI12 = 1<<22 | 2<<12
)

// VkResult values this package tells apart.
const (
	vkSuccess            = 0
	vkNotReady           = 1
	vkTimeout            = 2
	vkIncomplete         = 5
	vkErrOutOfHostMemory = -1
	vkErrOutOfDevMemory  = -2
	vkErrInitFailed      = -3
	vkErrDeviceLost      = -4
	vkErrMemoryMapFailed = -5
	vkErrLayerNotPresent = -6
	vkErrExtNotPresent   = -7
	vkErrFeatNotPresent  = -8
	vkErrIncompatible    = -9
	vkErrTooManyObjects  = -10
	vkErrFragmentedPool  = -12
	vkErrUnknown         = -13
	vkErrOutOfPoolMemory = -1000069000
	vkErrFragmentation   = -1000161000
)

// VkStructureType values.
const (
	stApplicationInfo            = 0
	stInstanceCreateInfo         = 1
	stDeviceQueueCreateInfo      = 2
	stDeviceCreateInfo           = 3
	stSubmitInfo                 = 4
	stMemoryAllocateInfo         = 5
	stFenceCreateInfo            = 8
	stBufferCreateInfo           = 12
	stShaderModuleCreateInfo     = 16
	stPipelineShaderStageInfo    = 18
	stComputePipelineCreateInfo  = 29
	stPipelineLayoutCreateInfo   = 30
	stDescriptorSetLayoutInfo    = 32
	stDescriptorPoolCreateInfo   = 33
	stDescriptorSetAllocateInfo  = 34
	stWriteDescriptorSet         = 35
	stCommandPoolCreateInfo      = 39
	stCommandBufferAllocateInfo  = 40
	stCommandBufferBeginInfo     = 42
	stMemoryBarrier              = 46
	stQueryPoolCreateInfo        = 11
	stPhysicalDeviceProperties2  = 1000059001
	stPhysicalDeviceDriverProps  = 1000196000
	instanceEnumeratePortability = 0x1 // VK_INSTANCE_CREATE_ENUMERATE_PORTABILITY_BIT_KHR
)

// VkPhysicalDeviceType values.
const (
	physOther      = 0
	physIntegrated = 1
	physDiscrete   = 2
	physVirtual    = 3
	physCPU        = 4
)

// Flag bits.
const (
	queueCompute = 0x2 // VK_QUEUE_COMPUTE_BIT

	memDeviceLocal  = 0x1 // VK_MEMORY_PROPERTY_*
	memHostVisible  = 0x2
	memHostCoherent = 0x4
	memHostCached   = 0x8
	heapDeviceLocal = 0x1 // VK_MEMORY_HEAP_DEVICE_LOCAL_BIT

	usageTransferSrc = 0x1 // VK_BUFFER_USAGE_*
	usageTransferDst = 0x2
	usageStorage     = 0x20

	stageCompute      = 0x20 // VK_SHADER_STAGE_COMPUTE_BIT
	descStorageBuffer = 7    // VK_DESCRIPTOR_TYPE_STORAGE_BUFFER
	bindPointCompute  = 1    // VK_PIPELINE_BIND_POINT_COMPUTE

	pipeTransfer = 0x1000 // VK_PIPELINE_STAGE_*
	pipeCompute  = 0x800
	pipeHost     = 0x4000
	pipeBottom   = 0x2000

	queryTimestamp  = 2   // VK_QUERY_TYPE_TIMESTAMP
	queryResult64   = 0x1 // VK_QUERY_RESULT_64_BIT
	queryResultWait = 0x2 // VK_QUERY_RESULT_WAIT_BIT

	accessShaderRead    = 0x20 // VK_ACCESS_*
	accessShaderWrite   = 0x40
	accessTransferRead  = 0x800
	accessTransferWrite = 0x1000
	accessHostRead      = 0x2000

	cmdBufferOneTimeSubmit = 0x1 // VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT
	cmdPoolTransient       = 0x1 // VK_COMMAND_POOL_CREATE_TRANSIENT_BIT
	cmdBufferPrimary       = 0   // VK_COMMAND_BUFFER_LEVEL_PRIMARY
)

type vkApplicationInfo struct {
	_                  structs.HostLayout
	sType              uint32
	pNext              uintptr
	pApplicationName   uintptr
	applicationVersion uint32
	pEngineName        uintptr
	engineVersion      uint32
	apiVersion         uint32
}

type vkInstanceCreateInfo struct {
	_                       structs.HostLayout
	sType                   uint32
	pNext                   uintptr
	flags                   uint32
	pApplicationInfo        uintptr
	enabledLayerCount       uint32
	ppEnabledLayerNames     uintptr
	enabledExtensionCount   uint32
	ppEnabledExtensionNames uintptr
}

type vkExtensionProperties struct {
	_             structs.HostLayout
	extensionName [256]byte
	specVersion   uint32
}

type vkPhysicalDeviceLimits struct {
	_                                               structs.HostLayout
	maxImageDimension1D                             uint32
	maxImageDimension2D                             uint32
	maxImageDimension3D                             uint32
	maxImageDimensionCube                           uint32
	maxImageArrayLayers                             uint32
	maxTexelBufferElements                          uint32
	maxUniformBufferRange                           uint32
	maxStorageBufferRange                           uint32
	maxPushConstantsSize                            uint32
	maxMemoryAllocationCount                        uint32
	maxSamplerAllocationCount                       uint32
	bufferImageGranularity                          uint64
	sparseAddressSpaceSize                          uint64
	maxBoundDescriptorSets                          uint32
	maxPerStageDescriptorSamplers                   uint32
	maxPerStageDescriptorUniformBuffers             uint32
	maxPerStageDescriptorStorageBuffers             uint32
	maxPerStageDescriptorSampledImages              uint32
	maxPerStageDescriptorStorageImages              uint32
	maxPerStageDescriptorInputAttachments           uint32
	maxPerStageResources                            uint32
	maxDescriptorSetSamplers                        uint32
	maxDescriptorSetUniformBuffers                  uint32
	maxDescriptorSetUniformBuffersDynamic           uint32
	maxDescriptorSetStorageBuffers                  uint32
	maxDescriptorSetStorageBuffersDynamic           uint32
	maxDescriptorSetSampledImages                   uint32
	maxDescriptorSetStorageImages                   uint32
	maxDescriptorSetInputAttachments                uint32
	maxVertexInputAttributes                        uint32
	maxVertexInputBindings                          uint32
	maxVertexInputAttributeOffset                   uint32
	maxVertexInputBindingStride                     uint32
	maxVertexOutputComponents                       uint32
	maxTessellationGenerationLevel                  uint32
	maxTessellationPatchSize                        uint32
	maxTessellationControlPerVertexInputComponents  uint32
	maxTessellationControlPerVertexOutputComponents uint32
	maxTessellationControlPerPatchOutputComponents  uint32
	maxTessellationControlTotalOutputComponents     uint32
	maxTessellationEvaluationInputComponents        uint32
	maxTessellationEvaluationOutputComponents       uint32
	maxGeometryShaderInvocations                    uint32
	maxGeometryInputComponents                      uint32
	maxGeometryOutputComponents                     uint32
	maxGeometryOutputVertices                       uint32
	maxGeometryTotalOutputComponents                uint32
	maxFragmentInputComponents                      uint32
	maxFragmentOutputAttachments                    uint32
	maxFragmentDualSrcAttachments                   uint32
	maxFragmentCombinedOutputResources              uint32
	maxComputeSharedMemorySize                      uint32
	maxComputeWorkGroupCount                        [3]uint32
	maxComputeWorkGroupInvocations                  uint32
	maxComputeWorkGroupSize                         [3]uint32
	subPixelPrecisionBits                           uint32
	subTexelPrecisionBits                           uint32
	mipmapPrecisionBits                             uint32
	maxDrawIndexedIndexValue                        uint32
	maxDrawIndirectCount                            uint32
	maxSamplerLodBias                               float32
	maxSamplerAnisotropy                            float32
	maxViewports                                    uint32
	maxViewportDimensions                           [2]uint32
	viewportBoundsRange                             [2]float32
	viewportSubPixelBits                            uint32
	minMemoryMapAlignment                           uintptr
	minTexelBufferOffsetAlignment                   uint64
	minUniformBufferOffsetAlignment                 uint64
	minStorageBufferOffsetAlignment                 uint64
	minTexelOffset                                  int32
	maxTexelOffset                                  uint32
	minTexelGatherOffset                            int32
	maxTexelGatherOffset                            uint32
	minInterpolationOffset                          float32
	maxInterpolationOffset                          float32
	subPixelInterpolationOffsetBits                 uint32
	maxFramebufferWidth                             uint32
	maxFramebufferHeight                            uint32
	maxFramebufferLayers                            uint32
	framebufferColorSampleCounts                    uint32
	framebufferDepthSampleCounts                    uint32
	framebufferStencilSampleCounts                  uint32
	framebufferNoAttachmentsSampleCounts            uint32
	maxColorAttachments                             uint32
	sampledImageColorSampleCounts                   uint32
	sampledImageIntegerSampleCounts                 uint32
	sampledImageDepthSampleCounts                   uint32
	sampledImageStencilSampleCounts                 uint32
	storageImageSampleCounts                        uint32
	maxSampleMaskWords                              uint32
	timestampComputeAndGraphics                     uint32
	timestampPeriod                                 float32
	maxClipDistances                                uint32
	maxCullDistances                                uint32
	maxCombinedClipAndCullDistances                 uint32
	discreteQueuePriorities                         uint32
	pointSizeRange                                  [2]float32
	lineWidthRange                                  [2]float32
	pointSizeGranularity                            float32
	lineWidthGranularity                            float32
	strictLines                                     uint32
	standardSampleLocations                         uint32
	optimalBufferCopyOffsetAlignment                uint64
	optimalBufferCopyRowPitchAlignment              uint64
	nonCoherentAtomSize                             uint64
}

type vkPhysicalDeviceProperties struct {
	_                 structs.HostLayout
	apiVersion        uint32
	driverVersion     uint32
	vendorID          uint32
	deviceID          uint32
	deviceType        uint32
	deviceName        [256]byte
	pipelineCacheUUID [16]byte
	limits            vkPhysicalDeviceLimits
	sparseProperties  [5]uint32
}

type vkPhysicalDeviceProperties2 struct {
	_          structs.HostLayout
	sType      uint32
	pNext      uintptr
	properties vkPhysicalDeviceProperties
}

type vkPhysicalDeviceDriverProperties struct {
	_                  structs.HostLayout
	sType              uint32
	pNext              uintptr
	driverID           uint32
	driverName         [256]byte
	driverInfo         [256]byte
	conformanceVersion [4]byte
}

type vkQueueFamilyProperties struct {
	_                           structs.HostLayout
	queueFlags                  uint32
	queueCount                  uint32
	timestampValidBits          uint32
	minImageTransferGranularity [3]uint32
}

type vkMemoryType struct {
	_             structs.HostLayout
	propertyFlags uint32
	heapIndex     uint32
}

type vkMemoryHeap struct {
	_     structs.HostLayout
	size  uint64
	flags uint32
}

type vkPhysicalDeviceMemoryProperties struct {
	_               structs.HostLayout
	memoryTypeCount uint32
	memoryTypes     [32]vkMemoryType
	memoryHeapCount uint32
	memoryHeaps     [16]vkMemoryHeap
}

type vkDeviceQueueCreateInfo struct {
	_                structs.HostLayout
	sType            uint32
	pNext            uintptr
	flags            uint32
	queueFamilyIndex uint32
	queueCount       uint32
	pQueuePriorities uintptr
}

type vkDeviceCreateInfo struct {
	_                       structs.HostLayout
	sType                   uint32
	pNext                   uintptr
	flags                   uint32
	queueCreateInfoCount    uint32
	pQueueCreateInfos       uintptr
	enabledLayerCount       uint32
	ppEnabledLayerNames     uintptr
	enabledExtensionCount   uint32
	ppEnabledExtensionNames uintptr
	pEnabledFeatures        uintptr
}

type vkBufferCreateInfo struct {
	_                     structs.HostLayout
	sType                 uint32
	pNext                 uintptr
	flags                 uint32
	size                  uint64
	usage                 uint32
	sharingMode           uint32
	queueFamilyIndexCount uint32
	pQueueFamilyIndices   uintptr
}

type vkMemoryRequirements struct {
	_              structs.HostLayout
	size           uint64
	alignment      uint64
	memoryTypeBits uint32
}

type vkMemoryAllocateInfo struct {
	_               structs.HostLayout
	sType           uint32
	pNext           uintptr
	allocationSize  uint64
	memoryTypeIndex uint32
}

type vkShaderModuleCreateInfo struct {
	_        structs.HostLayout
	sType    uint32
	pNext    uintptr
	flags    uint32
	codeSize uintptr
	pCode    uintptr
}

type vkDescriptorSetLayoutBinding struct {
	_                  structs.HostLayout
	binding            uint32
	descriptorType     uint32
	descriptorCount    uint32
	stageFlags         uint32
	pImmutableSamplers uintptr
}

type vkDescriptorSetLayoutCreateInfo struct {
	_            structs.HostLayout
	sType        uint32
	pNext        uintptr
	flags        uint32
	bindingCount uint32
	pBindings    uintptr
}

type vkPushConstantRange struct {
	_          structs.HostLayout
	stageFlags uint32
	offset     uint32
	size       uint32
}

type vkPipelineLayoutCreateInfo struct {
	_                      structs.HostLayout
	sType                  uint32
	pNext                  uintptr
	flags                  uint32
	setLayoutCount         uint32
	pSetLayouts            uintptr
	pushConstantRangeCount uint32
	pPushConstantRanges    uintptr
}

type vkPipelineShaderStageCreateInfo struct {
	_                   structs.HostLayout
	sType               uint32
	pNext               uintptr
	flags               uint32
	stage               uint32
	module              uint64
	pName               uintptr
	pSpecializationInfo uintptr
}

type vkComputePipelineCreateInfo struct {
	_                  structs.HostLayout
	sType              uint32
	pNext              uintptr
	flags              uint32
	stage              vkPipelineShaderStageCreateInfo
	layout             uint64
	basePipelineHandle uint64
	basePipelineIndex  int32
}

type vkCommandPoolCreateInfo struct {
	_                structs.HostLayout
	sType            uint32
	pNext            uintptr
	flags            uint32
	queueFamilyIndex uint32
}

type vkCommandBufferAllocateInfo struct {
	_                  structs.HostLayout
	sType              uint32
	pNext              uintptr
	commandPool        uint64
	level              uint32
	commandBufferCount uint32
}

type vkCommandBufferBeginInfo struct {
	_                structs.HostLayout
	sType            uint32
	pNext            uintptr
	flags            uint32
	pInheritanceInfo uintptr
}

type vkFenceCreateInfo struct {
	_     structs.HostLayout
	sType uint32
	pNext uintptr
	flags uint32
}

type vkQueryPoolCreateInfo struct {
	_                  structs.HostLayout
	sType              uint32
	pNext              uintptr
	flags              uint32
	queryType          uint32
	queryCount         uint32
	pipelineStatistics uint32
}

type vkSubmitInfo struct {
	_                    structs.HostLayout
	sType                uint32
	pNext                uintptr
	waitSemaphoreCount   uint32
	pWaitSemaphores      uintptr
	pWaitDstStageMask    uintptr
	commandBufferCount   uint32
	pCommandBuffers      uintptr
	signalSemaphoreCount uint32
	pSignalSemaphores    uintptr
}

type vkDescriptorPoolSize struct {
	_               structs.HostLayout
	typ             uint32
	descriptorCount uint32
}

type vkDescriptorPoolCreateInfo struct {
	_             structs.HostLayout
	sType         uint32
	pNext         uintptr
	flags         uint32
	maxSets       uint32
	poolSizeCount uint32
	pPoolSizes    uintptr
}

type vkDescriptorSetAllocateInfo struct {
	_                  structs.HostLayout
	sType              uint32
	pNext              uintptr
	descriptorPool     uint64
	descriptorSetCount uint32
	pSetLayouts        uintptr
}

type vkDescriptorBufferInfo struct {
	_      structs.HostLayout
	buffer uint64
	offset uint64
	rng    uint64
}

type vkWriteDescriptorSet struct {
	_                structs.HostLayout
	sType            uint32
	pNext            uintptr
	dstSet           uint64
	dstBinding       uint32
	dstArrayElement  uint32
	descriptorCount  uint32
	descriptorType   uint32
	pImageInfo       uintptr
	pBufferInfo      uintptr
	pTexelBufferView uintptr
}

type vkMemoryBarrier struct {
	_             structs.HostLayout
	sType         uint32
	pNext         uintptr
	srcAccessMask uint32
	dstAccessMask uint32
}

type vkBufferCopy struct {
	_         structs.HostLayout
	srcOffset uint64
	dstOffset uint64
	size      uint64
}
