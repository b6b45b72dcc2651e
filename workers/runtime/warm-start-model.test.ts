import { describe, expect, it } from 'vitest';
import * as ortNode from 'onnxruntime-node';
import { encodeModel, ONNX_FLOAT } from '../../scripts/onnx/onnx-writer';
import { WARM_START_MODEL } from './warm-start-model';

describe('the warm-start model', () => {
  it('is the one-node Identity model the ONNX writer encodes', () => {
    const expected = encodeModel({
      graphName: 'warm_start',
      opset: 17,
      inputs: [{ name: 'x', elemType: ONNX_FLOAT, dims: [1] }],
      outputs: [{ name: 'y', elemType: ONNX_FLOAT, dims: [1] }],
      initializers: [],
      nodes: [{ opType: 'Identity', inputs: ['x'], outputs: ['y'] }],
    });
    expect(Array.from(WARM_START_MODEL)).toEqual(Array.from(expected));
  });

  it('loads and runs in onnxruntime', async () => {
    const session = await ortNode.InferenceSession.create(WARM_START_MODEL);
    const { y } = await session.run({ x: new ortNode.Tensor('float32', Float32Array.of(2.5), [1]) });
    expect(Array.from(y.data as Float32Array)).toEqual([2.5]);
    await session.release();
  });
});
