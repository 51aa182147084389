// Runs an ONNX model in ONNX Runtime (CPU) on one float32 input, for the Go
// tests of engine/onnx, which cannot link ONNX Runtime without cgo.
//
// usage: node run.js MODEL.onnx INPUT.f32 DIM...
// INPUT.f32 holds the input's float32 values, little-endian, row-major; the
// output's dims and values go to stdout as JSON.
const fs = require('fs');
const ort = require('onnxruntime-node');

async function main() {
  const [model, input, ...dims] = process.argv.slice(2);
  const buf = fs.readFileSync(input);
  // A copy: Float32Array needs a 4-byte-aligned buffer, and Node's may not be.
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  const session = await ort.InferenceSession.create(model);
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', data, dims.map(Number)) };
  const out = (await session.run(feeds))[session.outputNames[0]];
  process.stdout.write(JSON.stringify({
    input: session.inputNames[0], output: session.outputNames[0], dims: out.dims, data: Array.from(out.data),
  }));
}

main().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});
