import { MAX_PHONE_COLUMNS, type ImportField, type ImportMapping } from '../../../preload/contract/patient-import.ts';

/**
 * Header words that name each field, in Chinese and English, compared after
 * lower-casing and dropping spaces, underscores, dashes and brackets. Listed
 * most specific first: "emergency contact phone" must not become a patient phone.
 */
const SYNONYMS: ReadonlyArray<readonly [ImportField, readonly string[]]> = [
  ['emergencyPhone', ['紧急联系人电话', '紧急联系电话', '联系人电话', '家属电话', 'emergencyphone', 'emergencycontactphone', 'contactphone', 'nokphone']],
  ['emergencyRelation', ['紧急联系人关系', '与患者关系', '关系', 'relation', 'relationship', 'emergencyrelation']],
  ['emergencyName', ['紧急联系人', '紧急联系人姓名', '联系人', '家属', 'emergencycontact', 'emergencyname', 'emergencycontactname', 'nextofkin', 'nok']],
  ['insuranceProvider', ['医保类型', '保险类型', '保险公司', '医保', '保险', 'insurance', 'insurer', 'insuranceprovider', 'payer', 'scheme']],
  ['insuranceNumber', ['医保卡号', '医保号', '保险号', '保单号', '社保卡号', 'insurancenumber', 'insuranceno', 'policynumber', 'policyno', 'memberid']],
  ['idType', ['证件类型', '身份证件类型', 'idtype', 'documenttype', 'identifiertype']],
  ['idValue', ['身份证号', '身份证号码', '身份证', '证件号', '证件号码', 'idnumber', 'idno', 'id', 'nationalid', 'identifier', 'passport', 'passportno', 'ssn']],
  ['mrn', ['病历号', '病案号', '门诊号', '就诊卡号', '档案号', 'mrn', 'medicalrecordnumber', 'recordnumber', 'chartnumber', 'patientid', 'patientno']],
  ['familyName', ['姓', '姓氏', 'familyname', 'lastname', 'surname']],
  ['givenName', ['名', '名字', 'givenname', 'firstname', 'forename']],
  ['fullName', ['姓名', '患者姓名', '病人姓名', '名称', 'name', 'fullname', 'patientname', 'patient']],
  ['sex', ['性别', 'sex', 'gender']],
  ['birthDate', ['出生日期', '出生年月日', '生日', '出生年月', 'birthdate', 'dateofbirth', 'dob', 'birthday', 'born']],
  ['phone', ['手机', '手机号', '手机号码', '电话', '电话号码', '联系电话', '移动电话', '固定电话', '座机', 'phone', 'mobile', 'mobilephone', 'cell', 'telephone', 'tel', 'phonenumber', 'homephone', 'workphone']],
  ['address', ['地址', '住址', '家庭住址', '联系地址', '现住址', 'address', 'homeaddress', 'street']],
  ['allergies', ['过敏', '过敏史', '药物过敏', '过敏情况', 'allergies', 'allergy', 'allergic']],
  ['notes', ['备注', '说明', '注释', 'notes', 'note', 'remarks', 'comment', 'comments']],
];

function normalise(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:：()（）[\]【】#*]/g, '');
}

/** The field a header most likely names, or null. Exact synonyms win; then a header that contains one (longest first). */
function fieldOf(header: string): ImportField | null {
  const key = normalise(header);
  if (!key) return null;
  for (const [field, words] of SYNONYMS) if (words.includes(key)) return field;
  let best: { field: ImportField; length: number } | null = null;
  for (const [field, words] of SYNONYMS) {
    for (const word of words) if (word.length >= 2 && key.includes(word) && word.length > (best?.length ?? 0)) best = { field, length: word.length };
  }
  return best?.field ?? null;
}

/** A first mapping from the header row: each field to the first column that names it (phones to up to three). */
export function suggestMapping(headers: readonly string[]): ImportMapping {
  const used = new Map<ImportField, number>();
  return headers.map((header) => {
    const field = fieldOf(header);
    if (!field) return null;
    const count = used.get(field) ?? 0;
    if (count >= (field === 'phone' ? MAX_PHONE_COLUMNS : 1)) return null;
    used.set(field, count + 1);
    return field;
  });
}
