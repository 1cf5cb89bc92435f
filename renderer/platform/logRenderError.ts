/**
 * React's default logging prints a caught error's message, which could quote
 * patient data, and the renderer console may be captured into log files. Outside
 * development only the error's type and the component stack are logged.
 */
export function logRenderError(error: unknown, info: { componentStack?: string | undefined }): void {
  if (import.meta.env.DEV) {
    console.error(error, info.componentStack);
    return;
  }
  const kind = error instanceof Error ? error.name : typeof error;
  console.error(`Render error (${kind})`, info.componentStack ?? '');
}
