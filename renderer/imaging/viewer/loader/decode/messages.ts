/**
 * The decode worker's protocol: open an instance (fetch its media URL, parse, decode one frame) or decode
 * another frame of a file already parsed. Several jobs may be in flight in one worker at once.
 */
import type { FrameRanges, InstanceMeta } from '../instanceMeta.ts';
import type { DecodedFrame } from './decodeFrame.ts';

export type DecodeRequest =
  /** `urgent`: an image on screen, fetched at high priority (a prefetch at low), so it overtakes queued prefetches. */
  | { readonly id: number; readonly kind: 'open'; readonly url: string; readonly frame: number; readonly urgent?: boolean }
  | { readonly id: number; readonly kind: 'frame'; readonly meta: InstanceMeta; readonly bytes: Uint8Array };

export type DecodeResponse =
  | {
      readonly id: number;
      readonly ok: true;
      readonly decoded: DecodedFrame;
      readonly decodeMs: number;
      /** Only for 'open': the parsed file; a multi-frame file's bytes handed back (inflated if deflated) for the raw cache. */
      readonly opened?: { readonly meta: InstanceMeta; readonly frames: readonly FrameRanges[]; readonly bytes?: Uint8Array };
    }
  /** `status`: the media route refused the fetch (401: the token is no longer valid). */
  | { readonly id: number; readonly ok: false; readonly message: string; readonly unsupported: boolean; readonly status?: number };
