/**
 * A hedged guess at the scene from the classes present ("probably a kitchen"), by the weights of SCENE_RULES;
 * said only with SCENE_MIN_EVIDENCE and a SCENE_MIN_LEAD over the runner-up.
 */
import { SCENE_HEDGED_FACTOR, SCENE_MIN_EVIDENCE, SCENE_MIN_LEAD, SCENE_RULES } from './constants';
import type { SeenObject } from './types';

/** Evidence per scene: each class counted once, at its best (confident over hedged). */
export function sceneEvidence(objects: readonly Pick<SeenObject, 'label' | 'hedged'>[]): Map<string, number> {
  const weightOf = new Map<string, number>();
  for (const o of objects) {
    const w = o.hedged ? SCENE_HEDGED_FACTOR : 1;
    weightOf.set(o.label, Math.max(weightOf.get(o.label) ?? 0, w));
  }
  const out = new Map<string, number>();
  for (const [scene, rule] of Object.entries(SCENE_RULES)) {
    let sum = 0;
    for (const [label, w] of weightOf) sum += (rule[label] ?? 0) * w;
    if (sum > 0) out.set(scene, sum);
  }
  return out;
}

/** The scene phrase ('a kitchen', ...) or null when the evidence is too weak or ambiguous. */
export function guessScene(objects: readonly Pick<SeenObject, 'label' | 'hedged'>[]): string | null {
  const ranked = [...sceneEvidence(objects).entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return null;
  const [best, second] = [ranked[0], ranked[1]?.[1] ?? 0];
  const eps = 1e-9;
  return best[1] + eps >= SCENE_MIN_EVIDENCE && best[1] - second + eps >= SCENE_MIN_LEAD ? best[0] : null;
}
