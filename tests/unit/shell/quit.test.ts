import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeBeforeQuit } from '../../../main/shell/quit.ts';

/** The part of Electron's `app` the helper uses, recording what happened. */
function recordingApp() {
  const emitter = new EventEmitter();
  const exits: string[] = [];
  const app = {
    on: (event: string, listener: (event: { preventDefault(): void }) => void) => emitter.on(event, listener),
    relaunch: () => exits.push('relaunch'),
    exit: (code: number) => exits.push(`exit ${code}`),
  };
  const willQuit = () => {
    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    emitter.emit('will-quit', event);
    return event.prevented;
  };
  return { app: app as never, exits, willQuit };
}

describe('closeBeforeQuit', () => {
  it('holds the quit until the services have closed, then exits once', async () => {
    const { app, exits, willQuit } = recordingApp();
    let finishClose = () => {};
    let closes = 0;
    const close = () => {
      closes++;
      return new Promise<void>((done) => (finishClose = done));
    };
    const quitting = closeBeforeQuit(app, close, () => {});
    expect(quitting.underway).toBe(false);
    expect(willQuit()).toBe(true);
    expect(quitting.underway).toBe(true);
    // A second quit request meanwhile (the user clicks again) neither closes twice nor quits early.
    expect(willQuit()).toBe(true);
    await new Promise((done) => setTimeout(done, 10));
    expect(exits).toEqual([]);
    finishClose();
    await new Promise((done) => setTimeout(done, 0));
    expect(closes).toBe(1);
    expect(exits).toEqual(['exit 0']);
  });

  it('starts the app again once closed when it was launched meanwhile', async () => {
    const { app, exits, willQuit } = recordingApp();
    let finishClose = () => {};
    const quitting = closeBeforeQuit(app, () => new Promise<void>((done) => (finishClose = done)), () => {});
    willQuit();
    quitting.relaunchWhenClosed();
    expect(exits).toEqual([]);
    finishClose();
    await new Promise((done) => setTimeout(done, 0));
    expect(exits).toEqual(['relaunch', 'exit 0']);
  });

  it('still quits when closing fails, and reports the failure', async () => {
    const { app, exits, willQuit } = recordingApp();
    const failures: unknown[] = [];
    closeBeforeQuit(app, () => Promise.reject(new Error('store worker gone')), (error) => failures.push(error));
    willQuit();
    await new Promise((done) => setTimeout(done, 0));
    expect(failures).toHaveLength(1);
    expect(exits).toEqual(['exit 0']);
  });

  it('quits at its deadline when closing hangs (a PACS send stuck on the network), and says so', async () => {
    const { app, exits, willQuit } = recordingApp();
    const failures: unknown[] = [];
    closeBeforeQuit(app, () => new Promise<void>(() => {}), (error) => failures.push(error), 30);
    willQuit();
    await new Promise((done) => setTimeout(done, 10));
    expect(exits).toEqual([]);
    await new Promise((done) => setTimeout(done, 60));
    expect(exits).toEqual(['exit 0']);
    expect(String(failures[0])).toMatch(/took over 30 ms/);
  });

  it('a process with the real services open closes them before it quits, and exits cleanly', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cw-quit-'));
    try {
      const child = spawnSync(process.execPath, [resolve(import.meta.dirname, '../helpers/quit-child.ts'), dataDir], { encoding: 'utf8', timeout: 60_000 });
      expect({ status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr }).toEqual({ status: 0, signal: null, stdout: 'closed\n', stderr: '' });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
