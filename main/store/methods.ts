import { userQueries } from '../accounts/queries.node.ts';
import { analyticsQueries } from '../analytics/queries.node.ts';
import { auditQueries } from '../audit/queries.node.ts';
import { chartQueries } from '../chart/queries.node.ts';
import { fhirQueries } from '../fhir/queries.node.ts';
import { imagingQueries } from '../imaging/queries.node.ts';
import { patientQueries } from '../patients/queries.node.ts';
import { scheduleQueries } from '../schedule/queries.node.ts';
import { syncQueries } from '../sync/queries.node.ts';
import type { Registry } from './interface.ts';
import { metaQueries } from './queries/meta.node.ts';
import { secretQueries } from './queries/secrets.node.ts';

/**
 * Every method the store worker serves, by module: `client.call('patients.get', id)`.
 * A capability adds its query file and one line here. Only the worker imports
 * this at runtime; main imports its type.
 */
export const registry = {
  meta: metaQueries,
  secrets: secretQueries,
  patients: patientQueries,
  users: userQueries,
  audit: auditQueries,
  schedule: scheduleQueries,
  chart: chartQueries,
  fhir: fhirQueries,
  imaging: imagingQueries,
  sync: syncQueries,
  analytics: analyticsQueries,
} as const satisfies Registry;
