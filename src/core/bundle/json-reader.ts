import { ModelFormatError } from '../errors';

/**
 * Reads fields of untrusted JSON with errors that name the file and the dotted field path, so a broken bundle
 * says exactly what to fix ("config.json: decoder.head_dim must be a positive integer, got "32"").
 */
export class JsonReader {
  constructor(
    readonly file: string,
    private readonly root: unknown,
  ) {}

  fail(path: string, problem: string): never {
    throw new ModelFormatError(`${this.file}: ${path ? `${path} ` : ''}${problem}`);
  }

  /** The raw value at a dotted path; throws when a field on the way is missing. */
  get(path: string): unknown {
    let value: unknown = this.root;
    let walked = '';
    for (const key of path.split('.')) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        this.fail(walked, `must be an object, got ${describe(value)}`);
      }
      walked = walked ? `${walked}.${key}` : key;
      if (!(key in value)) this.fail(walked, 'is missing');
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  }

  has(path: string): boolean {
    try {
      this.get(path);
      return true;
    } catch {
      return false;
    }
  }

  integer(path: string, min = 0): number {
    const value = this.get(path);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(path, `must be an integer, got ${describe(value)}`);
    }
    if (value < min) this.fail(path, `must be >= ${min}, got ${value}`);
    return value;
  }

  number(path: string): number {
    const value = this.get(path);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(path, `must be a finite number, got ${describe(value)}`);
    }
    return value;
  }

  string(path: string): string {
    const value = this.get(path);
    if (typeof value !== 'string') this.fail(path, `must be a string, got ${describe(value)}`);
    return value;
  }

  array(path: string): unknown[] {
    const value = this.get(path);
    if (!Array.isArray(value)) this.fail(path, `must be an array, got ${describe(value)}`);
    return value;
  }

  integerArray(path: string, min = 0): number[] {
    return this.array(path).map((item, i) => {
      if (typeof item !== 'number' || !Number.isInteger(item) || item < min) {
        this.fail(`${path}[${i}]`, `must be an integer >= ${min}, got ${describe(item)}`);
      }
      return item;
    });
  }

  numberArray(path: string, length: number): number[] {
    const items = this.array(path);
    if (items.length !== length) this.fail(path, `must have ${length} numbers, got ${items.length}`);
    return items.map((item, i) => {
      if (typeof item !== 'number' || !Number.isFinite(item)) {
        this.fail(`${path}[${i}]`, `must be a finite number, got ${describe(item)}`);
      }
      return item;
    });
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
