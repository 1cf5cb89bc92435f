/// <reference lib="webworker" />
/**
 * Decode worker: fetches instance files itself (their bodies never wait on the busy UI thread), parses the
 * untrusted bytes and runs the decoders off the UI thread; results are transferred, not copied. Jobs are
 * handled as they arrive, so one worker's fetches overlap while it decodes.
 */
import { decodeFrame } from './decodeFrame.ts';
import { frameBytes } from './frameBytes.ts';
import type { DecodeRequest, DecodeResponse } from './messages.ts';
import { parseInstance, UnsupportedImageError } from './parseInstance.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

class MediaStatusError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`The image could not be read (HTTP ${status}).`);
    this.status = status;
  }
}

async function fetchFile(url: string, urgent: boolean): Promise<ArrayBuffer> {
  const response = await fetch(url, { cache: 'no-store', credentials: 'omit', priority: urgent ? 'high' : 'low' });
  if (!response.ok) throw new MediaStatusError(response.status);
  return response.arrayBuffer();
}

async function handle(request: DecodeRequest): Promise<{ response: DecodeResponse; transfer: Transferable[] }> {
  if (request.kind === 'frame') {
    const started = performance.now();
    const decoded = await decodeFrame(request.meta, request.bytes);
    return { response: { id: request.id, ok: true, decoded, decodeMs: performance.now() - started }, transfer: [decoded.pixels.buffer] };
  }
  const buffer = await fetchFile(request.url, request.urgent ?? true);
  const started = performance.now();
  const parsed = await parseInstance(buffer);
  const ranges = parsed.frames[request.frame];
  if (!ranges) throw new UnsupportedImageError(`The file has no frame ${request.frame + 1}.`);
  const decoded = await decodeFrame(parsed.meta, frameBytes(parsed.bytes, ranges));
  // Only a multi-frame file's bytes go back (its other frames will be asked for); a single frame's stay here.
  const multiFrame = parsed.meta.numberOfFrames > 1;
  const opened = { meta: parsed.meta, frames: parsed.frames, ...(multiFrame ? { bytes: parsed.bytes } : {}) };
  const transfer: Transferable[] = [decoded.pixels.buffer];
  if (multiFrame && parsed.bytes.buffer !== decoded.pixels.buffer) transfer.push(parsed.bytes.buffer);
  return { response: { id: request.id, ok: true, decoded, decodeMs: performance.now() - started, opened }, transfer };
}

scope.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  handle(request).then(
    ({ response, transfer }) => scope.postMessage(response, transfer),
    (error: unknown) => {
      // Messages name the format or HTTP problem only; files carry no patient data into them.
      const message = error instanceof Error ? error.message : String(error);
      const status = error instanceof MediaStatusError ? error.status : undefined;
      scope.postMessage({ id: request.id, ok: false, message, unsupported: error instanceof UnsupportedImageError, status } satisfies DecodeResponse);
    },
  );
};
