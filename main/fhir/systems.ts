/**
 * Code systems and naming systems the FHIR mapping uses. Where HL7 names a
 * system (LOINC, UCUM, ICD-10, v2 identifier types) it is used; the product's
 * own facts (allergy status, check-in times) use extensions under
 * PRODUCT_BASE. `.local` never resolves publicly, which is the point: these
 * URLs name, they are not fetched.
 */
export const PRODUCT_BASE = 'http://clinic-workstation.local/fhir';

export const SYSTEMS = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  snomed: 'http://snomed.info/sct',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  contactRelationship: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  /** Chinese resident identity card number (GB 11643), the OID China's health information standards give it. */
  cnResidentId: 'urn:oid:2.16.156.10011.1.11',
  /** A passport whose issuing country the register does not record. */
  passport: `${PRODUCT_BASE}/sid/passport`,
  /** Any other identity document the register accepts. */
  otherId: `${PRODUCT_BASE}/sid/other-id`,
  dicomUid: 'urn:dicom:uid',
  dicomModality: 'http://dicom.nema.org/resources/ontology/DCM',
} as const;

export const EXTENSIONS = {
  /** ISO 21090 name representation: IDE (ideographic, 汉字) and ABC (alphabetic, pinyin). */
  nameRepresentation: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation',
  /** The register's allergy flag: unknown, none or has. */
  allergyStatus: `${PRODUCT_BASE}/StructureDefinition/allergy-status`,
  patientNotes: `${PRODUCT_BASE}/StructureDefinition/patient-notes`,
  checkedInAt: `${PRODUCT_BASE}/StructureDefinition/checked-in-at`,
  checkedOutAt: `${PRODUCT_BASE}/StructureDefinition/checked-out-at`,
  /** Which kind of schedule resource an appointment participant is: provider, room or modality. */
  resourceKind: `${PRODUCT_BASE}/StructureDefinition/schedule-resource-kind`,
  /** The visit note on an Encounter: SOAP sections and orders, each a sub-extension (valueString). */
  visitNote: `${PRODUCT_BASE}/StructureDefinition/visit-note`,
  /** Who wrote the note (valueString: the name as written). */
  noteAuthor: `${PRODUCT_BASE}/StructureDefinition/note-author`,
  /** The note's signature: sub-extensions `at` (valueDateTime) and `by` (valueString). */
  noteSigned: `${PRODUCT_BASE}/StructureDefinition/note-signed`,
  /** One addendum to a signed note (its id on the extension element): `text`, `at`, `by`. */
  noteAddendum: `${PRODUCT_BASE}/StructureDefinition/note-addendum`,
  /** HL7's: why a required element has no value. */
  dataAbsentReason: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
} as const;

/** This product's document kinds (chart documents' `kind`). */
export const DOCUMENT_KIND_SYSTEM = `${PRODUCT_BASE}/CodeSystem/document-kind`;

/**
 * The MRN's naming system: this record store's identity (its setup id, kept
 * by backups and restores), so MRNs of two clinics never compare equal.
 */
export function mrnSystem(storeId: string): string {
  return `urn:uuid:${storeId}`;
}
