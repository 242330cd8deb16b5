/**
 * Reads values out of parsed JSON by dotted path and records every problem, so one synth reports
 * every missing or malformed value at once, each by name (`Configuration missing value for: domains.mcp`).
 */
export class ConfigReader {
  readonly problems: string[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly root: unknown) {}

  string(path: string, check?: { pattern: RegExp; expected: string }, fallback?: string): string {
    const value = this.lookup(path);
    if (value === undefined || value === null || value === '') {
      if (fallback !== undefined) return fallback;
      this.missing(path);
      return '';
    }
    if (typeof value !== 'string') {
      this.invalid(path, 'expected a string');
      return '';
    }
    if (check && !check.pattern.test(value)) this.invalid(path, `expected ${check.expected}, got "${value}"`);
    return value;
  }

  number(path: string, check: { min: number; max: number; integer?: boolean }, fallback?: number): number {
    const value = this.lookup(path);
    if (value === undefined || value === null) {
      if (fallback !== undefined) return fallback;
      this.missing(path);
      return NaN;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.invalid(path, 'expected a number');
      return NaN;
    }
    if ((check.integer ?? true) && !Number.isInteger(value)) this.invalid(path, 'expected a whole number');
    if (value < check.min || value > check.max) this.invalid(path, `expected ${check.min}..${check.max}, got ${value}`);
    return value;
  }

  boolean(path: string, fallback?: boolean): boolean {
    const value = this.lookup(path);
    if (value === undefined || value === null) {
      if (fallback !== undefined) return fallback;
      this.missing(path);
      return false;
    }
    if (typeof value !== 'boolean') {
      this.invalid(path, 'expected true or false');
      return false;
    }
    return value;
  }

  stringList(path: string, item: { pattern: RegExp; expected: string }, options: { min: number; fallback?: string[] }): string[] {
    const value = this.lookup(path);
    if (value === undefined || value === null) {
      if (options.fallback !== undefined) return options.fallback;
      this.missing(path);
      return [];
    }
    if (!Array.isArray(value)) {
      this.invalid(path, 'expected a list');
      return [];
    }
    if (value.length < options.min) this.invalid(path, `expected at least ${options.min} item(s)`);
    value.forEach((entry, index) => {
      if (typeof entry !== 'string' || !item.pattern.test(entry)) {
        this.invalid(`${path}[${index}]`, `expected ${item.expected}, got ${JSON.stringify(entry)}`);
      }
    });
    return value.filter((entry): entry is string => typeof entry === 'string');
  }

  numberList(path: string, check: { min: number; max: number; minItems: number; maxItems: number }, fallback: number[]): number[] {
    const value = this.lookup(path);
    if (value === undefined || value === null) return fallback;
    if (!Array.isArray(value)) {
      this.invalid(path, 'expected a list of numbers');
      return [];
    }
    if (value.length < check.minItems || value.length > check.maxItems) {
      this.invalid(path, `expected ${check.minItems}..${check.maxItems} numbers`);
    }
    value.forEach((entry, index) => {
      if (typeof entry !== 'number' || !Number.isFinite(entry) || entry < check.min || entry > check.max) {
        this.invalid(`${path}[${index}]`, `expected a number ${check.min}..${check.max}, got ${JSON.stringify(entry)}`);
      }
    });
    return value.filter((entry): entry is number => typeof entry === 'number');
  }

  invalid(path: string, why: string): void {
    this.problems.push(`Configuration invalid value for: ${path} (${why})`);
  }

  /** Reports keys nobody read: a typo (`domains.mpc`) must not silently fall back to a default. */
  reportUnknownKeys(): void {
    const walk = (node: unknown, prefix: string): void => {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
      for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
        const path = prefix ? `${prefix}.${key}` : key;
        if (key === '$comment') continue;
        if (!this.seen.has(path)) this.problems.push(`Configuration unknown key: ${path}`);
        else walk(child, path);
      }
    };
    walk(this.root, '');
  }

  missing(path: string, hint?: string): void {
    this.problems.push(`Configuration missing value for: ${path}${hint ? ` (${hint})` : ''}`);
  }

  private lookup(path: string): unknown {
    let node: unknown = this.root;
    const parts = path.split('.');
    parts.forEach((_, i) => this.seen.add(parts.slice(0, i + 1).join('.')));
    for (const part of parts) {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return node;
  }
}
