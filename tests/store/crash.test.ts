import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../main/store/connection.node.ts';
import { useTempDir } from './helpers.ts';

const tempDir = useTempDir();
const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const KILLS = 50;

/**
 * Runs the writer and SIGKILLs it `delayMs` after it is ready to write (or,
 * with `duringStartup`, after it was spawned); returns the ids it reported committed.
 */
function runAndKill(path: string, key: Buffer, delayMs: number, duringStartup: boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, path, key.toString('hex')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer = duringStartup ? setTimeout(() => child.kill('SIGKILL'), delayMs) : undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!timer && out.startsWith('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited on its own: ${err.slice(0, 500)}`));
      // A line cut by the kill has no trailing newline and is not counted.
      const lines = out.split('\n').slice(0, -1);
      resolve(lines.filter((line) => line.startsWith('ok ')).map((line) => line.slice(3)));
    });
  });
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments with every reported commit intact`, { timeout: 120_000 }, async () => {
    const path = join(tempDir(), 'records.db');
    const key = randomBytes(32);
    const committed: string[] = [];
    let killsAfterWrites = 0;
    for (let round = 0; round < KILLS; round++) {
      // One kill in five lands anywhere in start-up (creating, opening, migrating); the rest mid-write.
      const duringStartup = round % 5 === 0;
      const reported = await runAndKill(path, key, Math.random() * (duringStartup ? 600 : 250), duringStartup);
      committed.push(...reported);
      if (reported.length > 0) killsAfterWrites++;
      if (!existsSync(path)) continue;

      const db = openEncrypted(path, key);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const present = new Set(db.prepare('SELECT id FROM patients', { pluck: true }).all().map(String));
        const missing = committed.filter((id) => !present.has(id));
        expect(missing).toEqual([]);
        // Batches (MRN C-pid-i-j) are one transaction each: all 20 rows or none.
        const tornBatches = db.prepare("SELECT rtrim(mrn, '0123456789') AS batch FROM patients WHERE mrn GLOB 'C-*-*-*' GROUP BY batch HAVING count(*) <> 20").all();
        expect(tornBatches).toEqual([]);
      } finally {
        db.close();
      }
    }
    expect(killsAfterWrites).toBeGreaterThan(KILLS / 2);
    expect(committed.length).toBeGreaterThan(KILLS);
  });
});
