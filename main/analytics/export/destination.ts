/** One file of the dataset being written. */
export interface DatasetFile {
  /** Resolves once the destination has taken the text (backpressure for large exports). */
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where a dataset goes: a new folder on this PC, or its own prefix in a sync
 * target's bucket. The manifest is written last, so its presence says the
 * dataset is complete.
 */
export interface DatasetDestination {
  /** For the result and the log: the folder, or `s3://bucket/key/`. */
  readonly location: string;
  create(name: string, contentType: string): Promise<DatasetFile>;
  finish(manifest: string): Promise<void>;
  /** After a failure: removes what was written where it can. */
  abort(): Promise<void>;
}
