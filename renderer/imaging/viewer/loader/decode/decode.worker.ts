/// <reference lib="webworker" />
/** Decode worker: parses untrusted files and runs the decoders off the UI thread; results are transferred, not copied. */
import { decodeFrame } from './decodeFrame.ts';
import { frameBytes } from './frameBytes.ts';
import type { DecodeRequest, DecodeResponse } from './messages.ts';
import { parseInstance, UnsupportedImageError } from './parseInstance.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function handle(request: DecodeRequest): Promise<{ response: DecodeResponse; transfer: Transferable[] }> {
  const started = performance.now();
  if (request.kind === 'frame') {
    const decoded = await decodeFrame(request.meta, request.bytes);
    return { response: { id: request.id, ok: true, decoded, decodeMs: performance.now() - started }, transfer: [decoded.pixels.buffer] };
  }
  const parsed = await parseInstance(request.buffer);
  const ranges = parsed.frames[request.frame];
  if (!ranges) throw new UnsupportedImageError(`The file has no frame ${request.frame + 1}.`);
  const decoded = await decodeFrame(parsed.meta, frameBytes(parsed.bytes, ranges));
  const opened = { meta: parsed.meta, frames: parsed.frames, bytes: parsed.bytes };
  const transfer: Transferable[] = [decoded.pixels.buffer];
  if (parsed.bytes.buffer !== decoded.pixels.buffer) transfer.push(parsed.bytes.buffer);
  return { response: { id: request.id, ok: true, decoded, decodeMs: performance.now() - started, opened }, transfer };
}

scope.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  handle(request).then(
    ({ response, transfer }) => scope.postMessage(response, transfer),
    (error: unknown) => {
      // Messages name the format problem only; files carry no patient data into them.
      const message = error instanceof Error ? error.message : String(error);
      scope.postMessage({ id: request.id, ok: false, message, unsupported: error instanceof UnsupportedImageError } satisfies DecodeResponse);
    },
  );
};
