import { EditOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/SessionContext.ts';
import { canMerge, canRegister } from '../patientPermissions.ts';

/** Edit for the desk and administrators, merge for administrators; clinicians see neither. */
export function PatientActions({ onEdit, onMerge }: { onEdit: () => void; onMerge: () => void }) {
  const { t } = useTranslation();
  const { role } = useSession();
  return (
    <>
      {canRegister(role) && (
        <Button icon={<EditOutlined aria-hidden />} onClick={onEdit} data-testid="patient-edit">
          {t('patients.edit.open')}
        </Button>
      )}
      {canMerge(role) && (
        <Button icon={<MergeCellsOutlined aria-hidden />} onClick={onMerge} data-testid="patient-merge-open">
          {t('patients.merge.open')}
        </Button>
      )}
    </>
  );
}
