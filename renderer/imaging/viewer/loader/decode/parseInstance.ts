/**
 * Parses one DICOM Part 10 file (inside the decode worker: the bytes are untrusted) into plain metadata and
 * the byte ranges of each frame. A deflated data set is inflated first with the browser's DecompressionStream.
 */
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import type { FrameRanges, InstanceMeta, PaletteLut, PixelSpacingSource } from '../instanceMeta.ts';
import { codecFor, isEncapsulated, TS } from '../transferSyntax.ts';

export interface ParsedInstance {
  readonly meta: InstanceMeta;
  readonly frames: readonly FrameRanges[];
  /** The file's bytes, inflated when the syntax is deflated: the frame ranges point into these. */
  readonly bytes: Uint8Array;
}

export class UnsupportedImageError extends Error {
  override readonly name = 'UnsupportedImageError';
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function parseDataSet(bytes: Uint8Array): Promise<{ dataSet: DataSet; bytes: Uint8Array }> {
  const header = dicomParser.readPart10Header(bytes);
  if (header.string('x00020010') !== TS.deflated) return { dataSet: dicomParser.parseDicom(bytes), bytes };
  const position = (header as DataSet & { position: number }).position;
  const inflated = await inflateRaw(bytes.subarray(position));
  const whole = new Uint8Array(position + inflated.length);
  whole.set(bytes.subarray(0, position));
  whole.set(inflated, position);
  // parseDicom's inflater hook is synchronous: hand it the stream-inflated copy.
  const dataSet = dicomParser.parseDicom(whole, { inflater: () => whole } as unknown as dicomParser.ParseDicomOptions);
  return { dataSet, bytes: whole };
}

const numbers = (dataSet: DataSet, tag: string): number[] | undefined => {
  const text = dataSet.string(tag);
  if (!text) return undefined;
  const values = text.split('\\').map(Number);
  return values.every(Number.isFinite) ? values : undefined;
};

const firstNumber = (dataSet: DataSet, tag: string): number | undefined => numbers(dataSet, tag)?.[0];

function spacing(dataSet: DataSet): { pixelSpacing: readonly [number, number] | undefined; pixelSpacingSource: PixelSpacingSource } {
  for (const [tag, source] of [
    ['x00280030', 'pixel'],
    ['x00181164', 'imager'],
  ] as const) {
    const values = numbers(dataSet, tag);
    if (values && values.length >= 2 && values[0]! > 0 && values[1]! > 0) return { pixelSpacing: [values[0]!, values[1]!], pixelSpacingSource: source };
  }
  return { pixelSpacing: undefined, pixelSpacingSource: 'none' };
}

/** PS3.3 C.7.6.3.1.5: descriptor [entries (0 = 65536), first mapped value, bits]; data scaled to 8 bits. */
function palette(dataSet: DataSet): PaletteLut | undefined {
  const channel = (descriptorTag: string, dataTag: string): { first: number; table: Uint8Array } | undefined => {
    const count = dataSet.uint16(descriptorTag, 0);
    const first = dataSet.uint16(descriptorTag, 1) ?? 0;
    const bits = dataSet.uint16(descriptorTag, 2) ?? 16;
    const element = dataSet.elements[dataTag];
    if (count === undefined || !element) return undefined;
    const entries = count === 0 ? 65536 : count;
    const table = new Uint8Array(entries);
    const shift = bits === 16 ? 8 : 0;
    for (let i = 0; i < entries; i++) {
      const value = bits === 8 && element.length === entries ? dataSet.byteArray[element.dataOffset + i]! : (dataSet.uint16(dataTag, i) ?? 0);
      table[i] = value >> shift;
    }
    return { first, table };
  };
  const red = channel('x00281101', 'x00281201');
  const green = channel('x00281102', 'x00281202');
  const blue = channel('x00281103', 'x00281203');
  if (!red || !green || !blue) return undefined;
  return { firstValue: red.first, red: red.table, green: green.table, blue: blue.table };
}

function readMeta(dataSet: DataSet, transferSyntaxUid: string): InstanceMeta {
  const rows = dataSet.uint16('x00280010') ?? 0;
  const columns = dataSet.uint16('x00280011') ?? 0;
  const bitsAllocated = dataSet.uint16('x00280100') ?? 0;
  const photometric = (dataSet.string('x00280004') ?? 'MONOCHROME2').trim();
  if (!rows || !columns || ![1, 8, 16, 32].includes(bitsAllocated)) throw new UnsupportedImageError('The file has no displayable pixel description.');
  const frameTime = firstNumber(dataSet, 'x00181063');
  const fps = firstNumber(dataSet, 'x00082144') ?? firstNumber(dataSet, 'x00180040');
  return {
    transferSyntaxUid,
    rows,
    columns,
    samplesPerPixel: dataSet.uint16('x00280002') ?? 1,
    bitsAllocated,
    bitsStored: dataSet.uint16('x00280101') ?? bitsAllocated,
    pixelRepresentation: dataSet.uint16('x00280103') ?? 0,
    photometric,
    planarConfiguration: dataSet.uint16('x00280006') ?? 0,
    numberOfFrames: Math.max(1, firstNumber(dataSet, 'x00280008') ?? 1),
    rescaleSlope: firstNumber(dataSet, 'x00281053') || 1,
    rescaleIntercept: firstNumber(dataSet, 'x00281052') ?? 0,
    windowCenter: firstNumber(dataSet, 'x00281050'),
    windowWidth: firstNumber(dataSet, 'x00281051'),
    ...spacing(dataSet),
    imageOrientationPatient: numbers(dataSet, 'x00200037'),
    imagePositionPatient: numbers(dataSet, 'x00200032'),
    sliceThickness: firstNumber(dataSet, 'x00180050'),
    sliceLocation: firstNumber(dataSet, 'x00201041'),
    modality: (dataSet.string('x00080060') ?? '').trim(),
    instanceNumber: firstNumber(dataSet, 'x00200013'),
    frameTimeMs: frameTime ?? (fps ? 1000 / fps : undefined),
    palette: photometric === 'PALETTE COLOR' ? palette(dataSet) : undefined,
  };
}

function nativeFrames(meta: InstanceMeta, pixelData: Element): FrameRanges[] {
  const pixels = meta.rows * meta.columns;
  // Native YBR_FULL_422 keeps two bytes per pixel (Y per pixel, Cb and Cr per pair), PS3.3 C.7.6.3.1.2.
  const size =
    meta.bitsAllocated === 1
      ? Math.ceil(pixels / 8)
      : meta.photometric === 'YBR_FULL_422'
        ? pixels * 2
        : (pixels * meta.samplesPerPixel * meta.bitsAllocated) / 8;
  if (pixelData.length < size * meta.numberOfFrames) throw new UnsupportedImageError('The pixel data is shorter than the image description.');
  return Array.from({ length: meta.numberOfFrames }, (_, frame) => [[pixelData.dataOffset + frame * size, size] as const]);
}

function encapsulatedFrames(dataSet: DataSet, meta: InstanceMeta, pixelData: Element): FrameRanges[] {
  const fragments = pixelData.fragments ?? [];
  if (fragments.length === 0) throw new UnsupportedImageError('The encapsulated pixel data has no fragments.');
  const ranges = (first: number, count: number): FrameRanges => fragments.slice(first, first + count).map((f) => [f.position, f.length] as const);
  if (meta.numberOfFrames === 1) return [ranges(0, fragments.length)];
  if (fragments.length === meta.numberOfFrames) return fragments.map((_, i) => ranges(i, 1));
  const table = pixelData.basicOffsetTable?.length ? pixelData.basicOffsetTable : dicomParser.createJPEGBasicOffsetTable(dataSet, pixelData);
  return table.map((offset, frame) => {
    const first = fragments.findIndex((f) => f.offset === offset);
    const nextOffset = table[frame + 1];
    const last = nextOffset === undefined ? fragments.length : fragments.findIndex((f) => f.offset === nextOffset);
    if (first < 0 || last < first) throw new UnsupportedImageError('The frame offset table does not match the fragments.');
    return ranges(first, last - first);
  });
}

export async function parseInstance(buffer: ArrayBuffer): Promise<ParsedInstance> {
  const { dataSet, bytes } = await parseDataSet(new Uint8Array(buffer));
  const transferSyntaxUid = (dataSet.string('x00020010') ?? TS.implicitLittle).replace(/\0/g, '').trim();
  const codec = codecFor(transferSyntaxUid);
  if (!codec) throw new UnsupportedImageError(`Unsupported transfer syntax ${transferSyntaxUid}.`);
  const meta = readMeta(dataSet, transferSyntaxUid);
  const pixelData = dataSet.elements.x7fe00010 ?? dataSet.elements.x7fe00008;
  if (!pixelData) throw new UnsupportedImageError('The file has no pixel data.');
  const frames = isEncapsulated(codec) ? encapsulatedFrames(dataSet, meta, pixelData) : nativeFrames(meta, pixelData);
  return { meta, frames, bytes };
}
