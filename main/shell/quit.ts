import type { App } from 'electron';

export interface Quitting {
  /** Whether the app is closing its services on the way out. */
  readonly underway: boolean;
  /** Starts the app again once it has closed: someone launched it while it was still closing (the lock still held). */
  relaunchWhenClosed(): void;
}

/**
 * Past this, the app quits without waiting further: a PACS send or a sync round stuck on the network would otherwise
 * keep a closed app running, and holding the single-instance lock, for minutes. What is cut short then is safe to
 * cut (the sync worker's checkpoints, the forwarder's queue in the store).
 */
export const CLOSE_DEADLINE_MS = 10_000;

/**
 * Lets the app quit only once `close` has finished, or its deadline has passed. Electron ends the process as soon as
 * the 'will-quit' handlers return: an unawaited close was cut short (the sync worker's orderly stop, the keyring's
 * last update, the store's own close), leaving the database connections to be closed in the worker threads'
 * teardown, where a SQLite log line (an I/O error, say) aborts the process. `app.exit` afterwards quits without
 * emitting 'will-quit' again.
 */
export function closeBeforeQuit(
  app: Pick<App, 'on' | 'exit' | 'relaunch'>,
  close: () => Promise<void>,
  onError: (error: unknown) => void,
  deadlineMs = CLOSE_DEADLINE_MS,
): Quitting {
  let closing: Promise<void> | null = null;
  let relaunch = false;
  app.on('will-quit', (event) => {
    event.preventDefault();
    closing ??= new Promise<void>((resolve) => {
      const deadline = setTimeout(() => {
        onError(new Error(`Closing took over ${deadlineMs} ms; quitting without waiting further.`));
        resolve();
      }, deadlineMs);
      void close()
        .catch(onError)
        .finally(() => {
          clearTimeout(deadline);
          resolve();
        });
    }).then(() => {
      if (relaunch) app.relaunch();
      app.exit(0);
    });
  });
  return {
    get underway() {
      return closing !== null;
    },
    relaunchWhenClosed: () => void (relaunch = true),
  };
}
