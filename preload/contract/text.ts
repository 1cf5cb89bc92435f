import { z } from 'zod';

/** Printable single-line text, trimmed: no control characters (multi-line fields say so with their own schema). */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed');
