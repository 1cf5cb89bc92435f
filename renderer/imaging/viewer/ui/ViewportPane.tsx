/**
 * One viewport of the viewer grid: the cornerstone element, its overlays (patient and study corners, image
 * number, window, zoom, orientation markers, calibration), the stack scrollbar and the pixel readout.
 * Accepts a series dropped from the series strip.
 *
 * Test ids: `viewport-<n>` (the pane; data-image-index, data-image-count, data-image-id, data-rendered-image-id,
 * data-image-rect as JSON, relative to `viewport-<n>-image`, data-window-width / data-window-center),
 * `viewport-<n>-image` (the cornerstone element), `viewport-<n>-scrollbar`,
 * `viewport-<n>-readout` (data-x, data-y, data-value), `viewport-<n>-calibration`, `viewport-<n>-marker-{top,right,bottom,left}`.
 */
import { Slider, Typography } from 'antd';
import { memo, useCallback, useDeferredValue, useEffect, useRef, useState, type CSSProperties, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudySummary } from '../../../../preload/contract/imaging.ts';
import type { InstanceMeta } from '../loader/instanceMeta.ts';
import { orientationMarkers } from '../orientation.ts';
import type { StackImage } from '../stack.ts';
import type { ImageViewport, PixelValue, ViewState } from '../viewport/imageViewport.ts';

export const SERIES_DRAG_TYPE = 'application/x-cw-series';

export interface PaneProps {
  readonly index: number;
  readonly viewport: ImageViewport | undefined;
  readonly onElement: (element: HTMLDivElement | null) => void;
  readonly stack: readonly StackImage[];
  readonly position: number;
  readonly seriesLabel: string;
  readonly study: StudySummary;
  readonly meta: InstanceMeta | undefined;
  readonly active: boolean;
  readonly keyImage: boolean;
  readonly error: string | undefined;
  readonly onActivate: () => void;
  readonly onScrollTo: (position: number) => void;
  readonly onScrollBy: (delta: number) => void;
  readonly onDropSeries: (seriesId: string) => void;
}

const corner = (place: 'tl' | 'tr' | 'bl' | 'br'): CSSProperties => ({
  position: 'absolute',
  [place[0] === 't' ? 'top' : 'bottom']: 6,
  [place[1] === 'l' ? 'left' : 'right']: place[1] === 'r' ? 28 : 8,
  color: '#e6e6e6',
  fontSize: 12,
  lineHeight: 1.35,
  textShadow: '0 0 3px #000',
  pointerEvents: 'none',
  textAlign: place[1] === 'r' ? 'right' : 'left',
  whiteSpace: 'pre',
});

const marker = (side: 'top' | 'bottom' | 'left' | 'right'): CSSProperties => ({
  position: 'absolute',
  color: '#ffd666',
  fontSize: 14,
  fontWeight: 600,
  textShadow: '0 0 3px #000',
  pointerEvents: 'none',
  ...(side === 'top' && { top: 4, left: '50%', transform: 'translateX(-50%)' }),
  ...(side === 'bottom' && { bottom: 4, left: '50%', transform: 'translateX(-50%)' }),
  ...(side === 'left' && { left: 4, top: '50%', transform: 'translateY(-50%)' }),
  ...(side === 'right' && { right: 26, top: '50%', transform: 'translateY(-50%)' }),
});

function formatValue(value: PixelValue, modality: string): string {
  if (value.kind === 'rgb') return value.rgb.join(' ');
  const rounded = Math.round(value.modality * 100) / 100;
  return modality === 'CT' ? `${rounded} HU` : String(rounded);
}

const StackScrollbar = memo(function StackScrollbar({ index, count, position, onScrollTo }: { index: number; count: number; position: number; onScrollTo: (position: number) => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ position: 'absolute', top: 8, bottom: 8, right: 2, width: 18 }}>
      <Slider
        data-testid={`viewport-${index}-scrollbar`}
        vertical
        reverse
        min={0}
        max={Math.max(0, count - 1)}
        value={position}
        onChange={onScrollTo}
        tooltip={{ formatter: (value) => `${(value ?? 0) + 1} / ${count}` }}
        style={{ height: '100%', margin: 0 }}
        aria-label={t('imagingViewer.viewport.scrollbar')}
      />
    </div>
  );
});

/** The previous view when nothing in it changed, so setting it does not re-render. */
function sameView(previous: ViewState | undefined, next: ViewState | undefined): ViewState | undefined {
  if (!previous || !next) return next;
  const keys = Object.keys(next) as (keyof ViewState)[];
  return keys.every((key) => previous[key] === next[key]) ? previous : next;
}

export const ViewportPane = memo(function ViewportPane(props: PaneProps) {
  const { t } = useTranslation();
  const { index, viewport, stack, position, meta, study } = props;
  const [view, setView] = useState<ViewState | undefined>();
  const [readout, setReadout] = useState<{ x: number; y: number; value: PixelValue } | undefined>();
  const [rect, setRect] = useState<string>('');
  const wheel = useRef(0);
  const paneRef = useRef<HTMLDivElement | null>(null);
  const elementRef = useRef<HTMLDivElement | null>(null);
  const { onElement } = props;
  // Stable, so React does not detach and re-attach the cornerstone element on every render.
  const attach = useCallback(
    (element: HTMLDivElement | null) => {
      elementRef.current = element;
      onElement(element);
    },
    [onElement],
  );

  useEffect(() => {
    if (!viewport) return;
    // Only this pane re-renders when its image is drawn (window drags draw at screen rate).
    return viewport.onRendered(() => {
      setRect(JSON.stringify(viewport.imageRect() ?? null));
      // Unchanged by a scroll step: the pane re-renders only when the view (window, zoom, …) changed.
      setView((previous) => sameView(previous, viewport.state()));
      // Written here rather than rendered: a scroll step would otherwise re-render the pane a second time.
      paneRef.current?.setAttribute('data-rendered-image-id', viewport.imageId() ?? '');
    });
  }, [viewport]);

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    // A native, non-passive listener: the page must not scroll while the stack does.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      wheel.current += event.deltaY;
      const steps = Math.trunc(wheel.current / 50) || Math.sign(wheel.current);
      wheel.current = 0;
      if (steps) props.onScrollBy(steps);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  });

  const onMove = (event: React.MouseEvent) => {
    const pixel = viewport?.pixelAt(event.clientX, event.clientY);
    const value = pixel && viewport?.valueAt(pixel.x, pixel.y);
    setReadout(pixel && value ? { ...pixel, value } : undefined);
  };

  const onDrop = (event: DragEvent) => {
    const seriesId = event.dataTransfer.getData(SERIES_DRAG_TYPE);
    if (!seriesId) return;
    event.preventDefault();
    props.onDropSeries(seriesId);
  };

  // The scrollbar (antd's Slider, the costliest part of the pane) follows a scroll at a lower priority than the image.
  const scrollbarPosition = useDeferredValue(position);
  const markers = meta && view ? orientationMarkers(meta.imageOrientationPatient, view.rotation, view.hflip, view.vflip) : undefined;
  const current = stack[position];
  const calibration = meta ? t(`imagingViewer.calibration.${meta.pixelSpacingSource}`) : '';
  const patient = study.filePatient;

  return (
    <div
      ref={paneRef}
      data-testid={`viewport-${index}`}
      data-image-index={position}
      data-image-count={stack.length}
      data-image-id={current?.imageId ?? ''}
      data-image-rect={rect}
      data-window-width={view?.windowWidth ?? ''}
      data-window-center={view?.windowCenter ?? ''}
      data-active={props.active}
      onMouseDown={props.onActivate}
      onDragOver={(event) => event.dataTransfer.types.includes(SERIES_DRAG_TYPE) && event.preventDefault()}
      onDrop={onDrop}
      style={{ position: 'relative', background: '#000', outline: props.active ? '2px solid #1668dc' : '1px solid #303030', outlineOffset: -2, minHeight: 0, minWidth: 0, overflow: 'hidden' }}
    >
      <div
        ref={attach}
        data-testid={`viewport-${index}-image`}
        onMouseMove={onMove}
        onMouseLeave={() => setReadout(undefined)}
        onContextMenu={(event) => event.preventDefault()}
        style={{ position: 'absolute', inset: 0, right: 22 }}
      />
      {stack.length === 0 && (
        <Typography.Text type="secondary" style={{ position: 'absolute', top: '45%', width: '100%', textAlign: 'center', pointerEvents: 'none' }}>
          {t('imagingViewer.viewport.dropHint')}
        </Typography.Text>
      )}
      {stack.length > 0 && (
        <>
          <div style={corner('tl')}>
            {[patient.name, patient.patientId, [patient.sex !== 'unknown' ? t(`imagingViewer.sex.${patient.sex}`) : '', patient.birthDate ?? ''].filter(Boolean).join('  ')].join('\n')}
          </div>
          <div style={corner('tr')}>{[study.description, [study.studyDate, study.studyTime].filter(Boolean).join(' '), props.seriesLabel].filter(Boolean).join('\n')}</div>
          <div style={corner('bl')}>
            {[
              t('imagingViewer.viewport.image', { n: position + 1, total: stack.length }) + (current && current.frame > 0 ? ` · ${t('imagingViewer.viewport.frame', { n: current.frame + 1 })}` : ''),
              meta?.sliceLocation !== undefined ? t('imagingViewer.viewport.sliceLocation', { mm: meta.sliceLocation.toFixed(1) }) : '',
              meta?.sliceThickness !== undefined ? t('imagingViewer.viewport.thickness', { mm: meta.sliceThickness }) : '',
              props.keyImage ? t('imagingViewer.viewport.keyImage') : '',
            ]
              .filter(Boolean)
              .join('\n')}
          </div>
          <div style={corner('br')}>
            {[
              view ? t('imagingViewer.viewport.window', { width: Math.round(view.windowWidth), center: Math.round(view.windowCenter) }) : '',
              view ? t('imagingViewer.viewport.zoom', { percent: Math.round(view.scale * 100) }) : '',
              readout ? `(${readout.x}, ${readout.y})  ${formatValue(readout.value, meta?.modality ?? '')}` : '',
            ]
              .filter(Boolean)
              .join('\n')}
          </div>
          <span data-testid={`viewport-${index}-calibration`} data-source={meta?.pixelSpacingSource ?? ''} style={{ ...corner('bl'), bottom: 70, color: meta?.pixelSpacingSource === 'pixel' ? '#8c8c8c' : '#ffa940' }}>
            {calibration}
          </span>
          <span
            data-testid={`viewport-${index}-readout`}
            data-x={readout?.x ?? ''}
            data-y={readout?.y ?? ''}
            data-value={readout ? (readout.value.kind === 'rgb' ? readout.value.rgb.join(',') : String(readout.value.modality)) : ''}
            hidden
          />
          {markers &&
            (['top', 'right', 'bottom', 'left'] as const).map((side) => (
              <span key={side} data-testid={`viewport-${index}-marker-${side}`} style={marker(side)}>
                {markers[side]}
              </span>
            ))}
          {props.error && (
            <Typography.Text type="danger" style={{ position: 'absolute', top: '50%', width: '100%', textAlign: 'center' }}>
              {props.error}
            </Typography.Text>
          )}
          <StackScrollbar index={index} count={stack.length} position={scrollbarPosition} onScrollTo={props.onScrollTo} />
        </>
      )}
    </div>
  );
});
