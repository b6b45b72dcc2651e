/**
 * The few protobuf wire-format primitives an ONNX file needs (https://protobuf.dev/programming-guides/encoding/),
 * so the project can write small models without Python or a protobuf library.
 */

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

/** Accumulates one protobuf message; nested messages are written as finished byte arrays. */
export class ProtoWriter {
  private readonly chunks: number[] = [];

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

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WIRE_LENGTH_DELIMITED);
    this.varint(value.length);
    for (const byte of value) this.chunks.push(byte);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}
