/** Chinese messages of the fhir screens; the English file must match this shape. */
export const fhirZh = {};
