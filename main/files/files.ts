import { join } from 'node:path';
import type { Vault } from '../accounts/vault.ts';
import type { DataPaths } from '../platform/data-dir.ts';
import type { StoreClient } from '../store/client.ts';
import { BlobStore } from './blob-store.node.ts';
import { loadFileKey } from './file-key.node.ts';

/** Where the encrypted blobs live under the data folder. */
export function blobRoot(paths: DataPaths): string {
  return join(paths.files, 'store');
}

/**
 * Main's handle on the encrypted file store: opened with the file key from the record store
 * once the vault is unlocked, one BlobStore per open store.
 */
export class Files {
  readonly #vault: Vault;
  readonly #root: string;
  readonly #fetch: ((hash: string) => Promise<boolean>) | undefined;
  #opened: { store: StoreClient; blobs: Promise<BlobStore> } | null = null;

  /** `fetch`: brings a file another workstation stored from the clinic's storage (the sync worker); true once it is here. */
  constructor(options: { vault: Vault; paths: DataPaths; fetch?: (hash: string) => Promise<boolean> }) {
    this.#vault = options.vault;
    this.#root = blobRoot(options.paths);
    this.#fetch = options.fetch;
  }

  get root(): string {
    return this.#root;
  }

  /** The blob store; refuses while the vault is locked (no file key then). */
  blobs(): Promise<BlobStore> {
    const store = this.#vault.store;
    if (this.#opened?.store !== store) {
      this.#opened = { store, blobs: loadFileKey(store).then((fileKey) => new BlobStore({ root: this.#root, fileKey })) };
    }
    return this.#opened.blobs;
  }

  /**
   * Whether the file is on this workstation, fetching it first if it arrived through sync without its bytes (an
   * image or document stored on another workstation, opened here before the worker downloaded it).
   */
  async ensure(hash: string): Promise<boolean> {
    return (await (await this.blobs()).has(hash)) || ((await this.#fetch?.(hash)) ?? false);
  }

  /** The decrypted file, fetched first where `ensure` would; null when it is neither here nor reachable now. */
  async readFetched(hash: string): Promise<Uint8Array | null> {
    return (await this.ensure(hash)) ? (await this.blobs()).read(hash) : null;
  }

  /** The raw file key, for workers that open their own BlobStore (import parsing, sync). */
  fileKey(): Promise<Buffer> {
    return loadFileKey(this.#vault.store);
  }
}
