/** Where the worker leaves onnxruntime-web for transformers.js (ort-for-transformers.ts reads it). */
export const ORT_FOR_TRANSFORMERS = Symbol.for('glance.onnxruntime-for-transformers');
