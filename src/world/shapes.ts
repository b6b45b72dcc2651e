/**
 * Inside tests for the 8 shapes in object-local coordinates: u right, v down, the bounding square is
 * [-1, 1] x [-1, 1]. Vertices are literal constants (no Math.sin/cos at render time) so every JS engine
 * rasterises the same pixels.
 */
import type { Shape } from './scene';

/** True when the point (u, v) is inside the shape. */
export type InsideTest = (u: number, v: number) => boolean;

/** Regular 5-point star (inner/outer radius 0.382), scaled to span the square's width and centred. */
// prettier-ignore
const STAR: readonly (readonly [number, number])[] = [
  [0, -0.951057], [0.236068, -0.224514], [1, -0.224514], [0.381966, 0.224514], [0.618034, 0.951057],
  [0, 0.502029], [-0.618034, 0.951057], [-0.381966, 0.224514], [-1, -0.224514], [-0.236068, -0.224514],
];

/** Even-odd crossing test; fine for the star, which is a simple (non self-intersecting) outline. */
function insidePolygon(points: readonly (readonly [number, number])[], u: number, v: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > v !== yj > v && u < ((xj - xi) * (v - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const SQRT3 = Math.sqrt(3);
/** The classic heart curve (x²+y²-1)³ - x²y³ <= 0 spans x in ±1.139, y in [-1, 1.236]: map it to the square. */
const HEART_SCALE = 1.139;
const HEART_Y_CENTRE = 0.118;
const CROSS_HALF_ARM = 0.34;
const DIAMOND_HALF_WIDTH = 0.72;

export const INSIDE: Readonly<Record<Shape, InsideTest>> = {
  circle: (u, v) => u * u + v * v <= 1,
  square: (u, v) => Math.abs(u) <= 1 && Math.abs(v) <= 1,
  triangle: (u, v) => v <= 1 && Math.abs(u) * 2 <= v + 1,
  star: (u, v) => insidePolygon(STAR, u, v),
  // Pointy left and right, flat top and bottom, width 2.
  hexagon: (u, v) => {
    const au = Math.abs(u);
    const av = Math.abs(v);
    return av <= SQRT3 / 2 && SQRT3 * au + av <= SQRT3;
  },
  // Narrower than tall, so it never reads as a rotated square.
  diamond: (u, v) => Math.abs(u) / DIAMOND_HALF_WIDTH + Math.abs(v) <= 1,
  heart: (u, v) => {
    const x = u * HEART_SCALE;
    const y = HEART_Y_CENTRE - v * HEART_SCALE;
    const r = x * x + y * y - 1;
    return r * r * r - x * x * y * y * y <= 0;
  },
  cross: (u, v) => {
    const au = Math.abs(u);
    const av = Math.abs(v);
    return au <= 1 && av <= 1 && (au <= CROSS_HALF_ARM || av <= CROSS_HALF_ARM);
  },
};
