import type { Extension } from '@medplum/fhirtypes';

/** A complex extension of string parts, leaving out the empty ones (FHIR strings are never empty). */
export function stringParts(url: string, parts: Record<string, string | null | undefined>): Extension | null {
  const extension = Object.entries(parts)
    .filter((part): part is [string, string] => typeof part[1] === 'string' && part[1].trim() !== '')
    .map(([name, value]): Extension => ({ url: name, valueString: value }));
  return extension.length ? { url, extension } : null;
}

/** Sub-extension value of a complex extension, by its name. */
export function part(extension: Extension | undefined, name: string): Extension | undefined {
  return extension?.extension?.find((sub) => sub.url === name);
}

/** Drops nulls, so optional extensions can be listed inline. */
export function present<T>(items: readonly (T | null | undefined)[]): T[] {
  return items.filter((item): item is T => item !== null && item !== undefined);
}
