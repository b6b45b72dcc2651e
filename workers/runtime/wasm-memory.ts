/**
 * The size of ORT's WebAssembly memory, for leak checks over long runs (scripts/soak.ts). onnxruntime-web keeps
 * its module private, and CDP's heap figures leave WASM memory out, but ORT's glue creates that memory itself
 * with `new WebAssembly.Memory(...)` (shared, threads or not). So the worker wraps the constructor once, before
 * ORT loads, and remembers what it made. The wrapper returns the real Memory: nothing else changes.
 */

/** The part of the WebAssembly namespace this touches. */
export interface WasmNamespace {
  Memory: typeof WebAssembly.Memory;
}

/**
 * Starts remembering the memories `wasm.Memory` creates from now on; returns a reader of their current total
 * size in bytes (null while none is alive). Call once per global.
 */
export function watchWasmMemory(wasm: WasmNamespace = WebAssembly): () => number | null {
  let made: WeakRef<WebAssembly.Memory>[] = [];
  const Native = wasm.Memory;
  const Watched = function (descriptor: WebAssembly.MemoryDescriptor) {
    const memory = new Native(descriptor);
    made.push(new WeakRef(memory));
    return memory;
  } as unknown as typeof WebAssembly.Memory;
  // `instanceof WebAssembly.Memory` keeps working for the memories it returns.
  Watched.prototype = Native.prototype;
  wasm.Memory = Watched;

  return () => {
    made = made.filter((ref) => ref.deref() !== undefined);
    if (made.length === 0) return null;
    return made.reduce((sum, ref) => sum + (ref.deref()?.buffer.byteLength ?? 0), 0);
  };
}
