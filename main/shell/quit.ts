import type { App } from 'electron';

export interface Quitting {
  /** Whether the app is closing its services on the way out. */
  readonly underway: boolean;
  /** Starts the app again once it has closed: someone launched it while it was still closing (the lock still held). */
  relaunchWhenClosed(): void;
}

/**
 * Lets the app quit only once `close` has finished. Electron ends the process as soon as the 'will-quit' handlers
 * return: an unawaited close was cut short (the sync worker's orderly stop, the keyring's last update, the store's
 * own close), leaving the database connections to be closed in the worker threads' teardown, where a SQLite log
 * line (an I/O error, say) aborts the process. `app.exit` afterwards quits without emitting 'will-quit' again.
 */
export function closeBeforeQuit(app: Pick<App, 'on' | 'exit' | 'relaunch'>, close: () => Promise<void>, onError: (error: unknown) => void): Quitting {
  let closing: Promise<void> | null = null;
  let relaunch = false;
  app.on('will-quit', (event) => {
    event.preventDefault();
    closing ??= close()
      .catch(onError)
      .finally(() => {
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
