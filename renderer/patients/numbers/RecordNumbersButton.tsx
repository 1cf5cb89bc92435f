import { NumberOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MrnFormatInput, MrnSettings } from '../../../preload/contract/patients.ts';
import { applyFieldErrors } from '../../forms/applyFieldErrors.ts';
import { call, toContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useSession } from '../../session/SessionContext.ts';
import { canSetRecordNumbers } from '../patientPermissions.ts';

/**
 * "Record numbers" on the patients page, for administrators: the MRN format (prefix and digits) for patients
 * registered from now on, this workstation's station when it shares a clinic, and the next number it would issue.
 * Main validates the format; its refusals show on the fields. Issued numbers never change.
 * Test ids: `mrn-format-open`, `mrn-format-dialog`, `mrn-format-prefix`, `mrn-format-width`, `mrn-format-station`,
 * `mrn-format-next`, `mrn-format-save`, `mrn-format-alert`.
 */
export function RecordNumbersButton() {
  const { t } = useTranslation();
  const { role } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<MrnFormatInput>();
  const [settings, setSettings] = useState<MrnSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string>();
  if (!canSetRecordNumbers(role)) return null;

  const open = async () => {
    setAlert(undefined);
    try {
      const current = await call('patients.mrnFormat.get', {});
      setSettings(current);
      form.setFieldsValue({ prefix: current.prefix, width: current.width });
    } catch (error) {
      void message.error(errorMessage(t, error));
    }
  };

  const save = async (values: MrnFormatInput) => {
    setBusy(true);
    setAlert(undefined);
    try {
      setSettings(await call('patients.mrnFormat.set', values));
      void message.success(t('patientImport.recordNumbers.saved'));
    } catch (error) {
      const failure = toContractCallError(error);
      if (failure.fields.length > 0) applyFieldErrors(form, failure, t);
      else setAlert(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="large" icon={<NumberOutlined aria-hidden />} onClick={() => void open()} data-testid="mrn-format-open">
        {t('patientImport.recordNumbers.open')}
      </Button>
      <Modal
        open={settings !== null}
        title={t('patientImport.recordNumbers.title')}
        onCancel={() => setSettings(null)}
        okText={t('patientImport.recordNumbers.save')}
        okButtonProps={{ loading: busy, 'data-testid': 'mrn-format-save' } as ButtonProps}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {settings && (
          <div data-testid="mrn-format-dialog">
            {alert && <Alert type="error" showIcon title={alert} data-testid="mrn-format-alert" style={{ marginBottom: 12 }} />}
            <Form form={form} layout="vertical" onFinish={(values) => void save(values)} requiredMark={false}>
              <Form.Item name="prefix" label={t('patientImport.recordNumbers.prefix')} extra={t('patientImport.recordNumbers.prefixHint')} normalize={(value: string) => value.toUpperCase()} rules={[{ required: true, pattern: /^[A-Z]{1,10}$/, message: t('patientImport.recordNumbers.prefixHint') }]}>
                <Input maxLength={10} data-testid="mrn-format-prefix" />
              </Form.Item>
              <Form.Item name="width" label={t('patientImport.recordNumbers.width')} extra={t('patientImport.recordNumbers.widthHint')} rules={[{ required: true }]}>
                <InputNumber min={6} max={12} precision={0} data-testid="mrn-format-width" />
              </Form.Item>
            </Form>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'station',
                  label: t('patientImport.recordNumbers.station'),
                  children: (
                    <span data-testid="mrn-format-station">
                      {settings.station === null ? t('patientImport.recordNumbers.noStation') : t('patientImport.recordNumbers.stationNumber', { station: String(settings.station).padStart(2, '0') })}
                    </span>
                  ),
                },
                { key: 'next', label: t('patientImport.recordNumbers.next'), children: <span data-testid="mrn-format-next">{settings.nextMrn}</span> },
              ]}
            />
          </div>
        )}
      </Modal>
    </>
  );
}
