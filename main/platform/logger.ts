/**
 * Structured, patient-data-free logging. Callers pass an event name and
 * non-identifying facts (ids, counts, codes); error messages are not logged
 * because a library may echo values into them, only their class and stack frames.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, error: unknown, fields?: LogFields): void;
  child(scope: string): Logger;
}

export type LogSink = (line: string) => void;

export function createLogger(scope: string, sink: LogSink = (line) => process.stderr.write(line + '\n')): Logger {
  const write = (level: string, event: string, fields: LogFields = {}) =>
    sink(JSON.stringify({ time: new Date().toISOString(), level, scope, event, ...fields }));
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, error, fields) => write('error', event, { ...fields, ...describeError(error) }),
    child: (child) => createLogger(`${scope}.${child}`, sink),
  };
}

export function silentLogger(): Logger {
  return createLogger('silent', () => {});
}

/** Error class, code and stack frames, without the message line. */
export function describeError(error: unknown): LogFields {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 8);
  const code = (error as { code?: unknown }).code;
  return { errorType: error.name, errorCode: typeof code === 'string' ? code : undefined, stack: frames.join(' | ') };
}
