import { Alert, Button, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportMapping, ImportOpened } from '../../../preload/contract/patient-import.ts';
import { rowTestId } from '../../admin/rowTestId.ts';
import { IMPORT_FIELD_LIST, mappingProblems } from './importFields.ts';

type Opened = Extract<ImportOpened, { cancelled: false }>;
type Column = { index: number; header: string; samples: string[] };

const SAMPLES_SHOWN = 3;

interface Props {
  opened: Opened;
  mapping: ImportMapping;
  onMapping: (mapping: ImportMapping) => void;
  onPreview: () => void;
  previewing: boolean;
  onBack: () => void;
}

/**
 * Each file column, a few of its values, and the field it fills, suggested
 * from the headers and editable. Test ids: `import-mapping`, selects
 * `import-map-<column index>`, `import-mapping-problem`, `import-preview`, `import-back`.
 */
export function MappingStep({ opened, mapping, onMapping, onPreview, previewing, onBack }: Props) {
  const { t } = useTranslation();
  const problems = mappingProblems(mapping);
  const columns: Column[] = opened.headers.map((header, index) => ({ index, header, samples: opened.sample.slice(0, SAMPLES_SHOWN).map((row) => row[index] ?? '') }));
  const options = [
    { value: '', label: t('patientImport.mapping.ignore') },
    ...IMPORT_FIELD_LIST.map((field) => ({ value: field, label: t(`patientImport.fields.${field}`) })),
  ];

  const tableColumns: TableColumnsType<Column> = [
    { key: 'header', title: t('patientImport.mapping.column'), width: 200, render: (_, c) => <Typography.Text strong>{c.header || t('patientImport.mapping.untitled', { n: c.index + 1 })}</Typography.Text> },
    {
      key: 'samples',
      title: t('patientImport.mapping.samples'),
      render: (_, c) => (
        <Flex gap={4} wrap>
          {c.samples.map((sample, i) => (
            <Tag key={i} style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {sample || '—'}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'field',
      title: t('patientImport.mapping.field'),
      width: 260,
      render: (_, c) => (
        <Select
          style={{ width: '100%' }}
          value={mapping[c.index] ?? ''}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('patientImport.mapping.fieldFor', { column: c.header || c.index + 1 })}
          onChange={(value: ImportField | '') => onMapping(mapping.map((field, i) => (i === c.index ? value || null : field)))}
          data-testid={`import-map-${c.index}`}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap="middle" data-testid="import-mapping">
      <Typography.Text>
        {t('patientImport.mapping.intro', { file: opened.fileName, rows: opened.rowCount, encoding: t(`patientImport.encodings.${opened.encoding}`) })}
      </Typography.Text>
      <Table<Column> rowKey="index" size="small" columns={tableColumns} dataSource={columns} pagination={false} onRow={(c) => rowTestId(`import-column-${c.index}`)} />
      {problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="import-mapping-problem"
          title={problems.map((problem) => t(`patientImport.mapping.${problem.kind}`, { field: t(`patientImport.fields.${problem.field}`) })).join(' ')}
        />
      )}
      <Flex justify="end" gap="small">
        <Button onClick={onBack} data-testid="import-back">
          {t('patientImport.back')}
        </Button>
        <Button type="primary" disabled={problems.length > 0} loading={previewing} onClick={onPreview} data-testid="import-preview">
          {t('patientImport.mapping.check')}
        </Button>
      </Flex>
    </Flex>
  );
}
