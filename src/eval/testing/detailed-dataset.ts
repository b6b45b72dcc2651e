/** Test helper: a world dataset of the given scenes whose one reference per image is its detailed caption. */
import { caption } from '../../world/captions';
import type { ObjectDescription } from '../../world/scene';
import { readCocoCaptions, type CocoDataset } from '../coco';

export function detailedDataset(scenes: readonly ObjectDescription[][]): CocoDataset {
  return readCocoCaptions({
    images: scenes.map((objects, id) => ({ id, file_name: `images/${id}.png`, objects })),
    annotations: scenes.map((objects, id) => ({
      image_id: id,
      style: 'detailed',
      caption: caption(objects, 'detailed'),
    })),
  });
}
