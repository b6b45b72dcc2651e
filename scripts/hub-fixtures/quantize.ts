/**
 * Symmetric per-tensor int8 quantization, the scheme DequantizeLinear inverts with zero point 0:
 * w ≈ q · scale, q ∈ [-127, 127].
 */

/** Round half to even, as ONNX QuantizeLinear does, so the int8 values are what a standard quantizer would write. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function quantizeInt8(values: Float32Array): { data: Int8Array; scale: number } {
  let maxAbs = 0;
  for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
  // An all-zero tensor still needs a positive scale to be a valid DequantizeLinear input.
  const scale = Math.fround(maxAbs > 0 ? maxAbs / 127 : 1);
  const data = Int8Array.from(values, (v) => Math.max(-127, Math.min(127, roundHalfEven(v / scale))));
  return { data, scale };
}

export function dequantizeInt8(data: Int8Array, scale: number): Float32Array {
  return Float32Array.from(data, (q) => q * scale);
}
