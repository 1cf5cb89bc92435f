/**
 * The study's series as thumbnails: click to show in the active viewport, drag onto any viewport.
 * Test ids: `series-thumb-<seriesInstanceUid>` (data-series-id, data-description).
 */
import { Typography } from 'antd';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../../preload/contract/imaging.ts';
import { viewerRuntime } from '../viewport/runtime.ts';
import { drawThumbnail } from '../thumbnail.ts';
import { SERIES_DRAG_TYPE } from './ViewportPane.tsx';

/** `ready`: thumbnails wait until the study's first image is on screen, so they never hold up the image the reader waits for. */
function Thumbnail({ series, ready }: { series: Series; ready: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const middle = series.instances[Math.floor(series.instances.length / 2)];
    if (!middle || !ready) return;
    let current = true;
    viewerRuntime()
      .load(middle.id, 0, 'interactive')
      .then((loaded) => current && canvas.current && drawThumbnail(canvas.current, loaded))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [series, ready]);
  return <canvas ref={canvas} width={96} height={96} style={{ width: 96, height: 96, background: '#000', display: 'block' }} />;
}

export const SeriesStrip = memo(function SeriesStrip({ series, ready, onOpen }: { series: readonly Series[]; ready: boolean; onOpen: (seriesId: string) => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, overflowY: 'auto', padding: 8, width: 124, flex: 'none' }} aria-label={t('imagingViewer.series.title')}>
      {series.map((s) => {
        const images = s.instances.reduce((sum, i) => sum + i.frameCount, 0);
        return (
          <button
            key={s.id}
            type="button"
            data-testid={`series-thumb-${s.seriesInstanceUid}`}
            data-series-id={s.id}
            data-description={s.description}
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData(SERIES_DRAG_TYPE, s.id);
              event.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => onOpen(s.id)}
            title={s.description}
            style={{ background: '#141414', border: '1px solid #303030', borderRadius: 4, padding: 4, cursor: 'pointer', textAlign: 'left', color: 'inherit' }}
          >
            <Thumbnail series={s} ready={ready} />
            <Typography.Text style={{ fontSize: 11, display: 'block', width: 96 }} ellipsis>
              {[s.modality, s.seriesNumber ?? ''].filter((v) => v !== '').join(' ')} {s.description}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 11 }}>
              {t('imagingViewer.series.images', { count: images })}
            </Typography.Text>
          </button>
        );
      })}
    </div>
  );
});
