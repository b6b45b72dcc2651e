import type { InferenceBackend, TensorRef } from './backend';
import type { GlanceConfig } from './bundle/config';
import { cropChw } from './image/pixels';
import type { Region } from './regions';
import type { RegionMemory } from './region-memory';

/** A live stream's region memory (region-memory.ts): crops unchanged since its last frame skip the encoder. */
export interface RegionReuse {
  stream: string;
  memory: RegionMemory;
}

/**
 * Steps 7-8 of docs/model-format.md: crops each region's window from the normalised full-resolution square
 * (planar CHW, no resampling), encodes the crops, and fuses their features with the coarse caption through the
 * connector. Returns the region embeddings on the host ([k*R*D]) for pass 2's prompt. With `reuse`, a crop whose
 * pixels have not changed since the stream's last frame keeps its features and is not encoded again.
 */
export async function lookAgain(
  backend: InferenceBackend,
  config: GlanceConfig,
  squareChw: Float32Array,
  regions: readonly Region[],
  captionEmbeds: Float32Array,
  reuse?: RegionReuse,
): Promise<Float32Array> {
  const { size } = config.image;
  const W = config.regions.window;
  const k = regions.length;
  const T = config.vision.grid * config.vision.grid;
  const F = config.vision.region_feature_size;
  const D = config.decoder.hidden_size;

  const crops = regions.map((r) => cropChw(squareChw, size, r.x0, r.y0, W));
  const kept = regions.map((r, i) => reuse?.memory.find(reuse.stream, r.x0, r.y0, crops[i]) ?? null);
  const fresh = regions.map((_, i) => i).filter((i) => kept[i] === null);
  const boxes = new Float32Array(k * 4);
  regions.forEach((r, i) => boxes.set([r.x0 / size, r.y0 / size, (r.x0 + W) / size, (r.y0 + W) / size], i * 4));

  const owned: TensorRef[] = [];
  try {
    const features = new Float32Array(k * T * F);
    kept.forEach((region, i) => region && features.set(region.features, i * T * F));
    if (fresh.length > 0) {
      const pixels = new Float32Array(fresh.length * 3 * W * W);
      fresh.forEach((i, j) => pixels.set(crops[i], j * 3 * W * W));
      const pixelTensor = backend.create('float32', pixels, [fresh.length, 3, W, W]);
      owned.push(pixelTensor);
      const encoded = await backend.run('vision_encoder', { pixel_values: pixelTensor });
      owned.push(...Object.values(encoded));
      // [n,T,F] -> [1,k,T,F]: a reshape the seam has no op for, so through the host (k*T*F floats, once a frame).
      const encodedFeatures = await backend.read(encoded.region_features);
      fresh.forEach((i, j) => features.set(encodedFeatures.subarray(j * T * F, (j + 1) * T * F), i * T * F));
    }
    reuse?.memory.remember(
      reuse.stream,
      regions.map(
        (r, i) =>
          kept[i] ?? { x0: r.x0, y0: r.y0, pixels: crops[i], features: features.slice(i * T * F, (i + 1) * T * F) },
      ),
    );
    const feeds = {
      region_features: backend.create('float32', features, [1, k, T, F]),
      region_boxes: backend.create('float32', boxes, [1, k, 4]),
      caption_embeds: backend.create('float32', captionEmbeds, [1, captionEmbeds.length / D, D]),
    };
    owned.push(...Object.values(feeds));
    const fused = await backend.run('connector', feeds);
    owned.push(...Object.values(fused));
    return await backend.read(fused.region_embeds);
  } finally {
    for (const tensor of owned) backend.release(tensor);
  }
}
