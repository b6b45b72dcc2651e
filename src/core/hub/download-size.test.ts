import { describe, expect, it } from 'vitest';
import { encoderDecoderFiles, isLargeDownload, LARGE_DOWNLOAD_BYTES } from './download-size';

describe('hub download size', () => {
  it('names the files transformers.js loads for each dtype', () => {
    expect(encoderDecoderFiles('q8')).toEqual([
      'onnx/encoder_model_quantized.onnx',
      'onnx/decoder_model_merged_quantized.onnx',
    ]);
    expect(encoderDecoderFiles('fp16')).toEqual([
      'onnx/encoder_model_fp16.onnx',
      'onnx/decoder_model_merged_fp16.onnx',
    ]);
    expect(encoderDecoderFiles('fp32')).toEqual(['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx']);
  });

  it('asks above 500 MB, not at it', () => {
    expect(isLargeDownload(LARGE_DOWNLOAD_BYTES)).toBe(false);
    expect(isLargeDownload(LARGE_DOWNLOAD_BYTES + 1)).toBe(true);
    expect(isLargeDownload(246_000_000)).toBe(false);
    expect(LARGE_DOWNLOAD_BYTES).toBe(500 * 1024 * 1024);
  });
});
