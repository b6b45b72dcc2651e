/**
 * "Download all as JSON" of the Images view: every card's captions, regions and timings, the objects each caption
 * names where the model knows them (boxes in the image's pixels), or its error.
 */
import type { ImageCard } from './image-cards';

export function toImagesJson(cards: readonly ImageCard[], exportedAtMs: number): string {
  return JSON.stringify(
    {
      format: 'glance-images',
      version: 1,
      exportedAt: new Date(exportedAtMs).toISOString(),
      images: cards.map((card) => {
        const base = { name: card.name, bytes: card.size, status: card.status };
        if (card.problem) return { ...base, error: `${card.problem.title} ${card.problem.detail}` };
        if (!card.outcome) return base;
        const { result, frameWidth, frameHeight, model } = card.outcome;
        return {
          ...base,
          width: frameWidth,
          height: frameHeight,
          style: result.style,
          coarse: result.coarse.text,
          refined: result.refined?.text ?? null,
          regions: result.regions.map(({ x, y, w, h, score }) => ({ x, y, w, h, score })),
          saliency: result.saliency,
          ...(result.objects ? { objects: result.objects } : {}),
          timingsMs: result.timings,
          backend: result.backend,
          model: model ?? null,
        };
      }),
    },
    null,
    2,
  );
}
