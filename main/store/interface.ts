import type Database from '@signalapp/sqlcipher';
import type { Tuning } from './connection.node.ts';
import type { registry } from './methods.ts';

/**
 * The typed contract of the record store. A query runs synchronously in the
 * store worker, inside the transaction of its method call; its arguments and
 * result cross a thread boundary by structured clone (plain data, Uint8Array
 * for bytes, no functions or class instances).
 */
export type Query = (db: Database, ...args: never) => unknown;
export type QueryModule = Readonly<Record<string, Query>>;
export type Registry = Readonly<Record<string, QueryModule>>;

type Methods = typeof registry;
type ModuleName = keyof Methods & string;

/** `module.query`, e.g. `patients.get`. */
export type MethodName = { [M in ModuleName]: `${M}.${keyof Methods[M] & string}` }[ModuleName];

type QueryAt<N extends MethodName> = N extends `${infer M extends ModuleName}.${infer Q}`
  ? Q extends keyof Methods[M]
    ? Methods[M][Q]
    : never
  : never;
type ArgsOf<F> = F extends (db: Database, ...args: infer A) => unknown ? A : never;
type ResultOf<F> = F extends (...args: never) => infer R ? R : never;

export type MethodArgs<N extends MethodName> = ArgsOf<QueryAt<N>>;
export type MethodResult<N extends MethodName> = ResultOf<QueryAt<N>>;

/** `client.methods.patients.get(id)`: the registry, asynchronous and without the `db` argument. */
export type MethodsProxy = {
  readonly [M in ModuleName]: {
    readonly [Q in keyof Methods[M] & string]: (...args: ArgsOf<Methods[M][Q]>) => Promise<ResultOf<Methods[M][Q]>>;
  };
};

export type OpenRequest =
  | { mode: 'encrypted'; path: string; key: Uint8Array; create: boolean; tuning?: Tuning }
  /** No encryption: only the benchmark's baseline. */
  | { mode: 'plain'; path: string; create: boolean; tuning?: Tuning };

export interface StoreInfo {
  schemaVersion: number;
  /** Fingerprint of the database key (main/keys/crypto.ts `keyId`); null for a plain database. */
  keyId: string | null;
}

export interface BackupInfo {
  schemaVersion: number;
  keyId: string;
}
