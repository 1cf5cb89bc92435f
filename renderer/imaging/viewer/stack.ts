/** A series as the ordered images a viewport scrolls through: every frame of every instance, in display order. */
import type { Series } from '../../../preload/contract/imaging.ts';
import { imageIdOf } from './loader/imageIds.ts';

export interface StackImage {
  readonly imageId: string;
  readonly instanceId: string;
  readonly frame: number;
}

export function stackOf(series: Series): StackImage[] {
  return series.instances.flatMap((instance) =>
    Array.from({ length: instance.frameCount }, (_, frame) => ({ imageId: imageIdOf(instance.id, frame), instanceId: instance.id, frame })),
  );
}
