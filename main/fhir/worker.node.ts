import { parentPort } from 'node:worker_threads';
import { parseBundleFile } from './parse-bundle.node.ts';
import { validateBundle } from './schema.node.ts';
import type { FhirWorkerRequest, FhirWorkerResponse } from './worker-protocol.ts';

/**
 * The FHIR worker: parses untrusted bundles and runs the R4 schema (compiled
 * once, on first use) off main's event loop. One request at a time, in order.
 */
let queue = Promise.resolve();

parentPort!.on('message', (request: FhirWorkerRequest) => {
  queue = queue.then(async () => {
    let response: FhirWorkerResponse;
    try {
      const value = request.op === 'parseFile' ? await parseBundleFile(request.path) : await validateBundle(request.bundle);
      response = { id: request.id, ok: true, value };
    } catch (error) {
      // A name and code only: the message of a failure while parsing could quote the file.
      response = { id: request.id, ok: false, error: error instanceof Error ? `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}` : 'Error' };
    }
    parentPort!.postMessage(response);
  });
});
