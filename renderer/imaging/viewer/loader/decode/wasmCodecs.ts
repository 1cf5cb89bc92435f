/**
 * The WASM decoders, each instantiated once per worker on first use and reused (their heaps grow to the
 * largest frame seen). Results are copied out: the decoded buffer is a view into the WASM heap.
 */
import libjpegTurboFactory from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs';
import libjpegTurboWasm from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import charlsFactory from '@cornerstonejs/codec-charls/decodewasmjs';
import charlsWasm from '@cornerstonejs/codec-charls/decodewasm?url';
import openjpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import openjpegWasm from '@cornerstonejs/codec-openjpeg/decodewasm?url';

export interface CodecOutput {
  readonly bytes: Uint8Array;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned: boolean;
}

type WasmCodec = 'jpeg-8bit' | 'jpeg-ls' | 'jpeg2000';

const decoders = new Map<WasmCodec, Promise<CwCodecDecoder>>();

// OpenJPEG narrates every header it reads on stdout: keep the console for real problems.
const quiet = { print: () => {}, printErr: () => {} };

function create(codec: WasmCodec): Promise<CwCodecDecoder> {
  switch (codec) {
    case 'jpeg-8bit':
      return libjpegTurboFactory({ ...quiet, locateFile: () => libjpegTurboWasm }).then((m) => new m.JPEGDecoder());
    case 'jpeg-ls':
      return charlsFactory({ ...quiet, locateFile: () => charlsWasm }).then((m) => new m.JpegLSDecoder());
    case 'jpeg2000':
      return openjpegFactory({ ...quiet, locateFile: () => openjpegWasm }).then((m) => new m.J2KDecoder());
  }
}

export async function decodeWithWasm(codec: WasmCodec, frame: Uint8Array): Promise<CodecOutput> {
  let decoder = decoders.get(codec);
  if (!decoder) {
    decoder = create(codec);
    decoders.set(codec, decoder);
  }
  const instance = await decoder;
  instance.getEncodedBuffer(frame.length).set(frame);
  instance.decode();
  const info = instance.getFrameInfo();
  return { bytes: instance.getDecodedBuffer().slice(), bitsPerSample: info.bitsPerSample, componentCount: info.componentCount, isSigned: info.isSigned };
}
