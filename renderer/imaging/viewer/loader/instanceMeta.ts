/** What the loader knows about one DICOM instance once parsed: plain data, no reference to the file's bytes. */
export interface PaletteLut {
  readonly firstValue: number;
  /** Entries scaled to 0…255. */
  readonly red: Uint8Array;
  readonly green: Uint8Array;
  readonly blue: Uint8Array;
}

export type PixelSpacingSource = 'pixel' | 'imager' | 'none';

export interface InstanceMeta {
  readonly transferSyntaxUid: string;
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly pixelRepresentation: number;
  readonly photometric: string;
  readonly planarConfiguration: number;
  readonly numberOfFrames: number;
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  readonly windowCenter: number | undefined;
  readonly windowWidth: number | undefined;
  /** [row spacing, column spacing] in mm, from Pixel Spacing or else Imager Pixel Spacing. */
  readonly pixelSpacing: readonly [number, number] | undefined;
  readonly pixelSpacingSource: PixelSpacingSource;
  readonly imageOrientationPatient: readonly number[] | undefined;
  readonly imagePositionPatient: readonly number[] | undefined;
  readonly sliceThickness: number | undefined;
  readonly sliceLocation: number | undefined;
  readonly modality: string;
  readonly instanceNumber: number | undefined;
  /** Milliseconds between frames of a multi-frame cine, when the file says. */
  readonly frameTimeMs: number | undefined;
  readonly palette: PaletteLut | undefined;
}

/** Byte ranges of one frame inside the (possibly inflated) file buffer; several for fragmented encapsulated frames. */
export type FrameRanges = ReadonlyArray<readonly [offset: number, length: number]>;

export const isColour = (meta: InstanceMeta): boolean => meta.samplesPerPixel === 3 || meta.photometric === 'PALETTE COLOR';
