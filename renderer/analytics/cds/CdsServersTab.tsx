import { Alert, Button, Form, Input, InputNumber, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CdsServer } from '../../../preload/contract/analytics.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useCall } from '../../platform/useCall.ts';
import { formatTime } from '../format.ts';

interface ServerForm {
  name: string;
  baseUrl: string;
  timeoutMs: number;
  enabled: boolean;
  credential?: string;
}

/**
 * Administrator: CDS Hooks services, their discovery and circuit state. The token is write-only.
 * Test ids: `cds-server-name`, `cds-server-url`, `cds-server-timeout`, `cds-server-token`, `cds-server-enabled`,
 * `cds-server-save`, `cds-servers`, `cds-discover-<id>`, `cds-edit-<id>`.
 */
export function CdsServersTab() {
  const { t } = useTranslation();
  const servers = useCall('analytics.cds.servers.list', {});
  const [form] = Form.useForm<ServerForm>();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async (values: ServerForm) => {
    setError(null);
    try {
      await call('analytics.cds.servers.save', { ...(editing ? { id: editing } : {}), name: values.name, baseUrl: values.baseUrl, timeoutMs: values.timeoutMs, enabled: values.enabled, ...(values.credential ? { credential: values.credential } : {}) });
      form.resetFields();
      setEditing(null);
      servers.reload();
    } catch (failure) {
      setError(errorMessage(t, failure));
    }
  };
  const discover = async (id: string) => {
    try {
      await call('analytics.cds.servers.discover', { id });
    } catch (failure) {
      setError(errorMessage(t, failure));
    }
    servers.reload();
  };
  const edit = (server: CdsServer) => {
    setEditing(server.id);
    form.setFieldsValue({ name: server.name, baseUrl: server.baseUrl, timeoutMs: server.timeoutMs, enabled: server.enabled, credential: '' });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={4}>{t('analytics.cds.servers')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        loading={servers.loading}
        dataSource={servers.value ?? []}
        pagination={false}
        data-testid="cds-servers"
        columns={[
          { title: t('analytics.cds.name'), dataIndex: 'name' },
          { title: t('analytics.cds.baseUrl'), dataIndex: 'baseUrl' },
          {
            title: t('analytics.cds.services'),
            key: 'services',
            render: (_, server) => (
              <Space orientation="vertical" size={0}>
                {server.services.map((service) => (
                  <span key={service.id}>
                    <Tag>{service.hook}</Tag>
                    {service.title ?? service.id}
                  </span>
                ))}
                {server.discoveredAt && <Typography.Text type="secondary">{t('analytics.cds.discoveredAt', { time: formatTime(server.discoveredAt) })}</Typography.Text>}
                {server.discoveryError && <Typography.Text type="danger">{t(`analytics.cds.errors.${server.discoveryError as 'timeout'}`, { defaultValue: server.discoveryError })}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '',
            key: 'state',
            render: (_, server) =>
              server.openUntil && server.openUntil > Date.now() ? (
                <Tag color="red">{t('analytics.cds.circuitOpen', { time: formatTime(server.openUntil), failures: server.failures })}</Tag>
              ) : (
                <Tag color={server.enabled ? 'green' : 'default'}>{server.enabled ? t('analytics.cds.healthy') : '—'}</Tag>
              ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, server) => (
              <Space>
                {server.hasCredential && <Tag>{t('analytics.cds.credentialStored')}</Tag>}
                <Button size="small" onClick={() => void discover(server.id)} data-testid={`cds-discover-${server.id}`}>
                  {t('analytics.cds.discover')}
                </Button>
                <Button size="small" onClick={() => edit(server)} data-testid={`cds-edit-${server.id}`}>
                  {t('analytics.cds.edit')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {error && <Alert type="error" showIcon title={error} />}
      <Form<ServerForm> form={form} layout="inline" initialValues={{ timeoutMs: 10_000, enabled: true }} onFinish={(values) => void save(values)} style={{ rowGap: 8 }}>
        <Form.Item name="name" label={t('analytics.cds.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="cds-server-name" />
        </Form.Item>
        <Form.Item name="baseUrl" label={t('analytics.cds.baseUrl')} rules={[{ required: true, type: 'url' }]}>
          <Input style={{ width: 320 }} placeholder="https://cds.example.org/cds" data-testid="cds-server-url" />
        </Form.Item>
        <Form.Item name="timeoutMs" label={t('analytics.cds.timeoutMs')}>
          <InputNumber min={500} max={60_000} step={500} data-testid="cds-server-timeout" />
        </Form.Item>
        <Form.Item name="credential" label={t('analytics.cds.credential')} extra={editing ? t('analytics.cds.credentialKeep') : undefined}>
          <Input.Password autoComplete="off" data-testid="cds-server-token" />
        </Form.Item>
        <Form.Item name="enabled" label={t('analytics.cds.enabled')} valuePropName="checked">
          <Switch data-testid="cds-server-enabled" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="cds-server-save">
            {editing ? t('analytics.cds.save') : t('analytics.cds.add')}
          </Button>
        </Form.Item>
      </Form>
    </Space>
  );
}
