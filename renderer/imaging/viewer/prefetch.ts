/**
 * Prefetch around the image on screen, in the direction of travel first, no further than the cache budget
 * allows (prefetching more than fits would evict the images just fetched).
 */
import type { FrameSource } from './loader/frameSource.ts';
import type { StackImage } from './stack.ts';

const AHEAD = 40;
const BEHIND = 10;

export function prefetchAround(source: FrameSource, stack: readonly StackImage[], index: number, direction: 1 | -1, bytesPerImage: number): void {
  const { budgetBytes } = source.stats();
  // Leave half the budget to what other viewports show.
  const fit = Math.max(2, Math.floor(budgetBytes / 2 / Math.max(1, bytesPerImage)));
  const ahead = Math.min(AHEAD, fit);
  const behind = Math.min(BEHIND, Math.max(0, fit - ahead));
  const order: number[] = [];
  for (let i = 1; i <= Math.max(ahead, behind); i++) {
    if (i <= ahead) order.push(index + direction * i);
    if (i <= behind) order.push(index - direction * i);
  }
  const wanted = order.flatMap((i) => (stack[i] ? [stack[i]] : []));
  source.retainPrefetch(new Set([stack[index]?.instanceId ?? '', ...wanted.map((image) => image.instanceId)]));
  for (const image of wanted) {
    if (source.isCached(image.instanceId, image.frame)) continue;
    source.load(image.instanceId, image.frame, 'prefetch').catch(() => {});
  }
}
