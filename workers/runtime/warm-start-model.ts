/**
 * A one-node ONNX model (y = Identity(x), x and y float32[1], opset 17, 105 bytes) whose only job is to make
 * onnxruntime-web start its runtime (ort-env.ts, startOrt) before the bundle's parts are ready. Written by the
 * project's ONNX writer; warm-start-model.test.ts encodes it again and compares.
 */
export const WARM_START_MODEL = Uint8Array.from(
  atob(
    'CAgSDmdsYW5jZS1zY3JpcHRzGgExOkwKHAoBeBIBeRoKaWRlbnRpdHlfMCIISWRlbnRpdHkSCndhcm1fc3RhcnRaDwoBeBIKCggIARIECgIIAWIPCgF5EgoKCAgBEgQKAggBQgQKABAR',
  ),
  (c) => c.charCodeAt(0),
);
