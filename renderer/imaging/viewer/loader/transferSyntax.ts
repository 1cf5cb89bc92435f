/** Transfer syntaxes the loader decodes, grouped by the decoder each needs. */
export const TS = {
  implicitLittle: '1.2.840.10008.1.2',
  explicitLittle: '1.2.840.10008.1.2.1',
  deflated: '1.2.840.10008.1.2.1.99',
  explicitBig: '1.2.840.10008.1.2.2',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  jpegExtended: '1.2.840.10008.1.2.4.51',
  jpegLossless: '1.2.840.10008.1.2.4.57',
  jpegLosslessSv1: '1.2.840.10008.1.2.4.70',
  jpegLsLossless: '1.2.840.10008.1.2.4.80',
  jpegLsNear: '1.2.840.10008.1.2.4.81',
  j2kLossless: '1.2.840.10008.1.2.4.90',
  j2k: '1.2.840.10008.1.2.4.91',
  htj2kLossless: '1.2.840.10008.1.2.4.201',
  rle: '1.2.840.10008.1.2.5',
} as const;

export type Codec = 'native' | 'big-endian' | 'jpeg-8bit' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg2000' | 'rle';

const CODECS: Readonly<Record<string, Codec>> = {
  [TS.implicitLittle]: 'native',
  [TS.explicitLittle]: 'native',
  [TS.deflated]: 'native',
  [TS.explicitBig]: 'big-endian',
  [TS.jpegBaseline]: 'jpeg-8bit',
  [TS.jpegExtended]: 'jpeg-8bit',
  [TS.jpegLossless]: 'jpeg-lossless',
  [TS.jpegLosslessSv1]: 'jpeg-lossless',
  [TS.jpegLsLossless]: 'jpeg-ls',
  [TS.jpegLsNear]: 'jpeg-ls',
  [TS.j2kLossless]: 'jpeg2000',
  [TS.j2k]: 'jpeg2000',
  [TS.rle]: 'rle',
};

export function codecFor(transferSyntaxUid: string): Codec | undefined {
  return CODECS[transferSyntaxUid];
}

export const isEncapsulated = (codec: Codec): boolean => codec !== 'native' && codec !== 'big-endian';
