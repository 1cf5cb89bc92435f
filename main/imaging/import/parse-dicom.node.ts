/// <reference path="./dicom-character-set.d.ts" />
import { inflateRawSync } from 'node:zlib';
import { convertBytes } from 'dicom-character-set';
import dicomParser, { type DataSet } from 'dicom-parser';
import type { InstanceMetadata, ParseOutcome, RejectionReason } from './metadata.ts';

/** Transfer syntaxes the viewer decodes (native, deflate, big endian, JPEG family, JPEG-LS, JPEG 2000, RLE). */
export const SUPPORTED_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.1.99',
  '1.2.840.10008.1.2.2',
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.57',
  '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.80',
  '1.2.840.10008.1.2.4.81',
  '1.2.840.10008.1.2.4.90',
  '1.2.840.10008.1.2.4.91',
  '1.2.840.10008.1.2.5',
]);

const IMPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2';
/** Media Storage Directory (DICOMDIR): an index of a CD, not an image. */
export const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';
const UID_PATTERN = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/;

class Rejection extends Error {
  readonly reason: RejectionReason;
  constructor(reason: RejectionReason) {
    super(reason);
    this.reason = reason;
  }
}

/**
 * Parses one file's bytes into the index's metadata, or names the specific reason it cannot be
 * imported. Never throws: dicom-parser throws strings or `{ exception, dataSet }`, both mapped here.
 */
export function parseDicom(bytes: Uint8Array): ParseOutcome {
  try {
    return { ok: true, metadata: readMetadata(parseDataSet(bytes)) };
  } catch (error) {
    return { ok: false, reason: error instanceof Rejection ? error.reason : 'damaged' };
  }
}

/** The data set of a Part-10 file, or of a bare implicit-VR data set (old CD media without a preamble). */
export function parseDataSet(bytes: Uint8Array): DataSet {
  const part10 = bytes.byteLength >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  // A bare data set starts with a group-0008 element (little endian: 08 00).
  const bare = !part10 && bytes.byteLength >= 8 && bytes[0] === 0x08 && bytes[1] === 0x00;
  if (!part10 && !bare) throw new Rejection('not-dicom');
  try {
    return dicomParser.parseDicom(bytes, { ...(bare ? { TransferSyntaxUID: IMPLICIT_LITTLE_ENDIAN } : {}), inflater });
  } catch (error) {
    throw new Rejection(parserFailure(error, part10));
  }
}

function inflater(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateRawSync(bytes.subarray(position));
  const out = new Uint8Array(position + inflated.byteLength);
  out.set(bytes.subarray(0, position), 0);
  out.set(inflated, position);
  return out;
}

function parserFailure(error: unknown, part10: boolean): RejectionReason {
  const message = typeof error === 'string' ? error : String((error as { exception?: unknown } | null)?.exception ?? (error as Error | null)?.message ?? '');
  if (/overrun|cannot be greater than|past end|end of buffer|beyond|exceeds/i.test(message)) return 'truncated';
  if (/DICM prefix not found/i.test(message)) return 'not-dicom';
  if (/transfer syntax/i.test(message)) return 'unsupported-transfer-syntax';
  return part10 ? 'damaged' : 'not-dicom';
}

function readMetadata(dataSet: DataSet): InstanceMetadata {
  const charset = dataSet.string('x00080005');
  const text = (tag: string, vr = 'LO'): string => {
    const element = dataSet.elements[tag];
    if (!element || element.length === 0) return '';
    const raw = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
    return convertBytes(charset, raw, { vr }).replace(/[\0\s]+$/u, '').trim();
  };
  const ascii = (tag: string): string => (dataSet.string(tag) ?? '').replace(/\0/g, '').trim();

  const transferSyntaxUid = ascii('x00020010') || IMPLICIT_LITTLE_ENDIAN;
  const sopClassUid = ascii('x00080016') || ascii('x00020002');
  const sopInstanceUid = ascii('x00080018') || ascii('x00020003');
  const studyUid = ascii('x0020000d');
  const seriesUid = ascii('x0020000e');
  if (sopClassUid === MEDIA_STORAGE_DIRECTORY) throw new Rejection('no-pixel-data');
  if (!sopInstanceUid || !studyUid || !seriesUid || !sopClassUid) throw new Rejection('missing-uids');
  for (const uid of [sopInstanceUid, studyUid, seriesUid, sopClassUid]) if (uid.length > 64 || !UID_PATTERN.test(uid)) throw new Rejection('invalid-uid');
  if (!SUPPORTED_TRANSFER_SYNTAXES.has(transferSyntaxUid)) throw new Rejection('unsupported-transfer-syntax');

  const pixelData = dataSet.elements.x7fe00010 ?? dataSet.elements.x7fe00008 ?? dataSet.elements.x7fe00009;
  const rows = dataSet.uint16('x00280010') ?? 0;
  const columns = dataSet.uint16('x00280011') ?? 0;
  // An object without pixel data (report, key objects, presentation state, document) is kept with 0 frames;
  // one that gives an image size but lost its pixels is a broken image, not such an object.
  if (!pixelData && (rows > 0 || columns > 0)) throw new Rejection('no-pixel-data');
  const frames = pixelData ? Math.max(1, dataSet.intString('x00280008') ?? 1) : 0;
  if (pixelData && (rows === 0 || columns === 0)) throw new Rejection('damaged');
  if (pixelData && !pixelData.encapsulatedPixelData) {
    const samples = dataSet.uint16('x00280002') ?? 1;
    const bits = dataSet.uint16('x00280100') ?? 16;
    // Native YBR_FULL_422 shares chroma between two pixels: two samples per pixel, not three (PS3.3 C.7.6.3.1.2).
    const samplesStored = ascii('x00280004') === 'YBR_FULL_422' ? 2 : samples;
    const expected = Math.ceil((rows * columns * frames * samplesStored * bits) / 8);
    const available = Math.min(pixelData.length, dataSet.byteArray.byteLength - pixelData.dataOffset);
    if (available < expected && transferSyntaxUid !== '1.2.840.10008.1.2.1.99') throw new Rejection('truncated');
  }

  return {
    patient: {
      name: text('x00100010', 'PN'),
      patientId: text('x00100020'),
      issuer: text('x00100021'),
      birthDate: isoDate(ascii('x00100030')),
      sex: ({ M: 'male', F: 'female', O: 'other' } as const)[ascii('x00100040').toUpperCase() as 'M' | 'F' | 'O'] ?? 'unknown',
      otherIds: otherPatientIds(dataSet, text),
    },
    study: {
      uid: studyUid,
      date: isoDate(ascii('x00080020')),
      time: isoTime(ascii('x00080030')),
      accession: text('x00080050', 'SH'),
      description: text('x00081030'),
      referring: text('x00080090', 'PN'),
    },
    series: {
      uid: seriesUid,
      modality: ascii('x00080060').toUpperCase(),
      number: dataSet.intString('x00200011') ?? null,
      description: text('x0008103e'),
      bodyPart: ascii('x00180015').toUpperCase(),
    },
    instance: {
      sopInstanceUid,
      sopClassUid,
      transferSyntaxUid,
      frames,
      rows,
      columns,
      instanceNumber: finiteOrNull(dataSet.intString('x00200013')),
      slicePosition: slicePosition(dataSet),
    },
  };
}

function otherPatientIds(dataSet: DataSet, text: (tag: string, vr?: string) => string): string[] {
  const ids = text('x00101000')
    .split('\\')
    .map((value) => value.trim())
    .filter(Boolean);
  for (const item of dataSet.elements.x00101002?.items ?? []) {
    const id = item.dataSet?.string('x00100020')?.trim();
    if (id) ids.push(id);
  }
  return [...new Set(ids)];
}

/** Image Position (Patient) projected on the normal of Image Orientation (Patient): the slice's place in a volume. */
function slicePosition(dataSet: DataSet): number | null {
  const position = [0, 1, 2].map((i) => dataSet.floatString('x00200032', i));
  const orientation = [0, 1, 2, 3, 4, 5].map((i) => dataSet.floatString('x00200037', i));
  if (position.some((v) => v === undefined || !Number.isFinite(v)) || orientation.some((v) => v === undefined || !Number.isFinite(v))) return null;
  const [x, y, z] = position as [number, number, number];
  const [r0, r1, r2, c0, c1, c2] = orientation as [number, number, number, number, number, number];
  const normal = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  return x * normal[0]! + y * normal[1]! + z * normal[2]!;
}

function isoDate(value: string): string | null {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

function isoTime(value: string): string | null {
  const match = /^(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?/.exec(value);
  if (!match) return null;
  return `${match[1]}:${match[2] ?? '00'}:${match[3] ?? '00'}`;
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
