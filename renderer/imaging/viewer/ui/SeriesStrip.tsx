/**
 * The study's series as thumbnails: click to show in the active viewport, drag onto any viewport. A series
 * without images (a report, key objects…) is listed with what it is, and neither opens nor drags.
 * Test ids: `series-thumb-<seriesInstanceUid>` (data-series-id, data-description, data-content).
 */
import { Typography } from 'antd';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series, SeriesContent } from '../../../../preload/contract/imaging.ts';
import { viewerRuntime } from '../viewport/runtime.ts';
import { drawThumbnail } from '../thumbnail.ts';
import { SERIES_DRAG_TYPE } from './ViewportPane.tsx';

/** `ready`: thumbnails wait until the study's first image is on screen, so they never hold up the image the reader waits for. */
function Thumbnail({ series, ready }: { series: Series; ready: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    // Only images are decoded: a mixed series' other objects have no pixels to draw.
    const images = series.instances.filter((instance) => instance.frameCount > 0);
    const middle = images[Math.floor(images.length / 2)];
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
        if (s.content !== 'images') return <NonImageSeries key={s.id} series={s} content={s.content} />;
        const images = s.instances.reduce((sum, i) => sum + i.frameCount, 0);
        return (
          <button
            key={s.id}
            type="button"
            data-testid={`series-thumb-${s.seriesInstanceUid}`}
            data-series-id={s.id}
            data-description={s.description}
            data-content={s.content}
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

/** A series the viewer does not show: its modality, description and what it holds, as text where a thumbnail would be. */
function NonImageSeries({ series, content }: { series: Series; content: Exclude<SeriesContent, 'images'> }) {
  const { t } = useTranslation();
  return (
    <div
      data-testid={`series-thumb-${series.seriesInstanceUid}`}
      data-series-id={series.id}
      data-description={series.description}
      data-content={content}
      title={series.description}
      style={{ background: '#141414', border: '1px dashed #303030', borderRadius: 4, padding: 4, color: 'inherit' }}
    >
      <div style={{ width: 96, height: 48, display: 'flex', alignItems: 'center', justifyContent: 'center', textAlign: 'center' }}>
        <Typography.Text data-testid={`series-content-${series.seriesInstanceUid}`} style={{ fontSize: 12 }}>
          {t(`imaging.seriesContent.${content}`)}
        </Typography.Text>
      </div>
      <Typography.Text style={{ fontSize: 11, display: 'block', width: 96 }} ellipsis>
        {[series.modality, series.seriesNumber ?? ''].filter((v) => v !== '').join(' ')} {series.description}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        {t('imaging.seriesContent.objects', { count: series.instances.length })}
      </Typography.Text>
    </div>
  );
}
