/** The fhir channels. */
export const fhirChannels = {} as const;
