import { readJsonFile, writeJsonFileAtomic } from './json-file.mjs';

// A small key/value table kept in memory and mirrored to one JSON file.
// Entries may expire; expired ones are dropped on read and on the next write.
// One process owns a data folder at a time (this is a dev tool, not a database).
export class JsonFileStore {
  #file;
  #entries;

  constructor(file) {
    this.#file = file;
    this.#entries = new Map(Object.entries(readJsonFile(file) ?? {}));
  }

  get(id) {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (isExpired(entry)) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  set(id, value, expiresInSeconds) {
    const expiresAt = typeof expiresInSeconds === 'number'
      ? Date.now() + expiresInSeconds * 1000
      : null;
    this.#entries.set(id, { value, expiresAt });
    this.#persist();
  }

  update(id, change) {
    const entry = this.#entries.get(id);
    if (!entry || isExpired(entry)) return;
    change(entry.value);
    this.#persist();
  }

  delete(id) {
    if (this.#entries.delete(id)) this.#persist();
  }

  deleteWhere(predicate) {
    let changed = false;
    for (const [id, entry] of this.#entries) {
      if (predicate(entry.value)) {
        this.#entries.delete(id);
        changed = true;
      }
    }
    if (changed) this.#persist();
  }

  find(predicate) {
    for (const [id, entry] of this.#entries) {
      if (!isExpired(entry) && predicate(entry.value)) return { id, value: entry.value };
    }
    return undefined;
  }

  #persist() {
    for (const [id, entry] of this.#entries) {
      if (isExpired(entry)) this.#entries.delete(id);
    }
    writeJsonFileAtomic(this.#file, Object.fromEntries(this.#entries));
  }
}

function isExpired(entry) {
  return entry.expiresAt !== null && entry.expiresAt <= Date.now();
}
