import path from 'node:path';

import { JsonFileStore } from './json-file-store.mjs';

// oidc-provider storage adapter backed by one JSON file per model under <dataDir>/models,
// so registered clients, grants and sessions survive a restart.
// Writes are synchronous: simple, ordered, and plenty fast for a dev IdP.
export function fileAdapterFactory(dataDir) {
  const stores = new Map();
  const storeFor = (model) => {
    if (!stores.has(model)) {
      stores.set(model, new JsonFileStore(path.join(dataDir, 'models', `${model}.json`)));
    }
    return stores.get(model);
  };

  return class FileAdapter {
    #store;

    constructor(model) {
      this.#store = storeFor(model);
    }

    async upsert(id, payload, expiresIn) {
      this.#store.set(id, payload, expiresIn);
    }

    async find(id) {
      return this.#store.get(id);
    }

    async findByUid(uid) {
      return this.#store.find((payload) => payload.uid === uid)?.value;
    }

    async findByUserCode(userCode) {
      return this.#store.find((payload) => payload.userCode === userCode)?.value;
    }

    async consume(id) {
      this.#store.update(id, (payload) => {
        payload.consumed = Math.floor(Date.now() / 1000);
      });
    }

    async destroy(id) {
      this.#store.delete(id);
    }

    async revokeByGrantId(grantId) {
      this.#store.deleteWhere((payload) => payload.grantId === grantId);
    }
  };
}
