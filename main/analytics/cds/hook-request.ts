import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { CdsHook, CdsService } from '../../../preload/contract/analytics.ts';

export interface HookRequestInput {
  hook: CdsHook;
  hookInstance: string;
  service: CdsService;
  /** The de-identified chart. */
  bundle: Bundle;
  patientPseudonym: string;
  encounterPseudonym: string | null;
  userPseudonym: string;
}

const TEMPLATE = /^([A-Z][A-Za-z]+)(?:\/\{\{\s*context\.(\w+)\s*\}\}|\?(.*))$/;

/**
 * A CDS Hooks 2.0 request. No `fhirServer` and no `fhirAuthorization`: the
 * service gets only the prefetch it asked for in discovery, fulfilled from
 * the de-identified chart (a search template gets every resource of its type
 * of this patient; its other parameters are not applied).
 */
export function hookRequest(input: HookRequestInput): Record<string, unknown> {
  const resources = (input.bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
  const context: Record<string, unknown> = { userId: `Practitioner/${input.userPseudonym}`, patientId: input.patientPseudonym };
  if (input.encounterPseudonym) context.encounterId = input.encounterPseudonym;
  if (input.hook === 'order-select') {
    context.selections = [];
    context.draftOrders = { resourceType: 'Bundle', type: 'collection', entry: [] };
  }
  const prefetch: Record<string, unknown> = {};
  for (const [key, template] of Object.entries(input.service.prefetch ?? {})) {
    const value = fulfil(template.trim(), resources, context);
    if (value !== undefined) prefetch[key] = value;
  }
  return { hookInstance: input.hookInstance, hook: input.hook, context, prefetch };
}

function fulfil(template: string, resources: readonly Resource[], context: Record<string, unknown>): unknown {
  const match = TEMPLATE.exec(template);
  if (!match) return undefined;
  const [, type, contextKey, query] = match;
  if (contextKey) {
    const wanted = context[contextKey];
    if (typeof wanted !== 'string') return undefined;
    const id = wanted.includes('/') ? wanted.split('/')[1] : wanted;
    // Spec: a prefetch that cannot be fulfilled is null or omitted; a Practitioner we do not share is omitted.
    return resources.find((resource) => resource.resourceType === type && resource.id === id) ?? undefined;
  }
  if (query !== undefined) {
    const matching = resources.filter((resource) => resource.resourceType === type);
    return { resourceType: 'Bundle', type: 'searchset', total: matching.length, entry: matching.map((resource) => ({ resource })) };
  }
  return undefined;
}
