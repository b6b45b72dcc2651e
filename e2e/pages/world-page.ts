/**
 * The scene world as one script for a browser page (e2e/world-*.spec.ts bundle it with Vite and inject it):
 * the same modules Node uses, exposed on `window.GlanceWorld`.
 */
export { startDemoCamera } from '../../src/world/demo-camera';
export { demoSceneAt } from '../../src/world/demo-world';
export { sceneSeed } from '../../src/world/random';
export { renderScene } from '../../src/world/render';
export { sampleScene } from '../../src/world/scene';
