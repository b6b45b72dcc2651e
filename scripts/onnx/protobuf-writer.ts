/**
 * The few protobuf wire-format primitives an ONNX file needs (https://protobuf.dev/programming-guides/encoding/),
 * so the project can write small models without Python or a protobuf library.
 */

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** Accumulates one protobuf message; nested messages are written as finished byte arrays. */
export class ProtoWriter {
  /** Finished pieces; `chunks` collects the small writes (keys, varints) between two large payloads. */
  private readonly parts: Uint8Array[] = [];
  private chunks: number[] = [];

  private flush(): void {
    if (this.chunks.length > 0) {
      this.parts.push(Uint8Array.from(this.chunks));
      this.chunks = [];
    }
  }

  /** Unsigned LEB128; int64 fields with negative values are not needed by our models and are refused. */
  private varint(value: number | bigint): void {
    let v = BigInt(value);
    if (v < 0n) throw new RangeError(`negative varint ${v} is not supported`);
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      this.chunks.push(byte);
    } while (v !== 0n);
  }

  private key(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  int(field: number, value: number | bigint): this {
    this.key(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  /**
   * An int64/int32 field that may be negative: two's complement in 10 bytes, as protobuf writes `int64` (ONNX's
   * attribute ints and axes are int64 and are often negative, e.g. axis -1).
   */
  int64(field: number, value: number | bigint): this {
    this.key(field, WIRE_VARINT);
    this.varint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  /** A `float` field (wire type 5, little-endian IEEE 754 single). */
  float32(field: number, value: number): this {
    this.key(field, WIRE_FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    for (const byte of b) this.chunks.push(byte);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WIRE_LENGTH_DELIMITED);
    this.varint(value.length);
    if (value.length < 256) {
      for (const byte of value) this.chunks.push(byte);
    } else {
      this.flush();
      this.parts.push(value);
    }
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  finish(): Uint8Array {
    this.flush();
    if (this.parts.length === 1) return this.parts[0].slice();
    const out = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
