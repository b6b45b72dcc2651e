import { describe, expect, it } from 'vitest';
import { familyOnnxFiles, isLargeDownload, LARGE_DOWNLOAD_BYTES } from './download-size';

describe('hub download size', () => {
  it('names the files transformers.js loads for each family and dtype', () => {
    expect(familyOnnxFiles('vision-encoder-decoder', 'q8')).toEqual([
      'onnx/encoder_model_quantized.onnx',
      'onnx/decoder_model_merged_quantized.onnx',
    ]);
    expect(familyOnnxFiles('vision-encoder-decoder', 'fp16')).toEqual([
      'onnx/encoder_model_fp16.onnx',
      'onnx/decoder_model_merged_fp16.onnx',
    ]);
    expect(familyOnnxFiles('vision-encoder-decoder', 'fp32')).toEqual([
      'onnx/encoder_model.onnx',
      'onnx/decoder_model_merged.onnx',
    ]);
    expect(familyOnnxFiles('florence2', 'q8')).toEqual([
      'onnx/embed_tokens_quantized.onnx',
      'onnx/vision_encoder_quantized.onnx',
      'onnx/encoder_model_quantized.onnx',
      'onnx/decoder_model_merged_quantized.onnx',
    ]);
    expect(familyOnnxFiles('instruction-vlm', 'fp16')).toEqual([
      'onnx/embed_tokens_fp16.onnx',
      'onnx/vision_encoder_fp16.onnx',
      'onnx/decoder_model_merged_fp16.onnx',
    ]);
  });

  it('asks above 500 MB, not at it', () => {
    expect(isLargeDownload(LARGE_DOWNLOAD_BYTES)).toBe(false);
    expect(isLargeDownload(LARGE_DOWNLOAD_BYTES + 1)).toBe(true);
    expect(isLargeDownload(246_000_000)).toBe(false);
    expect(LARGE_DOWNLOAD_BYTES).toBe(500 * 1024 * 1024);
  });
});
