import { ImportOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ImportFhirButton } from '../fhir/ImportFhirButton.tsx';
import { useSession } from '../session/SessionContext.ts';
import { canRegister } from './patientPermissions.ts';
import { PatientImportPage } from './import/PatientImportPage.tsx';
import { RecordNumbersButton } from './numbers/RecordNumbersButton.tsx';
import { openPatientImport, openRegistration, usePatientRoute } from './patientRoute.ts';
import { RegisterPatientPage } from './register/RegisterPatientPage.tsx';
import { PatientSearch } from './search/PatientSearch.tsx';
import { PatientViewPage } from './view/PatientViewPage.tsx';

// Default export: loaded lazily by frame/sections.ts.
export default function PatientsPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const route = usePatientRoute();
  return (
    <>
      <PatientSearch
        showResults={route.kind === 'search'}
        actions={
          canRegister(role) && (
            <>
              <Button size="large" icon={<UserAddOutlined aria-hidden />} onClick={openRegistration} data-testid="patient-register-open">
                {t('patients.register.open')}
              </Button>
              <Button size="large" icon={<ImportOutlined aria-hidden />} onClick={openPatientImport} data-testid="patient-import-open">
                {t('patientImport.open')}
              </Button>
              <ImportFhirButton />
              <RecordNumbersButton />
            </>
          )
        }
      />
      <div style={{ marginTop: 16 }}>
        {route.kind === 'register' && <RegisterPatientPage />}
        {route.kind === 'import' && <PatientImportPage />}
        {/* Keyed: another patient starts with a fresh read and closed dialogs. */}
        {route.kind === 'view' && <PatientViewPage key={route.id} id={route.id} />}
      </div>
    </>
  );
}
