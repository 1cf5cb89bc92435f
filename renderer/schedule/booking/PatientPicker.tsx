import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../preload/contract/patients.ts';
import { call } from '../../platform/api.ts';

const DEBOUNCE_MS = 200;

interface Props {
  value?: string;
  onChange?: (id: string) => void;
  /** A patient chosen before (a reschedule, a booking from the chart), shown without searching. */
  initial?: { id: string; fullName: string; mrn: string };
  disabled?: boolean;
  id?: string;
}

/**
 * A compact patient finder for the booking form: the register's search as you
 * type (name, pinyin, initials, MRN, phone, ID), recently seen patients when
 * empty. Options read "name · sex · birth date · MRN". Test id: `booking-patient`,
 * options `booking-patient-option-<mrn>`.
 */
export function PatientPicker({ value, onChange, initial, disabled, id }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    const timer = setTimeout(() => {
      call('patients.search', { query, limit: 20 }).then(
        (found) => current && (setHits(found), setLoading(false)),
        () => current && (setHits([]), setLoading(false)),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const options = hits.map((hit) => ({
    value: hit.id,
    label: `${hit.fullName} · ${t(`patients.sexes.${hit.sex}`)} · ${hit.birthDate} · ${hit.mrn}`,
    'data-testid': `booking-patient-option-${hit.mrn}`,
  }));
  if (initial && !options.some((option) => option.value === initial.id)) {
    options.unshift({ value: initial.id, label: `${initial.fullName} · ${initial.mrn}`, 'data-testid': `booking-patient-option-${initial.mrn}` });
  }

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      value={value}
      onChange={onChange}
      disabled={disabled}
      options={options}
      placeholder={t('schedule.booking.patientPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('schedule.booking.noPatient')}
      data-testid="booking-patient"
    />
  );
}
