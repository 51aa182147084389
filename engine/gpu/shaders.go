package gpu

import (
	"embed"
	"encoding/binary"
	"fmt"
	"math"
)

//go:generate sh shaders/generate.sh

// spirv holds the compiled shaders, shaders/spv/NAME.spv for each
// shaders/NAME.comp; they are committed so building needs no compiler.
//
//go:embed shaders/spv/*.spv
var spirv embed.FS

// shaderLayout is what a pipeline needs besides the code: the number of
// storage buffers (bindings 0..n-1) and the size of the push-constant block
// in 4-byte words, in the order the shader declares them.
type shaderLayout struct {
	bindings, pushWords int
}

// shaderLayouts lists every shader with its interface; dispatch checks each
// call against it, so a Go caller and a shader cannot disagree silently on
// the number of arguments.
var shaderLayouts = map[string]shaderLayout{
	"fill":                      {1, 2},
	"scale":                     {1, 2},
	"clamp":                     {2, 3},
	"clamp_backward":            {3, 3},
	"binary":                    {3, 4},
	"channel_copy":              {2, 6},
	"channel_sum":               {2, 4},
	"bn_stats":                  {3, 3},
	"bn_forward":                {6, 6},
	"bn_fold":                   {8, 4},
	"bn_update_running":         {4, 4},
	"bn_backward_sums":          {6, 4},
	"bn_backward_dx":            {8, 6},
	"maxpool":                   {3, 11},
	"maxpool_backward":          {3, 11},
	"adaptive_avgpool":          {2, 5},
	"adaptive_avgpool_backward": {2, 5},
	"softmax_xent":              {4, 2},
	"momentum":                  {3, 3},
	"adam":                      {4, 9},
	"im2col":                    {2, 16},
	"col2im":                    {2, 16},
	"batch_to_cols":             {2, 5},
	"conv_direct":               {4, 19},
	"conv_gemm":                 {4, 18},
	"conv_gemm_dw":              {3, 17},
	"conv_gemm_dx":              {3, 15},
	"conv_direct_bwd_data":      {3, 16},
	"conv_direct_bwd_weights":   {3, 17},
	"gemm":                      {4, 22},
	"gemm_vec":                  {4, 22},
	"gemm_reduce":               {3, 12},
}

// push packs push constants as the shaders declare them (std430: 4-byte
// scalars in order, little-endian): int → int/uint (two's complement),
// uint32, float32, bool → 0/1.
func push(vals ...any) []byte {
	out := make([]byte, 0, 4*len(vals))
	for _, v := range vals {
		var w uint32
		switch x := v.(type) {
		case int:
			w = uint32(int32(x))
		case uint32:
			w = x
		case float32:
			w = math.Float32bits(x)
		case bool:
			if x {
				w = 1
			}
		default:
			panic(fmt.Sprintf("gpu: push constant of type %T", v))
		}
		out = binary.LittleEndian.AppendUint32(out, w)
	}
	return out
}
