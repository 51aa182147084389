package vulkan

// deviceFuncs are the device-level functions, resolved once per device with
// vkGetDeviceProcAddr (which skips the loader's dispatch trampoline).
type deviceFuncs struct {
	destroyDevice, getDeviceQueue, deviceWaitIdle, queueSubmit            uintptr
	createBuffer, destroyBuffer, getBufferMemoryRequirements              uintptr
	allocateMemory, freeMemory, bindBufferMemory, mapMemory               uintptr
	createShaderModule, destroyShaderModule                               uintptr
	createDescriptorSetLayout, destroyDescriptorSetLayout                 uintptr
	createPipelineLayout, destroyPipelineLayout                           uintptr
	createComputePipelines, destroyPipeline                               uintptr
	createDescriptorPool, destroyDescriptorPool, resetDescriptorPool      uintptr
	allocateDescriptorSets, updateDescriptorSets                          uintptr
	createCommandPool, destroyCommandPool, resetCommandPool               uintptr
	allocateCommandBuffers, beginCommandBuffer, endCommandBuffer          uintptr
	cmdBindPipeline, cmdBindDescriptorSets, cmdPushConstants, cmdDispatch uintptr
	cmdCopyBuffer, cmdPipelineBarrier                                     uintptr
	createFence, destroyFence, waitForFences, resetFences                 uintptr
	createQueryPool, destroyQueryPool, cmdResetQueryPool                  uintptr
	cmdWriteTimestamp, getQueryPoolResults                                uintptr
}

func (f *deviceFuncs) entries() []fnEntry {
	return []fnEntry{
		{"vkDestroyDevice", &f.destroyDevice, false}, // first: Close needs it after a partial resolve
		{"vkGetDeviceQueue", &f.getDeviceQueue, false},
		{"vkDeviceWaitIdle", &f.deviceWaitIdle, false},
		{"vkQueueSubmit", &f.queueSubmit, false},
		{"vkCreateBuffer", &f.createBuffer, false},
		{"vkDestroyBuffer", &f.destroyBuffer, false},
		{"vkGetBufferMemoryRequirements", &f.getBufferMemoryRequirements, false},
		{"vkAllocateMemory", &f.allocateMemory, false},
		{"vkFreeMemory", &f.freeMemory, false},
		{"vkBindBufferMemory", &f.bindBufferMemory, false},
		{"vkMapMemory", &f.mapMemory, false},
		{"vkCreateShaderModule", &f.createShaderModule, false},
		{"vkDestroyShaderModule", &f.destroyShaderModule, false},
		{"vkCreateDescriptorSetLayout", &f.createDescriptorSetLayout, false},
		{"vkDestroyDescriptorSetLayout", &f.destroyDescriptorSetLayout, false},
		{"vkCreatePipelineLayout", &f.createPipelineLayout, false},
		{"vkDestroyPipelineLayout", &f.destroyPipelineLayout, false},
		{"vkCreateComputePipelines", &f.createComputePipelines, false},
		{"vkDestroyPipeline", &f.destroyPipeline, false},
		{"vkCreateDescriptorPool", &f.createDescriptorPool, false},
		{"vkDestroyDescriptorPool", &f.destroyDescriptorPool, false},
		{"vkResetDescriptorPool", &f.resetDescriptorPool, false},
		{"vkAllocateDescriptorSets", &f.allocateDescriptorSets, false},
		{"vkUpdateDescriptorSets", &f.updateDescriptorSets, false},
		{"vkCreateCommandPool", &f.createCommandPool, false},
		{"vkDestroyCommandPool", &f.destroyCommandPool, false},
		{"vkResetCommandPool", &f.resetCommandPool, false},
		{"vkAllocateCommandBuffers", &f.allocateCommandBuffers, false},
		{"vkBeginCommandBuffer", &f.beginCommandBuffer, false},
		{"vkEndCommandBuffer", &f.endCommandBuffer, false},
		{"vkCmdBindPipeline", &f.cmdBindPipeline, false},
		{"vkCmdBindDescriptorSets", &f.cmdBindDescriptorSets, false},
		{"vkCmdPushConstants", &f.cmdPushConstants, false},
		{"vkCmdDispatch", &f.cmdDispatch, false},
		{"vkCmdCopyBuffer", &f.cmdCopyBuffer, false},
		{"vkCmdPipelineBarrier", &f.cmdPipelineBarrier, false},
		{"vkCreateFence", &f.createFence, false},
		{"vkDestroyFence", &f.destroyFence, false},
		{"vkWaitForFences", &f.waitForFences, false},
		{"vkResetFences", &f.resetFences, false},
		{"vkCreateQueryPool", &f.createQueryPool, false},
		{"vkDestroyQueryPool", &f.destroyQueryPool, false},
		{"vkCmdResetQueryPool", &f.cmdResetQueryPool, false},
		{"vkCmdWriteTimestamp", &f.cmdWriteTimestamp, false},
		{"vkGetQueryPoolResults", &f.getQueryPoolResults, false},
	}
}
