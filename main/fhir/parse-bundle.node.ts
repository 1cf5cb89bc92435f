import { open } from 'node:fs/promises';
import type { Bundle } from '@medplum/fhirtypes';
import type { FieldIssue } from '../../preload/contract/errors.ts';
import { bundleToPlan, type PlanResult } from './bundle-to-plan.ts';
import { jsonDepthExceeds, MAX_BUNDLE_BYTES, MAX_JSON_DEPTH } from './json-limits.ts';
import { validateBundle } from './schema.node.ts';

const refuse = (code: string, message: string, path = ''): PlanResult => ({ ok: false, issues: [{ path, code, message }] });

/** Reads at most the limit plus one byte, so an oversized file is refused without being read whole. */
async function readLimited(path: string): Promise<Buffer | null> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > MAX_BUNDLE_BYTES) return null;
    const buffer = Buffer.alloc(Math.min(size, MAX_BUNDLE_BYTES) + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return bytesRead > MAX_BUNDLE_BYTES ? null : buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * An untrusted FHIR file to an import plan, in the FHIR worker: size and
 * depth limits before the parser, strict UTF-8, a Bundle checked against the
 * R4 schema, then mapped. Refusals say where and which rule, never a value.
 */
export async function parseBundleFile(path: string): Promise<PlanResult> {
  const bytes = await readLimited(path);
  if (!bytes) return refuse('TOO_LARGE', `The file is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MB.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse('NOT_JSON', 'The file is not UTF-8 text.');
  }
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) return refuse('TOO_DEEP', `The JSON nests deeper than ${MAX_JSON_DEPTH} levels.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse('NOT_JSON', 'The file is not valid JSON.');
  }
  return planFromJson(json);
}

export async function planFromJson(json: unknown): Promise<PlanResult> {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || (json as { resourceType?: unknown }).resourceType !== 'Bundle') {
    return refuse('NOT_BUNDLE', 'The file is not a FHIR Bundle.', '/resourceType');
  }
  const issues = await validateBundle(json);
  if (issues.length) return { ok: false, issues: issues.map((issue): FieldIssue => ({ path: issue.path, code: 'SCHEMA', message: issue.message })) };
  return bundleToPlan(json as Bundle);
}
