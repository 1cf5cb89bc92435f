import { Flex, Form, InputNumber, Switch, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncSettings } from '../../preload/contract/sync.ts';
import { FormButtons } from '../forms/FormButtons.tsx';
import { FormErrorAlert } from '../forms/FormErrorAlert.tsx';
import { FormModal } from '../forms/FormModal.tsx';
import { useFormSubmit } from '../forms/useFormSubmit.ts';
import { call } from '../platform/api.ts';

interface Values {
  intervalMinutes: number;
  limitBandwidth: boolean;
  bandwidthKiBps: number | null;
  useWindow: boolean;
  from: Dayjs | null;
  to: Dayjs | null;
  eagerImages: boolean;
}

const TIME_FORMAT = 'HH:mm';
const atMinute = (minute: number) => dayjs().startOf('day').add(minute, 'minute');
const minuteOf = (time: Dayjs) => time.hour() * 60 + time.minute();

function toValues(settings: SyncSettings): Values {
  return {
    intervalMinutes: settings.intervalMinutes,
    limitBandwidth: settings.bandwidthKiBps !== null,
    bandwidthKiBps: settings.bandwidthKiBps ?? 1024,
    useWindow: settings.window !== null,
    from: atMinute(settings.window?.fromMinute ?? 22 * 60),
    to: atMinute(settings.window?.toMinute ?? 6 * 60),
    eagerImages: settings.eagerImages,
  };
}

function toSettings(values: Values): SyncSettings {
  return {
    intervalMinutes: values.intervalMinutes,
    bandwidthKiBps: values.limitBandwidth ? values.bandwidthKiBps : null,
    window: values.useWindow && values.from && values.to ? { fromMinute: minuteOf(values.from), toMinute: minuteOf(values.to) } : null,
    eagerImages: values.eagerImages,
  };
}

/** The worker's schedule in words, for the Sync screen's header: "every 5 min · up to 1024 KiB/s · 22:00–06:00". */
export function describeSettings(t: TFunction, settings: SyncSettings): string {
  return [
    t('sync.settings.everyMinutes', { minutes: settings.intervalMinutes }),
    settings.bandwidthKiBps === null ? t('sync.settings.noLimit') : t('sync.settings.limitOf', { rate: settings.bandwidthKiBps }),
    settings.window === null
      ? t('sync.settings.anyTime')
      : t('sync.settings.windowOf', { from: atMinute(settings.window.fromMinute).format(TIME_FORMAT), to: atMinute(settings.window.toMinute).format(TIME_FORMAT) }),
  ].join(' · ');
}

/**
 * Administrators set when and how fast the worker syncs: the interval between automatic rounds, a bandwidth limit
 * for uploads and downloads, a daily time window (it may run past midnight, e.g. 22:00–06:00; "Sync now" ignores it),
 * and whether images are fetched at once.
 * Test ids: `sync-settings-interval`, `sync-settings-limit`, `sync-settings-bandwidth`, `sync-settings-window`,
 * `sync-settings-from`, `sync-settings-to`, `sync-settings-eager`, `sync-settings-submit`.
 */
export function SettingsModal({ settings, open, onClose, onSaved }: { settings: SyncSettings; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal open={open} title={t('sync.settings.title')} onClose={onClose}>
      {open && <SettingsForm settings={settings} onClose={onClose} onSaved={onSaved} />}
    </FormModal>
  );
}

function SettingsForm({ settings, onClose, onSaved }: { settings: SyncSettings; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const limitBandwidth = Form.useWatch('limitBandwidth', form);
  const useWindow = Form.useWatch('useWindow', form);
  // Numbers and times, not text: the shared requiredRule's whitespace check is for strings.
  const required = { required: true, message: t('forms.required') };
  const save = useCallback((values: Values) => call('sync.settings.save', toSettings(values)), []);
  const { submit, submitting, error } = useFormSubmit(form, save, {
    onSuccess: onSaved,
    fieldNames: { 'window.fromMinute': 'from', 'window.toMinute': 'to' },
  });
  return (
    <Form form={form} layout="vertical" initialValues={toValues(settings)} onFinish={submit} requiredMark={false}>
      <FormErrorAlert message={error && !error.fields.length ? t('sync.failed') : undefined} testId="sync-settings-error" />
      <Form.Item name="intervalMinutes" label={t('sync.settings.interval')} rules={[required]}>
        <InputNumber min={1} max={24 * 60} precision={0} suffix={t('sync.settings.minutes')} style={{ width: 160 }} data-testid="sync-settings-interval" />
      </Form.Item>
      <Form.Item label={t('sync.settings.bandwidth')} extra={t('sync.settings.bandwidthHelp')}>
        <Flex gap="small" align="center">
          <Form.Item name="limitBandwidth" valuePropName="checked" noStyle>
            <Switch data-testid="sync-settings-limit" />
          </Form.Item>
          <Form.Item name="bandwidthKiBps" noStyle rules={limitBandwidth ? [required] : []}>
            <InputNumber min={16} max={10_000_000} precision={0} disabled={!limitBandwidth} suffix="KiB/s" style={{ width: 180 }} data-testid="sync-settings-bandwidth" />
          </Form.Item>
        </Flex>
      </Form.Item>
      <Form.Item label={t('sync.settings.window')} extra={t('sync.settings.windowHelp')}>
        <Flex gap="small" align="center" wrap>
          <Form.Item name="useWindow" valuePropName="checked" noStyle>
            <Switch data-testid="sync-settings-window" />
          </Form.Item>
          <Form.Item name="from" noStyle rules={useWindow ? [required] : []}>
            <TimePicker format={TIME_FORMAT} minuteStep={5} disabled={!useWindow} allowClear={false} needConfirm={false} aria-label={t('sync.settings.from')} data-testid="sync-settings-from" />
          </Form.Item>
          <Typography.Text>–</Typography.Text>
          <Form.Item
            name="to"
            noStyle
            dependencies={['from']}
            rules={
              useWindow
                ? [
                    required,
                    ({ getFieldValue }) => ({
                      validator: (_rule, to: Dayjs | null) => {
                        const from = getFieldValue('from') as Dayjs | null;
                        return from && to && minuteOf(from) === minuteOf(to) ? Promise.reject(new Error(t('sync.settings.sameTimes'))) : Promise.resolve();
                      },
                    }),
                  ]
                : []
            }
          >
            <TimePicker format={TIME_FORMAT} minuteStep={5} disabled={!useWindow} allowClear={false} needConfirm={false} aria-label={t('sync.settings.to')} data-testid="sync-settings-to" />
          </Form.Item>
        </Flex>
      </Form.Item>
      <Form.Item name="eagerImages" valuePropName="checked" label={t('sync.settings.eagerImages')} extra={t('sync.settings.eagerImagesHelp')}>
        <Switch data-testid="sync-settings-eager" />
      </Form.Item>
      <FormButtons submitLabel={t('sync.form.save')} submitTestId="sync-settings-submit" submitting={submitting} onCancel={onClose} />
    </Form>
  );
}
