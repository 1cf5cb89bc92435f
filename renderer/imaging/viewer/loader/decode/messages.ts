/** The decode worker's protocol: open a file (parse + decode one frame) or decode another frame of a parsed file. */
import type { FrameRanges, InstanceMeta } from '../instanceMeta.ts';
import type { DecodedFrame } from './decodeFrame.ts';

export type DecodeRequest =
  | { readonly id: number; readonly kind: 'open'; readonly buffer: ArrayBuffer; readonly frame: number }
  | { readonly id: number; readonly kind: 'frame'; readonly meta: InstanceMeta; readonly bytes: Uint8Array };

export type DecodeResponse =
  | {
      readonly id: number;
      readonly ok: true;
      readonly decoded: DecodedFrame;
      readonly decodeMs: number;
      /** Only for 'open': the parsed file, its bytes handed back (inflated if deflated) for the raw cache. */
      readonly opened?: { readonly meta: InstanceMeta; readonly frames: readonly FrameRanges[]; readonly bytes: Uint8Array };
    }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly unsupported: boolean };
