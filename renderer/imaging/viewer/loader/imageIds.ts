/** The loader's image ids: `cw:<instanceId>/<frame>` (frame zero-based), nothing else in them. */
export const SCHEME = 'cw';

export interface FrameRef {
  readonly instanceId: string;
  readonly frame: number;
}

export const imageIdOf = (instanceId: string, frame = 0): string => `${SCHEME}:${instanceId}/${frame}`;

export function parseImageId(imageId: string): FrameRef | undefined {
  const match = /^cw:([^/]+)\/(\d+)$/.exec(imageId);
  return match ? { instanceId: match[1]!, frame: Number(match[2]) } : undefined;
}
