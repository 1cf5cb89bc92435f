/** The part of dcmjs (no shipped types) that reads, edits and writes Part-10 files. */
declare module 'dcmjs' {
  /** A data set in DICOM JSON form, keyed by 8-hex-digit tags ("00100010"). */
  export type DicomJsonDataset = Record<string, { vr: string; Value?: unknown[]; InlineBinary?: string; BulkDataURI?: string }>;

  export interface DicomDictInstance {
    meta: DicomJsonDataset;
    dict: DicomJsonDataset;
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
  }

  const dcmjs: {
    data: {
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean; forceStoreRaw?: boolean }): DicomDictInstance };
      DicomDict: new (meta: DicomJsonDataset) => DicomDictInstance;
      DicomMetaDictionary: {
        naturalizeDataset(dataset: DicomJsonDataset): Record<string, unknown>;
        denaturalizeDataset(dataset: Record<string, unknown>): DicomJsonDataset;
        uid(): string;
      };
    };
  };
  export default dcmjs;
  export const log: { setLevel(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent'): void };
}
