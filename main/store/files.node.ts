import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** A database file and the WAL and shared-memory files SQLite keeps beside it. */
const SIDE_FILES = ['', '-wal', '-shm'] as const;

/** Makes renames in a folder durable; Windows cannot open folders and orders renames itself. */
export function fsyncDir(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Moves a database with its side files, replacing whatever was at the target. */
export function moveDatabase(from: string, to: string): void {
  for (const suffix of SIDE_FILES) rmSync(to + suffix, { force: true });
  for (const suffix of SIDE_FILES) if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
}

export function removeDatabase(path: string): void {
  for (const suffix of SIDE_FILES) rmSync(path + suffix, { force: true });
}
