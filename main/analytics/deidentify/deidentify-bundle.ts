import { createHash } from 'node:crypto';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { scrubberFor } from './scrub-text.ts';
import { isFhirDate, shiftFhirDate } from './shift-date.ts';

export const AGE_BAND_EXTENSION = 'https://clinic-workstation.example/fhir/StructureDefinition/deid-age-band';
/** HIPAA Safe Harbor: ages over 89 are reported only as "90 or older". */
const OLDEST_EXACT_AGE = 89;

export interface DeidentifyContext {
  /** This patient's date shift in days (deid_date_shifts), the same for every export and call. */
  shiftDays: number;
  /** The patient's identifying values (identifying-values.ts), scrubbed from all remaining text. */
  identifyingValues: readonly string[];
  /** Makes the pseudonymous ids of one output unlinkable to the store's ids and to other outputs. */
  salt: string;
  /** For the age band. */
  now: number;
}

/** Removed wherever they appear: they identify a person, or are narrative we cannot vouch for. */
const DROPPED_EVERYWHERE = new Set(['identifier', 'telecom', 'address', 'contact', 'photo', 'extension', 'text', 'subscriberId', 'subscriber', 'link', 'meta', 'implicitRules']);
/** Dropped on resources that describe a person. */
const PERSON_TYPES = new Set(['Patient', 'Person', 'RelatedPerson', 'Practitioner']);
/** Attachments (documents, photos) carry content or its location: only the type and size stay. */
const ATTACHMENT_KEEP = new Set(['contentType', 'language', 'size', 'creation']);
/** Strings that are codes or machine identifiers, not text to scrub. */
const MACHINE_KEYS = new Set(['system', 'code', 'version', 'unit', 'resourceType', 'status', 'gender', 'use', 'url', 'contentType', 'language']);

const UUID_URN = /^urn:uuid:([0-9a-f-]{36})$/i;
const RELATIVE_REFERENCE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9.-]{1,64})$/;

/**
 * A FHIR R4 bundle with the patient's identity removed: no names,
 * identifiers, addresses, telecom, contacts, photos, extensions or
 * narratives; references without display names; attachments without
 * content; every date shifted by the patient's offset; age over 89 as a
 * band; resource ids replaced by salted pseudonyms (references kept
 * consistent); and all remaining free text scrubbed of the patient's own
 * identifying values and of anything shaped like a phone, ID or e-mail.
 */
export function deidentifyBundle(bundle: Bundle, context: DeidentifyContext): Bundle {
  const scrub = scrubberFor(context.identifyingValues);
  const pseudonym = (id: string) => pseudonymousId(context.salt, id);

  const walk = (value: unknown, key: string, parentIsReference: boolean): unknown => {
    if (typeof value === 'string') {
      if (key === 'id') return pseudonym(value);
      if (key === 'reference') return rewriteReference(value, pseudonym);
      if (key === 'fullUrl') return rewriteReference(value, pseudonym);
      if (isFhirDate(value)) return shiftFhirDate(value, context.shiftDays);
      if (MACHINE_KEYS.has(key)) return value;
      return scrub(value);
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, key, false));
    if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      // A reference, or a display-only reference (a payer, a performer named in words).
      const isReference = typeof object.reference === 'string' || Object.keys(object).every((name) => name === 'display' || name === 'type');
      const isAttachment = key === 'attachment' || key === 'photo' || (typeof object.contentType === 'string' && ('data' in object || 'url' in object));
      const out: Record<string, unknown> = {};
      for (const [childKey, child] of Object.entries(object)) {
        // `text` is dropped as a narrative (an object) and kept, scrubbed, as a concept's or note's text (a string).
        if (DROPPED_EVERYWHERE.has(childKey) && !(childKey === 'text' && typeof child === 'string')) continue;
        if (isAttachment && !ATTACHMENT_KEEP.has(childKey)) continue;
        // A reference's display is a name (of the patient, a doctor, a payer).
        if ((isReference || parentIsReference) && childKey === 'display') continue;
        const kept = walk(child, childKey, isReference);
        if (kept !== '') out[childKey] = kept;
      }
      return out;
    }
    return value;
  };

  const entries = (bundle.entry ?? []).flatMap((entry): BundleEntry[] => {
    if (!entry.resource) return [];
    const resource = deidentifyResource(entry.resource, context, walk);
    return [{ fullUrl: entry.fullUrl ? rewriteReference(entry.fullUrl, pseudonym) : undefined, resource } as BundleEntry];
  });
  return { resourceType: 'Bundle', type: bundle.type ?? 'collection', ...(bundle.timestamp ? { timestamp: bundle.timestamp } : {}), entry: entries };
}

function deidentifyResource(resource: Resource, context: DeidentifyContext, walk: (value: unknown, key: string, parentIsReference: boolean) => unknown): Resource {
  const source = { ...(resource as unknown as Record<string, unknown>) };
  if (PERSON_TYPES.has(resource.resourceType)) {
    delete source.name;
    delete source.maritalStatus;
    delete source.generalPractitioner;
    delete source.managingOrganization;
  }
  let ageBand: string | null = null;
  if (resource.resourceType === 'Patient' && typeof source.birthDate === 'string') {
    const age = yearsBetween(source.birthDate, context.now);
    if (age !== null && age > OLDEST_EXACT_AGE) {
      delete source.birthDate;
      ageBand = '90+';
    }
  }
  const result = walk(source, '', false) as Record<string, unknown>;
  if (ageBand) result.extension = [{ url: AGE_BAND_EXTENSION, valueString: ageBand }];
  return result as unknown as Resource;
}

function yearsBetween(birthDate: string, now: number): number | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birthDate);
  if (!match) return null;
  const today = new Date(now);
  const month = Number(match[2] ?? 1);
  const day = Number(match[3] ?? 1);
  const before = today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  return today.getUTCFullYear() - Number(match[1]) - (before ? 1 : 0);
}

/** Salted, so the same store id gets a different pseudonym in each output, and one output's ids reveal nothing about the store. */
export function pseudonymousId(salt: string, id: string): string {
  const hex = createHash('sha256').update(salt).update('\0').update(id).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function rewriteReference(value: string, pseudonym: (id: string) => string): string {
  const urn = UUID_URN.exec(value);
  if (urn) return `urn:uuid:${pseudonym(urn[1]!)}`;
  const relative = RELATIVE_REFERENCE.exec(value);
  if (relative) return `${relative[1]}/${pseudonym(relative[2]!)}`;
  // Anything else (an absolute URL to another server) could identify: drop it.
  return '';
}
