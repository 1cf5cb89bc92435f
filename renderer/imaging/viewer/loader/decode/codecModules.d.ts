/** The Emscripten factories of the @cornerstonejs/codec-* WASM decoders (the packages ship no types). */
interface CwCodecFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

interface CwCodecDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): CwCodecFrameInfo;
  delete(): void;
}

interface CwCodecFactoryOptions {
  locateFile?: (path: string) => string;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: (options?: CwCodecFactoryOptions) => Promise<{ JPEGDecoder: new () => CwCodecDecoder }>;
  export default factory;
}

declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (options?: CwCodecFactoryOptions) => Promise<{ JpegLSDecoder: new () => CwCodecDecoder }>;
  export default factory;
}

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (options?: CwCodecFactoryOptions) => Promise<{ J2KDecoder: new () => CwCodecDecoder }>;
  export default factory;
}

declare module 'jpeg-lossless-decoder-js' {
  /** JPEG lossless (process 14, any predictor); returns the samples, `numBytes` per sample. */
  export class Decoder {
    decode(buffer: ArrayBuffer, offset: number, length: number, numBytes: number): ArrayBufferView;
  }
}

declare module 'dicom-character-set' {
  export function convertBytes(specificCharacterSet: string, bytes: Uint8Array, options: { vr: string }): string;
}

declare module 'dcmjs' {
  const dcmjs: unknown;
  export default dcmjs;
}
