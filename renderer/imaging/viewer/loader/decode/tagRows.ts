/** One line of the tag browser. */
export interface TagRow {
  readonly tag: string;
  readonly name: string;
  readonly vr: string;
  readonly length: number;
  readonly value: string;
  /** Nesting inside sequences: 0 at the top level. */
  readonly depth: number;
}

export type TagListResponse = { readonly ok: true; readonly rows: TagRow[] } | { readonly ok: false; readonly message: string };
