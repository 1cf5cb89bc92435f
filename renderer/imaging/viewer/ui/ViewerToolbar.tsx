/**
 * The viewer's tools and view commands. Test ids: `tool-<name>`, `layout-<1x1|1x2|2x2>`, `preset-<id>`,
 * `view-invert`, `view-rotate-left`, `view-rotate-right`, `view-flip-h`, `view-flip-v`, `view-zoom-in`,
 * `view-zoom-out`, `view-reset`, `cine-toggle`, `cine-fps`, `key-image-toggle`, `export-png`, `cache-budget`.
 */
import {
  AimOutlined,
  BorderOutlined,
  CaretRightOutlined,
  ColumnWidthOutlined,
  ExportOutlined,
  PauseOutlined,
  RedoOutlined,
  RetweetOutlined,
  StarFilled,
  StarOutlined,
  SwapOutlined,
  UndoOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
  BgColorsOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Button, Divider, Dropdown, InputNumber, Popover, Segmented, Space, Tooltip } from 'antd';
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BUDGET_MB, MIN_BUDGET_MB } from '../loader/cacheBudget.ts';
import { WINDOW_PRESETS, type WindowPresetId } from '../presets.ts';
import type { ToolName } from '../viewport/imageViewport.ts';

export type Layout = '1x1' | '1x2' | '2x2';
export const LAYOUTS: Readonly<Record<Layout, { rows: number; columns: number }>> = { '1x1': { rows: 1, columns: 1 }, '1x2': { rows: 1, columns: 2 }, '2x2': { rows: 2, columns: 2 } };

const TOOL_ORDER: readonly ToolName[] = ['wwwc', 'pan', 'zoom', 'length', 'angle', 'ellipse', 'rectangle', 'probe'];
const TOOL_KEYS: Readonly<Record<ToolName, string>> = { wwwc: 'W', pan: 'P', zoom: 'Z', length: 'L', angle: 'A', ellipse: 'E', rectangle: 'T', probe: 'D' };

export interface ToolbarProps {
  tool: ToolName;
  onTool: (tool: ToolName) => void;
  layout: Layout;
  onLayout: (layout: Layout) => void;
  onPreset: (id: WindowPresetId) => void;
  onCommand: (command: 'invert' | 'rotate-left' | 'rotate-right' | 'flip-h' | 'flip-v' | 'zoom-in' | 'zoom-out' | 'reset') => void;
  playing: boolean;
  onPlay: () => void;
  fps: number;
  onFps: (fps: number) => void;
  keyImage: boolean;
  onKeyImage: () => void;
  canAnnotate: boolean;
  onExport: () => void;
  budgetMb: number;
  onBudget: (mb: number) => void;
}

function Command({ id, title, icon, onClick }: { id: string; title: string; icon: ReactNode; onClick: () => void }) {
  return (
    <Tooltip title={title}>
      <Button data-testid={id} icon={icon} onClick={onClick} aria-label={title} />
    </Tooltip>
  );
}

/** One row of controls with its padding and border, so a placeholder can keep the toolbar's place. */
export const TOOLBAR_HEIGHT = 45;

export const ViewerToolbar = memo(function ViewerToolbar(props: ToolbarProps) {
  const { t } = useTranslation();
  return (
    <Space wrap size={4} style={{ padding: '6px 8px', borderBottom: '1px solid #303030', minHeight: TOOLBAR_HEIGHT, boxSizing: 'border-box' }}>
      <Segmented<ToolName>
        value={props.tool}
        onChange={props.onTool}
        options={TOOL_ORDER.map((tool) => ({
          value: tool,
          label: (
            <Tooltip title={`${t(`imagingViewer.tools.${tool}`)} (${TOOL_KEYS[tool]})`}>
              <span data-testid={`tool-${tool}`}>{t(`imagingViewer.tools.${tool}`)}</span>
            </Tooltip>
          ),
        }))}
      />
      <Divider orientation="vertical" />
      <Dropdown
        menu={{
          items: WINDOW_PRESETS.map((p) => ({ key: p.id, label: <span data-testid={`preset-${p.id}`}>{`${p.key}  ${t(`imagingViewer.presets.${p.id}`)}  ${p.width}/${p.center}`}</span> })),
          onClick: ({ key }) => props.onPreset(key as WindowPresetId),
        }}
      >
        <Button data-testid="preset-menu" icon={<BgColorsOutlined />}>
          {t('imagingViewer.presets.title')}
        </Button>
      </Dropdown>
      <Command id="view-invert" title={t('imagingViewer.commands.invert')} icon={<RetweetOutlined />} onClick={() => props.onCommand('invert')} />
      <Command id="view-rotate-left" title={t('imagingViewer.commands.rotateLeft')} icon={<UndoOutlined />} onClick={() => props.onCommand('rotate-left')} />
      <Command id="view-rotate-right" title={t('imagingViewer.commands.rotateRight')} icon={<RedoOutlined />} onClick={() => props.onCommand('rotate-right')} />
      <Command id="view-flip-h" title={t('imagingViewer.commands.flipHorizontal')} icon={<ColumnWidthOutlined />} onClick={() => props.onCommand('flip-h')} />
      <Command id="view-flip-v" title={t('imagingViewer.commands.flipVertical')} icon={<SwapOutlined rotate={90} />} onClick={() => props.onCommand('flip-v')} />
      <Command id="view-zoom-in" title={t('imagingViewer.commands.zoomIn')} icon={<ZoomInOutlined />} onClick={() => props.onCommand('zoom-in')} />
      <Command id="view-zoom-out" title={t('imagingViewer.commands.zoomOut')} icon={<ZoomOutOutlined />} onClick={() => props.onCommand('zoom-out')} />
      <Command id="view-reset" title={t('imagingViewer.commands.reset')} icon={<AimOutlined />} onClick={() => props.onCommand('reset')} />
      <Divider orientation="vertical" />
      <Tooltip title={t('imagingViewer.cine.toggle')}>
        <Button data-testid="cine-toggle" type={props.playing ? 'primary' : 'default'} icon={props.playing ? <PauseOutlined /> : <CaretRightOutlined />} onClick={props.onPlay} aria-label={t('imagingViewer.cine.toggle')} />
      </Tooltip>
      <InputNumber data-testid="cine-fps" min={1} max={60} value={props.fps} onChange={(v) => v && props.onFps(v)} suffix={t('imagingViewer.cine.fps')} style={{ width: 100 }} aria-label={t('imagingViewer.cine.fpsLabel')} />
      <Divider orientation="vertical" />
      <Segmented<Layout>
        value={props.layout}
        onChange={props.onLayout}
        options={(Object.keys(LAYOUTS) as Layout[]).map((layout) => ({ value: layout, label: <span data-testid={`layout-${layout}`}>{layout.replace('x', '×')}</span>, icon: <BorderOutlined /> }))}
      />
      <Divider orientation="vertical" />
      <Command
        id="key-image-toggle"
        title={props.canAnnotate ? t('imagingViewer.keyImages.toggle') : t('imagingViewer.save.readOnly')}
        icon={props.keyImage ? <StarFilled style={{ color: '#fadb14' }} /> : <StarOutlined />}
        onClick={props.onKeyImage}
      />
      <Command id="export-png" title={t('imagingViewer.commands.exportPng')} icon={<ExportOutlined />} onClick={props.onExport} />
      <Popover
        trigger="click"
        title={t('imagingViewer.cache.title')}
        content={
          <Space orientation="vertical">
            <InputNumber data-testid="cache-budget" min={MIN_BUDGET_MB} max={MAX_BUDGET_MB} step={64} value={props.budgetMb} onChange={(v) => v && props.onBudget(v)} suffix="MB" />
            <span style={{ maxWidth: 260, display: 'block' }}>{t('imagingViewer.cache.help')}</span>
          </Space>
        }
      >
        <Button icon={<SettingOutlined />} aria-label={t('imagingViewer.cache.title')} />
      </Popover>
    </Space>
  );
});
