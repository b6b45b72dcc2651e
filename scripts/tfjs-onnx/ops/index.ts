import type { Translator } from '../context';
import { convOps } from './conv';
import { elementwiseOps } from './elementwise';
import { matmulOps } from './matmul';
import { reduceOps } from './reduce';
import { resizeOps } from './resize';
import { shapeOps } from './shape';

/** Every TF op the converter translates, by TF op name. */
export const TRANSLATORS: Readonly<Record<string, Translator>> = {
  ...convOps,
  ...elementwiseOps,
  ...matmulOps,
  ...reduceOps,
  ...resizeOps,
  ...shapeOps,
};
