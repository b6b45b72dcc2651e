/**
 * Shape checks of protocol messages (protocol.ts). Everything that arrives by postMessage is untrusted: a
 * message is accepted only when it is a plain object with `v: 1`, a known `type`, exactly the fields of that
 * type and values of the right type and size. Never throws; a refusal says why (for the ignored-message log).
 */
import {
  MAX_ID_LENGTH,
  MAX_IMAGE_BYTES,
  PROTOCOL_VERSION,
  type EmbedInfo,
  type EmbedObject,
  type EmbedRegion,
  type HostMessage,
  type WidgetMessage,
} from './protocol';

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

/** Longest object name or class a caption message may carry (COCO's longest class name is 14 characters). */
const MAX_NAME_LENGTH = 64;

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** A structured-clone result of `{...}`: not an array, a Blob, a Date, a class instance or null. */
function isPlainObject(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  // A clone made in this realm has this realm's Object.prototype; a null prototype is plain too.
  return proto === Object.prototype || proto === null;
}

/** The fields present that `allowed` does not name. */
function extraFields(fields: Fields, allowed: readonly string[]): string[] {
  return Object.keys(fields).filter((key) => !allowed.includes(key));
}

/** Checks the envelope: plain object, v: 1, a string type, and only the allowed fields for that type. */
function envelope(data: unknown, allowedByType: Record<string, readonly string[]>): Parsed<Fields> {
  if (!isPlainObject(data)) return refuse('not a plain object');
  if (data.v !== PROTOCOL_VERSION) return refuse(`unsupported version ${describe(data.v)}`);
  if (typeof data.type !== 'string' || !Object.hasOwn(allowedByType, data.type)) {
    return refuse(`unknown type ${describe(data.type)}`);
  }
  const extra = extraFields(data, ['v', 'type', ...allowedByType[data.type]]);
  if (extra.length > 0) return refuse(`'${data.type}' has unknown fields: ${extra.slice(0, 5).join(', ')}`);
  return { ok: true, message: data };
}

const HOST_FIELDS = {
  'caption-image': ['id', 'image'],
  pause: [],
  resume: [],
  settings: ['refine', 'style'],
} as const;

/** A message from the host page, checked. */
export function parseHostMessage(data: unknown): Parsed<HostMessage> {
  const env = envelope(data, HOST_FIELDS);
  if (!env.ok) return env;
  const m = env.message;
  switch (m.type) {
    case 'caption-image': {
      if (!isId(m.id)) return refuse(`'caption-image' needs an id of 1-${MAX_ID_LENGTH} characters`);
      const size = imageSize(m.image);
      if (size === null) return refuse(`'caption-image' needs an image as a Blob or an ArrayBuffer`);
      if (size === 0) return refuse(`'caption-image' image is empty`);
      if (size > MAX_IMAGE_BYTES) return refuse(`'caption-image' image is ${size} bytes; at most ${MAX_IMAGE_BYTES}`);
      return { ok: true, message: { v: 1, type: 'caption-image', id: m.id, image: m.image as Blob | ArrayBuffer } };
    }
    case 'pause':
      return { ok: true, message: { v: 1, type: 'pause' } };
    case 'resume':
      return { ok: true, message: { v: 1, type: 'resume' } };
    default: {
      if (m.refine !== undefined && typeof m.refine !== 'boolean') return refuse(`'settings' refine must be a boolean`);
      if (m.style !== undefined && !isStyle(m.style)) return refuse(`'settings' style must be 'short' or 'detailed'`);
      const message: HostMessage = { v: 1, type: 'settings' };
      if (m.refine !== undefined) message.refine = m.refine;
      if (m.style !== undefined) message.style = m.style;
      return { ok: true, message };
    }
  }
}

const WIDGET_FIELDS = {
  ready: ['info'],
  progress: ['phase', 'loadedBytes', 'totalBytes'],
  caption: ['id', 'text', 'coarse', 'refined', 'regions', 'objects', 'time', 'width', 'height'],
  error: ['name', 'message', 'id', 'fatal'],
} as const;

/**
 * A message from the widget, checked by the host script. Lenient about added fields (a newer widget of the same
 * version may send more), strict about the ones it reads.
 */
export function parseWidgetMessage(data: unknown): Parsed<WidgetMessage> {
  if (!isPlainObject(data)) return refuse('not a plain object');
  const type = data.type;
  const known = typeof type === 'string' && Object.hasOwn(WIDGET_FIELDS, type);
  // Only the fields this version reads are kept and checked.
  const picked: Fields = { v: data.v, type };
  if (known) for (const key of WIDGET_FIELDS[type as keyof typeof WIDGET_FIELDS]) picked[key] = data[key];
  const env = envelope(known ? dropUndefined(picked) : data, WIDGET_FIELDS);
  if (!env.ok) return env;
  const m = env.message;
  switch (m.type) {
    case 'ready':
      return isInfo(m.info)
        ? { ok: true, message: m as unknown as WidgetMessage }
        : refuse(`'ready' info is malformed`);
    case 'progress': {
      const phases = ['download', 'session', 'warmup', 'ready'];
      if (typeof m.phase !== 'string' || !phases.includes(m.phase)) return refuse(`'progress' phase is unknown`);
      if (!isCount(m.loadedBytes) || (m.totalBytes !== null && !isCount(m.totalBytes))) {
        return refuse(`'progress' byte counts are malformed`);
      }
      return { ok: true, message: m as unknown as WidgetMessage };
    }
    case 'caption': {
      if (m.id !== undefined && !isId(m.id)) return refuse(`'caption' id is malformed`);
      if (typeof m.text !== 'string' || typeof m.coarse !== 'string') return refuse(`'caption' text is malformed`);
      if (m.refined !== null && typeof m.refined !== 'string') return refuse(`'caption' refined is malformed`);
      if (!Array.isArray(m.regions) || !m.regions.every(isRegion)) return refuse(`'caption' regions are malformed`);
      if (m.objects !== undefined && !(Array.isArray(m.objects) && m.objects.every(isObject))) {
        return refuse(`'caption' objects are malformed`);
      }
      if (!isCount(m.time) || !isCount(m.width) || !isCount(m.height)) return refuse(`'caption' numbers are malformed`);
      return { ok: true, message: m as unknown as WidgetMessage };
    }
    default: {
      if (typeof m.name !== 'string' || typeof m.message !== 'string') return refuse(`'error' is malformed`);
      if (m.id !== undefined && !isId(m.id)) return refuse(`'error' id is malformed`);
      if (m.fatal !== undefined && typeof m.fatal !== 'boolean') return refuse(`'error' fatal is malformed`);
      return { ok: true, message: m as unknown as WidgetMessage };
    }
  }
}

function dropUndefined(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_ID_LENGTH;
}

function isStyle(value: unknown): value is 'short' | 'detailed' {
  return value === 'short' || value === 'detailed';
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Byte size of a Blob or ArrayBuffer; null for anything else (typed arrays and SharedArrayBuffers included). */
function imageSize(value: unknown): number | null {
  if (typeof Blob !== 'undefined' && value instanceof Blob) return value.size;
  if (value instanceof ArrayBuffer) return value.byteLength;
  return null;
}

function isRegion(value: unknown): value is EmbedRegion {
  if (!isPlainObject(value)) return false;
  return ['x', 'y', 'w', 'h', 'score'].every((key) => typeof value[key] === 'number' && Number.isFinite(value[key]));
}

/** A named object: a region's numbers plus short name and class strings and a hedge flag. */
function isObject(value: unknown): value is EmbedObject {
  if (!isRegion(value)) return false;
  const named = value as unknown as Fields;
  const short = (v: unknown) => typeof v === 'string' && v.length >= 1 && v.length <= MAX_NAME_LENGTH;
  return short(named.name) && short(named.label) && typeof named.hedged === 'boolean';
}

function isInfo(value: unknown): value is EmbedInfo {
  if (!isPlainObject(value)) return false;
  const model = value.model;
  return (
    value.protocol === PROTOCOL_VERSION &&
    ['camera', 'demo', 'image'].includes(value.mode as string) &&
    ['webgpu', 'wasm'].includes(value.backend as string) &&
    isCount(value.wasmThreads) &&
    typeof value.crossOriginIsolated === 'boolean' &&
    isPlainObject(model) &&
    typeof model.url === 'string' &&
    typeof model.name === 'string' &&
    typeof value.refine === 'boolean' &&
    isStyle(value.style)
  );
}

/** A short, safe description of an untrusted value for a log line (never its full content). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 32 ? `${value.slice(0, 32)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return typeof value;
}
