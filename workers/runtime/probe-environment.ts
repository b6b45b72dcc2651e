import type { AdapterFacts, EnvironmentFacts } from './select-backend';

/** The subset of GPUAdapter read here; older Chromium put isFallbackAdapter on the adapter, newer on `info`. */
interface AdapterLike {
  features: { has(feature: string): boolean };
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
}

interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

async function probeAdapter(): Promise<AdapterFacts | null> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  let adapter: AdapterLike | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    return null;
  }
  if (!adapter) return null;
  const info = adapter.info ?? {};
  const description = [info.vendor, info.architecture, info.description].filter(Boolean).join(' / ') || 'unknown';
  return {
    isFallback: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
    hasShaderF16: adapter.features.has('shader-f16'),
    description,
  };
}

/** Reads what the current (worker) global offers: WebGPU adapter, cross-origin isolation, logical cores. */
export async function probeEnvironment(): Promise<EnvironmentFacts> {
  return {
    adapter: await probeAdapter(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: navigator.hardwareConcurrency || 1,
  };
}
