import { DatePicker, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ageText } from '../format/ageText.ts';
import { BIRTH_DATE_FORMAT } from './patientFormValues.ts';
import { birthDateRules, ID_TYPE_FIELD, ID_VALUE_FIELD } from './patientRules.ts';

// Typed dates may also come without separators (19900315) or with slashes or dots; they are shown as YYYY-MM-DD.
const FORMATS = [BIRTH_DATE_FORMAT, 'YYYYMMDD', 'YYYY/MM/DD', 'YYYY.MM.DD'];

/** Typed or picked; the age shows beneath as soon as the date is known. Out-of-range dates are accepted, then explained by the rules. */
export function BirthDateField() {
  const { t } = useTranslation();
  const birthDate = Form.useWatch<Dayjs | null | undefined>('birthDate');
  return (
    <Form.Item
      name="birthDate"
      label={t('patients.form.birthDate')}
      rules={birthDateRules(t)}
      dependencies={[ID_TYPE_FIELD, ID_VALUE_FIELD]}
      extra={birthDate ? t('patients.form.age', { age: ageText(t, birthDate.format(BIRTH_DATE_FORMAT)) }) : undefined}
    >
      <DatePicker
        format={FORMATS}
        placeholder={t('patients.form.birthDatePlaceholder')}
        style={{ width: '100%' }}
        // Enter confirms the typed date (the picker has taken it by now); it must not also send the half-filled form.
        onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
        data-testid="register-birth-date"
      />
    </Form.Item>
  );
}
