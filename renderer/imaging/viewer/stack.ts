/**
 * A series as the ordered images a viewport scrolls through: every frame of every instance, in display order.
 * Objects without pixel data (frameCount 0) add nothing, so a mixed series shows its images only.
 */
import type { Series } from '../../../preload/contract/imaging.ts';
import { imageIdOf } from './loader/imageIds.ts';

export interface StackImage {
  readonly imageId: string;
  readonly instanceId: string;
  readonly frame: number;
}

/** The series the viewer opens first: the first with images (never a report or key objects series). */
export function firstImageSeries(list: readonly Series[]): Series | undefined {
  return list.find((series) => series.content === 'images' && series.instances.some((instance) => instance.frameCount > 0));
}

export function stackOf(series: Series): StackImage[] {
  return series.instances.flatMap((instance) =>
    Array.from({ length: instance.frameCount }, (_, frame) => ({ imageId: imageIdOf(instance.id, frame), instanceId: instance.id, frame })),
  );
}
