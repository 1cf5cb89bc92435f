/**
 * Measurements between cornerstone-tools' per-image tool state and the contract's annotations (tool, instance,
 * frame, image-coordinate points). Only what is needed to redraw them is saved; values are recomputed from the
 * pixels when shown, so a saved measurement can never disagree with its image.
 */
import cornerstoneTools, { type Handle, type ToolData } from 'cornerstone-tools';
import { ANNOTATION_TOOLS, type Annotation, type AnnotationTool } from '../../../../preload/contract/imaging.ts';
import { imageIdOf, parseImageId } from '../loader/imageIds.ts';

export const TOOL_NAMES: Readonly<Record<AnnotationTool, string>> = {
  length: 'Length',
  angle: 'Angle',
  ellipse: 'EllipticalRoi',
  rectangle: 'RectangleRoi',
  probe: 'Probe',
};

const HANDLES: Readonly<Record<AnnotationTool, readonly string[]>> = {
  length: ['start', 'end'],
  angle: ['start', 'middle', 'end'],
  ellipse: ['start', 'end'],
  rectangle: ['start', 'end'],
  probe: ['end'],
};

/** What a measurement shows, read from the tool's last computation (undefined until drawn once). */
export interface MeasuredAnnotation extends Annotation {
  readonly value: MeasurementValue | undefined;
}

export type MeasurementValue =
  | { readonly kind: 'length'; readonly length: number; readonly unit: 'mm' | 'px' }
  | { readonly kind: 'angle'; readonly degrees: number }
  | { readonly kind: 'area'; readonly mean: number; readonly stdDev: number; readonly area: number; readonly areaUnit: 'mm²' | 'px²' }
  | { readonly kind: 'probe'; readonly value: number };

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function valueOf(tool: AnnotationTool, data: ToolData, calibrated: boolean): MeasurementValue | undefined {
  const stats = (data.cachedStats ?? {}) as Record<string, unknown>;
  switch (tool) {
    case 'length': {
      const length = finite(data.length);
      return length === undefined ? undefined : { kind: 'length', length, unit: calibrated ? 'mm' : 'px' };
    }
    case 'angle': {
      const degrees = finite(data.rAngle);
      return degrees === undefined ? undefined : { kind: 'angle', degrees };
    }
    case 'ellipse':
    case 'rectangle': {
      const mean = finite(stats.mean);
      const stdDev = finite(stats.stdDev);
      const area = finite(stats.area);
      if (mean === undefined || stdDev === undefined || area === undefined) return undefined;
      return { kind: 'area', mean, stdDev, area, areaUnit: calibrated ? 'mm²' : 'px²' };
    }
    case 'probe': {
      const value = finite(stats.mo) ?? finite(stats.sp);
      return value === undefined ? undefined : { kind: 'probe', value };
    }
  }
}

/** Every measurement on every viewer image, giving each an id the first time it is seen. */
export function collectAnnotations(isCalibrated: (instanceId: string) => boolean): MeasuredAnnotation[] {
  const state = cornerstoneTools.globalImageIdSpecificToolStateManager.saveToolState();
  const out: MeasuredAnnotation[] = [];
  for (const [imageId, tools] of Object.entries(state)) {
    const ref = parseImageId(imageId);
    if (!ref) continue;
    for (const tool of ANNOTATION_TOOLS) {
      for (const data of tools[TOOL_NAMES[tool]]?.data ?? []) {
        data.uuid ??= crypto.randomUUID();
        const points = HANDLES[tool].map((name) => ({ x: data.handles[name]?.x ?? 0, y: data.handles[name]?.y ?? 0 }));
        const label = typeof data.cwLabel === 'string' ? data.cwLabel : undefined;
        out.push({ id: data.uuid, tool, instanceId: ref.instanceId, frame: ref.frame, points, ...(label ? { label } : {}), value: valueOf(tool, data, isCalibrated(ref.instanceId)) });
      }
    }
  }
  return out;
}

function handle(point: { x: number; y: number }): Handle {
  return { x: point.x, y: point.y, highlight: true, active: false };
}

const TEXT_BOX: Handle = { x: 0, y: 0, active: false, hasMoved: false, movesIndependently: false, drawnIndependently: true, allowedOutsideImage: true, hasBoundingBox: true };

/** Replaces every viewer measurement with the saved ones; values are recomputed when their image is drawn. */
export function restoreAnnotations(annotations: readonly Annotation[]): void {
  const state: Record<string, Record<string, { data: ToolData[] }>> = {};
  for (const annotation of annotations) {
    const imageId = imageIdOf(annotation.instanceId, annotation.frame);
    const toolName = TOOL_NAMES[annotation.tool];
    const handles: Record<string, Handle> = { textBox: { ...TEXT_BOX } };
    HANDLES[annotation.tool].forEach((name, i) => (handles[name] = handle(annotation.points[i] ?? { x: 0, y: 0 })));
    const data: ToolData = { visible: true, active: false, invalidated: true, uuid: annotation.id, handles, ...(annotation.label ? { cwLabel: annotation.label } : {}) };
    if (annotation.tool === 'ellipse' || annotation.tool === 'rectangle') data.handles.initialRotation = 0 as unknown as Handle;
    ((state[imageId] ??= {})[toolName] ??= { data: [] }).data.push(data);
  }
  cornerstoneTools.globalImageIdSpecificToolStateManager.restoreToolState(state);
}

/** Deletes one measurement wherever it is. */
export function removeAnnotation(id: string): void {
  const state = cornerstoneTools.globalImageIdSpecificToolStateManager.saveToolState();
  for (const tools of Object.values(state)) {
    for (const entry of Object.values(tools)) {
      const index = entry.data.findIndex((data) => data.uuid === id);
      if (index >= 0) entry.data.splice(index, 1);
    }
  }
  cornerstoneTools.globalImageIdSpecificToolStateManager.restoreToolState(state);
}
