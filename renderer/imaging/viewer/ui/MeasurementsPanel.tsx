/**
 * The study's measurements with their values, and its key images.
 * Test ids: `measurement-<id>` (data-tool, data-value), `measurement-delete-<id>`, `annotations-save-state` (data-state), `key-image-item-<instanceId>-<frame>`.
 */
import { DeleteOutlined } from '@ant-design/icons';
import { Button, List, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyImage } from '../../../../preload/contract/imaging.ts';
import type { MeasuredAnnotation, MeasurementValue } from '../viewport/annotations.ts';
import type { SaveState } from './useStudyAnnotations.ts';

function valueText(value: MeasurementValue | undefined, t: TFunction, ct: boolean): string {
  if (!value) return t('imagingViewer.measurements.notYetShown');
  const hu = ct ? ' HU' : '';
  switch (value.kind) {
    case 'length':
      return `${value.length.toFixed(1)} ${value.unit === 'mm' ? 'mm' : t('imagingViewer.measurements.pixels')}`;
    case 'angle':
      return `${value.degrees.toFixed(1)}°`;
    case 'area':
      return t('imagingViewer.measurements.roi', { mean: value.mean.toFixed(1) + hu, sd: value.stdDev.toFixed(1) + hu, area: value.area.toFixed(1), unit: value.areaUnit === 'mm²' ? 'mm²' : t('imagingViewer.measurements.squarePixels') });
    case 'probe':
      return `${Math.round(value.value * 100) / 100}${hu}`;
  }
}

export const MeasurementsPanel = memo(function MeasurementsPanel(props: {
  measurements: readonly MeasuredAnnotation[];
  keyImages: readonly KeyImage[];
  saveState: SaveState;
  isCt: (instanceId: string) => boolean;
  canEdit: boolean;
  onRemove: (id: string) => void;
  onGoTo: (instanceId: string, frame: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Text data-testid="annotations-save-state" data-state={props.saveState} type={props.saveState === 'failed' ? 'danger' : 'secondary'}>
        {t(`imagingViewer.save.${props.saveState}`)}
      </Typography.Text>
      <List
        size="small"
        header={t('imagingViewer.measurements.title')}
        locale={{ emptyText: t('imagingViewer.measurements.empty') }}
        dataSource={[...props.measurements]}
        renderItem={(m) => (
          <List.Item
            data-testid={`measurement-${m.id}`}
            data-tool={m.tool}
            data-value={m.value ? JSON.stringify(m.value) : ''}
            actions={
              props.canEdit
                ? [<Button key="delete" data-testid={`measurement-delete-${m.id}`} size="small" type="text" icon={<DeleteOutlined />} aria-label={t('imagingViewer.measurements.delete')} onClick={() => props.onRemove(m.id)} />]
                : []
            }
          >
            <Typography.Link onClick={() => props.onGoTo(m.instanceId, m.frame)}>{t(`imagingViewer.tools.${m.tool}`)}</Typography.Link>
            <Typography.Text style={{ marginLeft: 8 }}>{valueText(m.value, t, props.isCt(m.instanceId))}</Typography.Text>
          </List.Item>
        )}
      />
      <List
        size="small"
        header={t('imagingViewer.keyImages.title')}
        locale={{ emptyText: t('imagingViewer.keyImages.empty') }}
        dataSource={[...props.keyImages]}
        renderItem={(k, i) => (
          <List.Item data-testid={`key-image-item-${k.instanceId}-${k.frame}`}>
            <Typography.Link onClick={() => props.onGoTo(k.instanceId, k.frame)}>
              <Tag color="gold">{i + 1}</Tag>
              {t('imagingViewer.keyImages.item', { frame: k.frame + 1 })}
            </Typography.Link>
          </List.Item>
        )}
      />
    </div>
  );
});
