import type { App } from 'electron';

/**
 * Lets the app quit only once `close` has finished. Electron ends the process as soon as the 'will-quit' handlers
 * return: an unawaited close was cut short (the sync worker's orderly stop, the keyring's last update, the store's
 * own close), leaving the database connections to be closed in the worker threads' teardown, where a SQLite log
 * line (an I/O error, say) aborts the process. `app.exit` afterwards quits without emitting 'will-quit' again.
 */
export function closeBeforeQuit(app: Pick<App, 'on' | 'exit'>, close: () => Promise<void>, onError: (error: unknown) => void): void {
  let closing: Promise<void> | null = null;
  app.on('will-quit', (event) => {
    event.preventDefault();
    closing ??= close()
      .catch(onError)
      .finally(() => app.exit(0));
  });
}
