/** Types for dicom-character-set (the package ships none). */
declare module 'dicom-character-set' {
  /** Decodes DICOM text bytes by the Specific Character Set value (0008,0005). */
  export function convertBytes(specificCharacterSet: string | undefined, bytes: Uint8Array, options?: { vr?: string }): string;
}
