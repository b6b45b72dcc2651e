import { describe, expect, it } from 'vitest';
import { watchWasmMemory } from './wasm-memory';

const PAGE = 64 * 1024;

describe('watchWasmMemory', () => {
  it('sums the memories created after it started, growth included; instanceof still holds', () => {
    const wasm = { Memory: WebAssembly.Memory };
    const bytes = watchWasmMemory(wasm);
    expect(bytes()).toBeNull();
    const first = new wasm.Memory({ initial: 2, maximum: 10 });
    const second = new wasm.Memory({ initial: 1, maximum: 4, shared: true });
    expect(first).toBeInstanceOf(WebAssembly.Memory);
    expect(second.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bytes()).toBe(3 * PAGE);
    first.grow(3);
    expect(bytes()).toBe(6 * PAGE);
  });

  it('leaves the global WebAssembly.Memory alone when given another namespace', () => {
    const native = WebAssembly.Memory;
    watchWasmMemory({ Memory: WebAssembly.Memory });
    expect(WebAssembly.Memory).toBe(native);
  });
});
