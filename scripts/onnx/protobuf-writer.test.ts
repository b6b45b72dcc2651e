import { describe, expect, it } from 'vitest';
import { ProtoWriter } from './protobuf-writer';

// Expected bytes are the worked examples of https://protobuf.dev/programming-guides/encoding/.
describe('ProtoWriter', () => {
  it('writes a varint field like the spec: field 1 = 150 -> 08 96 01', () => {
    expect([...new ProtoWriter().int(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
  });

  it('writes a string field like the spec: field 2 = "testing" -> 12 07 74 65 73 74 69 6e 67', () => {
    expect([...new ProtoWriter().string(2, 'testing').finish()]).toEqual([
      0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67,
    ]);
  });

  it('writes an embedded message like the spec: field 3 = {1: 150} -> 1a 03 08 96 01', () => {
    const inner = new ProtoWriter().int(1, 150);
    expect([...new ProtoWriter().message(3, inner).finish()]).toEqual([0x1a, 0x03, 0x08, 0x96, 0x01]);
  });

  it('encodes multi-byte varints and large int64 values', () => {
    expect([...new ProtoWriter().int(1, 300).finish()]).toEqual([0x08, 0xac, 0x02]);
    expect([...new ProtoWriter().int(1, 2n ** 35n).finish()]).toEqual([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
  });

  it('refuses negative varints instead of writing a wrong two-complement', () => {
    expect(() => new ProtoWriter().int(1, -1)).toThrow(RangeError);
  });

  it('writes negative int64 as ten-byte two-complement (protobuf int64): field 1 = -1', () => {
    expect([...new ProtoWriter().int64(1, -1).finish()]).toEqual([
      0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
    expect([...new ProtoWriter().int64(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
  });

  it('writes float fields as fixed32 little-endian: field 2 = 1.0 -> 15 00 00 80 3f', () => {
    expect([...new ProtoWriter().float32(2, 1).finish()]).toEqual([0x15, 0x00, 0x00, 0x80, 0x3f]);
  });

  it('keeps large payloads intact between small writes', () => {
    const big = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    const out = new ProtoWriter().int(1, 5).bytes(2, big).int(3, 7).finish();
    expect([...out.slice(0, 5)]).toEqual([0x08, 0x05, 0x12, 0xe8, 0x07]);
    expect([...out.slice(5, 1005)]).toEqual([...big]);
    expect([...out.slice(1005)]).toEqual([0x18, 0x07]);
  });
});
