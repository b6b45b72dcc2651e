/**
 * Labelling aid for the hand-labelled photos (docs/real-photos.md): writes PNG copies of a photo with a labelled
 * coordinate grid, or with boxes drawn on it, to check labels by eye. It draws only; it runs no model.
 * Usage:
 *   npx tsx scripts/real-photos/overlay.ts grid PHOTO OUT.png [--step 50] [--crop x,y,w,h] [--zoom 2]
 *   npx tsx scripts/real-photos/overlay.ts boxes PHOTO OUT.png --id ID [--labels scripts/real-photos/labels.json]
 *   npx tsx scripts/real-photos/overlay.ts boxes PHOTO OUT.png --json '[[x,y,w,h],...]'
 *   npx tsx scripts/real-photos/overlay.ts sheet OUT.png PHOTO... (numbered thumbnails, 256 px)
 * Grid labels are photo pixels (the crop's offset included); box labels are the objects' indices, listed on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCli } from '../cli';
import { decode as decodePng, encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

export function readImage(path: string): Rgba {
  const bytes = readFileSync(path);
  if (bytes[0] === 0x89) {
    const png = decodePng(bytes);
    const out = new Uint8Array(png.width * png.height * 4);
    const ch = png.channels;
    const src = png.data;
    const shift = png.depth === 16 ? 257 : 1;
    for (let i = 0; i < png.width * png.height; i++) {
      const g = ch < 3;
      out[i * 4] = src[i * ch] / shift;
      out[i * 4 + 1] = src[i * ch + (g ? 0 : 1)] / shift;
      out[i * 4 + 2] = src[i * ch + (g ? 0 : 2)] / shift;
      out[i * 4 + 3] = 255;
    }
    return { width: png.width, height: png.height, data: out };
  }
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  return { width: img.width, height: img.height, data: img.data };
}

// 3x5 digit glyphs (and ',' '-'), one row of 3 bits per string.
const GLYPHS: Record<string, string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  ',': ['000', '000', '000', '010', '100'],
  '-': ['000', '000', '111', '000', '000'],
};

type Colour = [number, number, number];

function setPixel(img: Rgba, x: number, y: number, c: Colour, alpha = 1): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const i = (y * img.width + x) * 4;
  for (let k = 0; k < 3; k++) img.data[i + k] = Math.round(img.data[i + k] * (1 - alpha) + c[k] * alpha);
}

function text(img: Rgba, s: string, x: number, y: number, c: Colour, scale = 2): void {
  // A dark backing so the digits read on any photo.
  for (let yy = y - 1; yy < y + 5 * scale + 1; yy++) {
    for (let xx = x - 1; xx < x + s.length * 4 * scale; xx++) setPixel(img, xx, yy, [0, 0, 0], 0.7);
  }
  [...s].forEach((ch, n) => {
    const g = GLYPHS[ch];
    if (!g) return;
    for (let r = 0; r < 5; r++) {
      for (let col = 0; col < 3; col++) {
        if (g[r][col] !== '1') continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) setPixel(img, x + (n * 4 + col) * scale + dx, y + r * scale + dy, c);
        }
      }
    }
  });
}

function rect(img: Rgba, x: number, y: number, w: number, h: number, c: Colour, thick = 2): void {
  for (let t = 0; t < thick; t++) {
    for (let xx = x; xx <= x + w; xx++) {
      setPixel(img, xx, y + t, c);
      setPixel(img, xx, y + h - t, c);
    }
    for (let yy = y; yy <= y + h; yy++) {
      setPixel(img, x + t, yy, c);
      setPixel(img, x + w - t, yy, c);
    }
  }
}

/** Crops [x, y, w, h] and scales by an integer zoom (nearest neighbour), so small areas can be read closely. */
function cropZoom(img: Rgba, crop: number[], zoom: number): Rgba {
  const [cx, cy, cw, ch] = crop;
  const out: Rgba = { width: cw * zoom, height: ch * zoom, data: new Uint8Array(cw * zoom * ch * zoom * 4) };
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const sx = Math.min(img.width - 1, cx + Math.floor(x / zoom));
      const sy = Math.min(img.height - 1, cy + Math.floor(y / zoom));
      const si = (sy * img.width + sx) * 4;
      out.data.set(img.data.subarray(si, si + 4), (y * out.width + x) * 4);
    }
  }
  return out;
}

function grid(img: Rgba, step: number, crop: number[], zoom: number): Rgba {
  const out = cropZoom(img, crop, zoom);
  const [cx, cy] = crop;
  const first = (v: number): number => Math.ceil(v / step) * step;
  for (let gx = first(cx); gx < cx + crop[2]; gx += step) {
    const x = (gx - cx) * zoom;
    const major = gx % (step * 2) === 0;
    for (let y = 0; y < out.height; y++) setPixel(out, x, y, major ? [255, 255, 0] : [0, 255, 255], 0.6);
    text(out, String(gx), x + 2, 2, [255, 255, 0]);
    text(out, String(gx), x + 2, out.height - 13, [255, 255, 0]);
  }
  for (let gy = first(cy); gy < cy + crop[3]; gy += step) {
    const y = (gy - cy) * zoom;
    const major = gy % (step * 2) === 0;
    for (let x = 0; x < out.width; x++) setPixel(out, x, y, major ? [255, 255, 0] : [0, 255, 255], 0.6);
    text(out, String(gy), 2, y + 2, [0, 255, 255]);
    text(out, String(gy), out.width - 30, y + 2, [0, 255, 255]);
  }
  return out;
}

const PALETTE: Colour[] = [
  [255, 40, 40],
  [40, 255, 40],
  [60, 120, 255],
  [255, 255, 0],
  [255, 0, 255],
  [0, 255, 255],
  [255, 140, 0],
  [255, 255, 255],
];

function boxes(img: Rgba, list: number[][]): Rgba {
  list.forEach((b, i) => {
    const c = PALETTE[i % PALETTE.length];
    const [x, y, w, h] = b.map(Math.round);
    rect(img, x, y, w, h, c);
    text(img, String(i), x + 3, y + 3, c);
  });
  return img;
}

function sheet(paths: string[], tile = 256): Rgba {
  const cols = Math.min(4, paths.length);
  const rows = Math.ceil(paths.length / cols);
  const out: Rgba = { width: cols * tile, height: rows * tile, data: new Uint8Array(cols * tile * rows * tile * 4) };
  paths.forEach((p, n) => {
    const img = readImage(p);
    const s = Math.min(tile / img.width, tile / img.height);
    const ox = (n % cols) * tile;
    const oy = Math.floor(n / cols) * tile;
    for (let y = 0; y < Math.floor(img.height * s); y++) {
      for (let x = 0; x < Math.floor(img.width * s); x++) {
        const si = (Math.floor(y / s) * img.width + Math.floor(x / s)) * 4;
        out.data.set(img.data.subarray(si, si + 4), ((oy + y) * out.width + ox + x) * 4);
      }
    }
    text(out, String(n), ox + 4, oy + 4, [255, 255, 0], 3);
    console.log(n, p, `${img.width}x${img.height}`);
  });
  return out;
}

function write(path: string, img: Rgba): void {
  writeFileSync(path, encodePng({ width: img.width, height: img.height, data: img.data, channels: 4, depth: 8 }));
}

function main(): void {
  const { values, positionals } = parseCli(import.meta.url, {
    allowPositionals: true,
    options: {
      step: { type: 'string', default: '50' },
      crop: { type: 'string' },
      zoom: { type: 'string', default: '1' },
      id: { type: 'string' },
      labels: { type: 'string', default: 'scripts/real-photos/labels.json' },
      json: { type: 'string' },
    },
  });
  const [mode, ...rest] = positionals;
  if (mode === 'sheet') {
    const [out, ...photos] = rest;
    write(out, sheet(photos));
    return;
  }
  const [photo, out] = rest;
  if (!photo || !out) throw new Error('usage: overlay.ts grid|boxes PHOTO OUT.png ... (see the header comment)');
  const img = readImage(photo);
  if (mode === 'grid') {
    const crop = values.crop ? values.crop.split(',').map(Number) : [0, 0, img.width, img.height];
    write(out, grid(img, Number(values.step), crop, Number(values.zoom)));
  } else if (mode === 'boxes') {
    let list: number[][];
    if (values.json) {
      list = JSON.parse(values.json) as number[][];
    } else {
      const labels = JSON.parse(readFileSync(values.labels, 'utf8')) as {
        photos: { id: string; objects: { label: string; box: number[] }[] }[];
      };
      const entry = labels.photos.find((p) => p.id === values.id);
      if (!entry) throw new Error(`no photo ${values.id} in ${values.labels}`);
      entry.objects.forEach((o, i) => console.log(i, o.label, o.box.join(',')));
      list = entry.objects.map((o) => o.box);
    }
    write(out, boxes(img, list));
  } else {
    throw new Error(`unknown mode ${mode}: grid, boxes or sheet`);
  }
}

main();
