/**
 * IEEE 754 half precision (binary16) as raw bits, the layout of an ONNX float16 tensor's raw_data. Node 20 has no
 * Float16Array or Math.f16round, so the rounding is done here: round to nearest, ties to even, as a float32 → float16
 * Cast does.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Rounds `bits` right by `shift` places, ties to even. */
function shiftRoundEven(bits: number, shift: number): number {
  const kept = bits >>> shift;
  const rest = bits & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}

export function float16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  const e = exp - 127 + 15;
  // Subnormal (or zero) halves: the implicit leading 1 joins the mantissa, shifted further right.
  if (e <= 0) return e < -10 ? sign : sign | shiftRoundEven(mant | 0x800000, 14 - e);
  if (e >= 0x1f) return sign | 0x7c00;
  // A carry out of the mantissa moves into the exponent, and past the largest finite half into infinity.
  return sign | Math.min(0x7c00, shiftRoundEven((e << 23) | mant, 13));
}

export function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant !== 0 ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export function toFloat16(values: Float32Array): Uint16Array {
  return Uint16Array.from(values, float16Bits);
}

export function fromFloat16(bits: Uint16Array): Float32Array {
  return Float32Array.from(bits, float16Value);
}
