/** The tag browser's listing of one instance, parsed in a short-lived worker. */
import type { TagListResponse, TagRow } from './decode/tagRows.ts';
import { fetchInstance } from './mediaFetch.ts';

export async function readTags(instanceId: string): Promise<TagRow[]> {
  const buffer = await fetchInstance(instanceId);
  const worker = new Worker(new URL('./decode/tags.worker.ts', import.meta.url), { type: 'module' });
  try {
    const response = await new Promise<TagListResponse>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<TagListResponse>) => resolve(event.data);
      worker.onerror = () => reject(new Error('The tag reader failed.'));
      worker.postMessage(buffer, [buffer]);
    });
    if (!response.ok) throw new Error(response.message);
    return response.rows;
  } finally {
    worker.terminate();
  }
}
