/** The vendored JPEG decoder's surface used here (jpeg-12bit.js). It throws strings, not Errors, on bad data. */
export default class JpegImage {
  width: number;
  height: number;
  components: unknown[];
  parse(data: Uint8Array): void;
  /** One component's samples (up to 16 bits each), row by row, scaled to width × height. */
  getData16(width: number, height: number): Uint16Array;
}
