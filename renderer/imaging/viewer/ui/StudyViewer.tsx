/**
 * The radiologist's viewer for one study: series strip, toolbar, a 1×1 / 1×2 / 2×2 grid of viewports, and a
 * side panel with measurements, key images and the tag browser.
 *
 * Keys (viewer focused): ↑/↓ or ←/→ previous/next image, PgUp/PgDn ten images, Home/End first/last,
 * 1–5 window presets, 0 the file's window, I invert, R reset, Space cine, K key image,
 * W/P/Z/L/A/E/T/D tools (window, pan, zoom, length, angle, ellipse, rectangle, probe).
 * Test ids: `study-viewer`, `viewer-close`, plus those of its parts (the side panel's `viewer-side-tabs`).
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Spin, Typography } from 'antd';
import { memo, startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { imagingChannels, type Series, type StudySummary } from '../../../../preload/contract/imaging.ts';
import type { Role } from '../../../../preload/contract/roles.ts';
import { call } from '../../../platform/api.ts';
import { useSession } from '../../../session/SessionContext.ts';
import { mb, readBudgetMb, writeBudgetMb } from '../loader/cacheBudget.ts';
import { prefetchAround } from '../prefetch.ts';
import { WINDOW_PRESETS, type WindowPresetId } from '../presets.ts';
import { firstImageSeries, stackOf, type StackImage } from '../stack.ts';
import { takeSeries } from '../studyOpening.ts';
import { createImageViewport, type ImageViewport, type ToolName } from '../viewport/imageViewport.ts';
import { setViewerBudget, viewerRuntime } from '../viewport/runtime.ts';
import { SeriesStrip } from './SeriesStrip.tsx';
import { SidePanel } from './SidePanel.tsx';
import { useStudyAnnotations } from './useStudyAnnotations.ts';
import { LAYOUTS, TOOLBAR_HEIGHT, ViewerToolbar, type Layout } from './ViewerToolbar.tsx';
import { ViewportPane } from './ViewportPane.tsx';

const PANES = 4;
const TOOL_KEYS: Readonly<Record<string, ToolName>> = { w: 'wwwc', p: 'pan', z: 'zoom', l: 'length', a: 'angle', e: 'ellipse', t: 'rectangle', d: 'probe' };

interface PaneState {
  readonly seriesId: string | undefined;
  readonly position: number;
  readonly error: string | undefined;
}

const EMPTY_PANE: PaneState = { seriesId: undefined, position: 0, error: undefined };

/**
 * The study's series, from the opening the click started (studyOpening.ts) when there is one. `onList` runs
 * in the same update as the list arrives (React batches them), so the first viewport gets its series without
 * a render in between.
 */
function useStudySeries(studyId: string, onList: (list: readonly Series[]) => void): { value: readonly Series[] | undefined; error: boolean; loading: boolean } {
  const [state, setState] = useState<{ value: readonly Series[] | undefined; error: boolean; loading: boolean }>({ value: undefined, error: false, loading: true });
  const listed = useRef(onList);
  listed.current = onList;
  useEffect(() => {
    let current = true;
    takeSeries(studyId).then(
      (value) => {
        if (!current) return;
        setState({ value, error: false, loading: false });
        listed.current(value);
      },
      () => current && setState({ value: undefined, error: true, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [studyId]);
  return state;
}

/** The back button and the study's line: memoised, as a scroll step re-renders the viewer around it. */
const ViewerHeader = memo(function ViewerHeader({ study, onClose }: { study: StudySummary; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 8px' }}>
      <Button data-testid="viewer-close" icon={<ArrowLeftOutlined />} onClick={onClose}>
        {t('imagingViewer.studies.back')}
      </Button>
      <Typography.Text strong>{study.filePatient.name}</Typography.Text>
      <Typography.Text type="secondary">
        {[study.filePatient.patientId, study.studyDate, study.description, study.accessionNumber].filter(Boolean).join(' · ')}
      </Typography.Text>
    </div>
  );
});

export function StudyViewer({ study, onClose }: { study: StudySummary; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const source = viewerRuntime();
  const [panes, setPanes] = useState<readonly PaneState[]>(() => Array.from({ length: PANES }, () => EMPTY_PANE));
  // The first series with images opens in the first viewport.
  const seriesCall = useStudySeries(study.id, (list) => {
    const first = firstImageSeries(list);
    if (first) setPanes((previous) => (previous[0]?.seriesId ? previous : previous.map((pane, i) => (i === 0 ? { seriesId: first.id, position: 0, error: undefined } : pane))));
  });
  const seriesList: readonly Series[] = useMemo(() => seriesCall.value ?? [], [seriesCall.value]);
  const stacks = useMemo(() => new Map(seriesList.map((s) => [s.id, stackOf(s)])), [seriesList]);
  const [layout, setLayout] = useState<Layout>('1x1');
  const paneCount = LAYOUTS[layout].rows * LAYOUTS[layout].columns;
  const [active, setActive] = useState(0);
  const [tool, setTool] = useState<ToolName>('wwwc');
  const [playing, setPlaying] = useState(false);
  const [fps, setFps] = useState(15);
  const [budgetMb, setBudgetMb] = useState(readBudgetMb);
  const [version, setVersion] = useState(0);
  // The side panel (its tabs and their calls to main) and the series thumbnails wait until the first image is
  // on screen: the image is what the reader opened the study for.
  const [firstDrawn, setFirstDrawn] = useState(false);
  const viewports = useRef<(ImageViewport | undefined)[]>([]);
  const requested = useRef<({ seriesId: string; imageId: string } | undefined)[]>([]);
  const lastPosition = useRef<number[]>([]);
  const toolRef = useRef(tool);
  toolRef.current = tool;

  const { role } = useSession();
  const canReadReports = (imagingChannels['imaging.reports.get'].access as readonly Role[]).includes(role);
  const isCalibrated = useCallback((instanceId: string) => source.meta(instanceId)?.pixelSpacingSource !== 'none', [source]);
  const annotations = useStudyAnnotations(study.id, isCalibrated);
  const refreshAnnotations = useRef(annotations.refresh);
  refreshAnnotations.current = annotations.refresh;

  const paneImage = (index: number): StackImage | undefined => {
    const pane = panes[index];
    return pane?.seriesId ? stacks.get(pane.seriesId)?.[pane.position] : undefined;
  };

  const setPane = useCallback((index: number, change: (pane: PaneState) => PaneState) => {
    setPanes((previous) => previous.map((pane, i) => (i === index ? change(pane) : pane)));
  }, []);

  // A series without images (a report, key objects…) is never put in a viewport.
  const assign = useCallback(
    (index: number, seriesId: string) => {
      if (stacks.get(seriesId)?.length) setPane(index, () => ({ seriesId, position: 0, error: undefined }));
    },
    [setPane, stacks],
  );

  /** Moves a pane to `target(current position)`, clamped to its stack (or wrapped, for cine). */
  const move = useCallback(
    (index: number, target: (position: number) => number, wrap = false) =>
      setPane(index, (pane) => {
        const length = pane.seriesId ? (stacks.get(pane.seriesId)?.length ?? 0) : 0;
        if (length === 0) return pane;
        const position = target(pane.position);
        const next = wrap ? ((position % length) + length) % length : Math.max(0, Math.min(length - 1, position));
        return next === pane.position ? pane : { ...pane, position: next };
      }),
    [setPane, stacks],
  );
  const scrollTo = useCallback((index: number, position: number) => move(index, () => position), [move]);
  const scrollBy = useCallback((index: number, delta: number, wrap = false) => move(index, (position) => position + delta, wrap), [move]);

  const elementRefs = useMemo(
    () =>
      Array.from({ length: PANES }, (_, i) => (element: HTMLDivElement | null) => {
        const existing = viewports.current[i];
        if (element && existing?.element === element) return;
        existing?.destroy();
        requested.current[i] = undefined;
        viewports.current[i] = element ? createImageViewport(element) : undefined;
        viewports.current[i]?.setTool(toolRef.current);
        setVersion((v) => v + 1);
      }),
    [],
  );

  // Measurement values are computed by the tools as they draw: re-read them once drawing settles.
  useEffect(() => {
    let settle = 0;
    const onRendered = () => {
      // The side panel and thumbnails wait for the first image (React drops the repeats: the value stays true),
      // and are built as a transition: the pane showing that image updates first, not after them.
      startTransition(() => setFirstDrawn(true));
      window.clearTimeout(settle);
      settle = window.setTimeout(() => refreshAnnotations.current(), 150);
    };
    const offs = viewports.current.flatMap((vp) => (vp ? [vp.onRendered(onRendered), vp.onMeasurementsChanged(() => refreshAnnotations.current())] : []));
    return () => {
      offs.forEach((off) => off());
      window.clearTimeout(settle);
    };
  }, [version]);

  useEffect(() => {
    for (const vp of viewports.current) vp?.setTool(tool);
  }, [tool, version]);

  // Show what each pane points at; prefetch along the direction of travel.
  useEffect(() => {
    panes.slice(0, paneCount).forEach((pane, i) => {
      const vp = viewports.current[i];
      const stack = pane.seriesId ? stacks.get(pane.seriesId) : undefined;
      const image = stack?.[pane.position];
      if (!vp || !stack || !image || !pane.seriesId) return;
      const previous = requested.current[i];
      if (previous?.imageId === image.imageId && previous.seriesId === pane.seriesId) return;
      const reset = previous?.seriesId !== pane.seriesId;
      requested.current[i] = { seriesId: pane.seriesId, imageId: image.imageId };
      const direction = pane.position >= (lastPosition.current[i] ?? 0) ? 1 : -1;
      lastPosition.current[i] = pane.position;
      vp.display(image.imageId, reset).then(
        () => pane.error && setPane(i, (p) => ({ ...p, error: undefined })),
        (error: unknown) => setPane(i, (p) => ({ ...p, error: t(error instanceof Error && error.name === 'ImageDecodeError' ? 'imagingViewer.errors.decode' : 'imagingViewer.errors.load') })),
      );
      const summary = seriesList.find((s) => s.id === pane.seriesId)?.instances.find((instance) => instance.frameCount > 0);
      prefetchAround(source, stack, pane.position, direction, summary ? summary.rows * summary.columns * 2 : 512 * 512 * 2);
    });
  }, [panes, paneCount, stacks, version, seriesList, source, setPane, t]);

  useEffect(() => {
    const grid = viewports.current;
    const observer = new ResizeObserver(() => grid.forEach((vp) => vp?.resize()));
    grid.forEach((vp) => vp && observer.observe(vp.element));
    return () => observer.disconnect();
  }, [version]);

  const activePane = useRef(active);
  activePane.current = active;
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => scrollBy(activePane.current, 1, true), 1000 / fps);
    return () => window.clearInterval(timer);
  }, [playing, fps, scrollBy]);

  const activeViewport = () => viewports.current[active];
  const current = paneImage(active);
  const isKeyImage = (image: StackImage | undefined) => Boolean(image && annotations.keyImages.some((k) => k.instanceId === image.instanceId && k.frame === image.frame));

  const applyPreset = (id: WindowPresetId) => {
    const preset = WINDOW_PRESETS.find((p) => p.id === id);
    if (preset) activeViewport()?.setWindow(preset.width, preset.center);
  };

  const command = (name: 'invert' | 'rotate-left' | 'rotate-right' | 'flip-h' | 'flip-v' | 'zoom-in' | 'zoom-out' | 'reset') => {
    const vp = activeViewport();
    if (!vp) return;
    if (name === 'invert') vp.toggleInvert();
    if (name === 'rotate-left') vp.rotate(-90);
    if (name === 'rotate-right') vp.rotate(90);
    if (name === 'flip-h') vp.flip('horizontal');
    if (name === 'flip-v') vp.flip('vertical');
    if (name === 'zoom-in') vp.zoom(1.25);
    if (name === 'zoom-out') vp.zoom(0.8);
    if (name === 'reset') vp.reset();
  };

  const toggleKeyImage = () => {
    if (current && annotations.canSave) annotations.toggleKeyImage({ instanceId: current.instanceId, frame: current.frame });
  };

  // The export is audited first; a view whose export could not be recorded is not saved.
  const exportPng = () => {
    const canvas = activeViewport()?.canvas();
    if (!canvas) return;
    call('imaging.studies.viewExported', { studyId: study.id }).then(
      () => savePng(canvas),
      () => void message.error(t('imagingViewer.errors.export')),
    );
  };

  const savePng = (canvas: HTMLCanvasElement) => {
    canvas.toBlob((blob) => {
      if (!blob) return;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      // A neutral name: file names never carry patient data.
      link.href = url;
      link.download = 'view.png';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }, 'image/png');
  };

  const goTo = (instanceId: string, frame: number) => {
    for (const [seriesId, stack] of stacks) {
      const position = stack.findIndex((image) => image.instanceId === instanceId && image.frame === frame);
      if (position >= 0) {
        setPane(active, (pane) => ({ ...pane, seriesId, position, error: undefined }));
        return;
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLInputElement || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, PageDown: 10, PageUp: -10 };
    const preset = WINDOW_PRESETS.find((p) => p.key === key);
    if (key in moves) scrollBy(active, moves[key]!);
    else if (key === 'Home') scrollTo(active, 0);
    else if (key === 'End') scrollTo(active, Number.MAX_SAFE_INTEGER);
    else if (preset) applyPreset(preset.id);
    else if (key === '0') activeViewport()?.fileWindow();
    else if (key === 'i' || key === 'I') command('invert');
    else if (key === 'r' || key === 'R') command('reset');
    else if (key === ' ') setPlaying((p) => !p);
    else if (key === 'k' || key === 'K') toggleKeyImage();
    else if (TOOL_KEYS[key.toLowerCase()]) setTool(TOOL_KEYS[key.toLowerCase()]!);
    else return;
    event.preventDefault();
  };

  const changeBudget = (value: number) => {
    const stored = writeBudgetMb(value);
    setBudgetMb(stored);
    setViewerBudget(mb(stored));
  };

  // Children are memoised; they get stable handlers that call the latest closures, so a scroll step
  // re-renders the pane that moved, not the toolbar, the series strip and the side panel.
  const latest = useRef({ command, applyPreset, toggleKeyImage, exportPng, goTo, changeBudget, assign, active, scrollTo, scrollBy });
  latest.current = { command, applyPreset, toggleKeyImage, exportPng, goTo, changeBudget, assign, active, scrollTo, scrollBy };
  const stable = useMemo(
    () => ({
      command: (name: Parameters<typeof command>[0]) => latest.current.command(name),
      preset: (id: WindowPresetId) => latest.current.applyPreset(id),
      keyImage: () => latest.current.toggleKeyImage(),
      exportPng: () => latest.current.exportPng(),
      goTo: (instanceId: string, frame: number) => latest.current.goTo(instanceId, frame),
      budget: (value: number) => latest.current.changeBudget(value),
      openSeries: (seriesId: string) => latest.current.assign(latest.current.active, seriesId),
      play: () => setPlaying((p) => !p),
      layout: (next: Layout) => {
        setLayout(next);
        setActive((a) => Math.min(a, LAYOUTS[next].rows * LAYOUTS[next].columns - 1));
      },
      isCt: (instanceId: string) => source.meta(instanceId)?.modality === 'CT',
    }),
    [source],
  );
  // One set of handlers per pane for the viewer's life, so a pane whose image did not move is not re-rendered.
  const paneHandlers = useMemo(
    () =>
      Array.from({ length: PANES }, (_, i) => ({
        activate: () => setActive(i),
        scrollTo: (position: number) => latest.current.scrollTo(i, position),
        scrollBy: (delta: number) => latest.current.scrollBy(i, delta),
        dropSeries: (seriesId: string) => {
          latest.current.assign(i, seriesId);
          setActive(i);
        },
      })),
    [],
  );

  // The tag browser follows the image on screen at a lower priority than the scroll itself.
  const sideInstanceId = useDeferredValue(current?.instanceId);
  const sideReady = firstDrawn || seriesCall.error || (!firstImageSeries(seriesList) && !seriesCall.loading) || panes.some((pane) => pane.error);
  const { rows, columns } = LAYOUTS[layout];
  return (
    <div data-testid="study-viewer" tabIndex={0} onKeyDown={onKeyDown} style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, outline: 'none' }}>
      <ViewerHeader study={study} onClose={onClose} />
      {/* The toolbar, like the side panel, is built once the first image is on screen; its place is kept meanwhile. */}
      {sideReady ? (
        <ViewerToolbar
          tool={tool}
          onTool={setTool}
          layout={layout}
          onLayout={stable.layout}
          onPreset={stable.preset}
          onCommand={stable.command}
          playing={playing}
          onPlay={stable.play}
          fps={fps}
          onFps={setFps}
          keyImage={isKeyImage(current)}
          onKeyImage={stable.keyImage}
          canAnnotate={annotations.canSave}
          onExport={stable.exportPng}
          budgetMb={budgetMb}
          onBudget={stable.budget}
        />
      ) : (
        <div style={{ height: TOOLBAR_HEIGHT, flex: 'none', borderBottom: '1px solid #303030', boxSizing: 'border-box' }} />
      )}
      {seriesCall.error && <Alert type="error" showIcon title={t('imagingViewer.errors.series')} />}
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {seriesCall.loading && !seriesCall.value ? <Spin style={{ margin: 24 }} /> : <SeriesStrip series={seriesList} ready={sideReady} onOpen={stable.openSeries} />}
        <div style={{ flex: 1, display: 'grid', gridTemplateRows: `repeat(${rows}, 1fr)`, gridTemplateColumns: `repeat(${columns}, 1fr)`, gap: 2, minWidth: 0, minHeight: 480 }}>
          {panes.slice(0, paneCount).map((pane, i) => {
            const stack = pane.seriesId ? (stacks.get(pane.seriesId) ?? []) : [];
            const image = stack[pane.position];
            const series = seriesList.find((s) => s.id === pane.seriesId);
            return (
              <ViewportPane
                key={i}
                index={i}
                viewport={viewports.current[i]}
                onElement={elementRefs[i]!}
                stack={stack}
                position={pane.position}
                seriesLabel={series ? [series.seriesNumber !== null ? `#${series.seriesNumber}` : '', series.description].filter(Boolean).join(' ') : ''}
                study={study}
                meta={image ? source.meta(image.instanceId) : undefined}
                active={i === active}
                keyImage={isKeyImage(image)}
                error={pane.error}
                onActivate={paneHandlers[i]!.activate}
                onScrollTo={paneHandlers[i]!.scrollTo}
                onScrollBy={paneHandlers[i]!.scrollBy}
                onDropSeries={paneHandlers[i]!.dropSeries}
              />
            );
          })}
        </div>
        <div style={{ width: 360, flex: 'none', borderLeft: '1px solid #303030', overflowY: 'auto', padding: '0 8px' }}>
          {sideReady && (
            <SidePanel
              studyId={study.id}
              measurements={annotations.measurements}
              keyImages={annotations.keyImages}
              saveState={annotations.saveState}
              canSave={annotations.canSave}
              remove={annotations.remove}
              instanceId={sideInstanceId}
              canReadReports={canReadReports}
              isCt={stable.isCt}
              onGoTo={stable.goTo}
            />
          )}
        </div>
      </div>
    </div>
  );
}
