/** Chinese messages of the patientImport screens; the English file must match this shape. */
export const patientImportZh = {};
