import type { QueryModule } from '../store/interface.ts';

/** The fhir store methods: `store.methods.fhir.…`. */
export const fhirQueries = {} satisfies QueryModule;
