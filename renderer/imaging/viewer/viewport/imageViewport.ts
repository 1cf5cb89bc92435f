/**
 * One image viewport: the only place the viewer touches cornerstone-core's element API and cornerstone-tools'
 * interaction tools, so a move to Cornerstone3D changes this folder alone.
 */
import cornerstone, { type CsImage, type CsViewport } from 'cornerstone-core';
import cornerstoneTools from 'cornerstone-tools';
import { drawNow } from './drawNow.ts';
import { viewerRuntime } from './runtime.ts';

export type ToolName = 'wwwc' | 'pan' | 'zoom' | 'length' | 'angle' | 'ellipse' | 'rectangle' | 'probe';

const TOOLS: Readonly<Record<ToolName, { name: string; tool: keyof typeof cornerstoneTools }>> = {
  wwwc: { name: 'Wwwc', tool: 'WwwcTool' },
  pan: { name: 'Pan', tool: 'PanTool' },
  zoom: { name: 'Zoom', tool: 'ZoomTool' },
  length: { name: 'Length', tool: 'LengthTool' },
  angle: { name: 'Angle', tool: 'AngleTool' },
  ellipse: { name: 'EllipticalRoi', tool: 'EllipticalRoiTool' },
  rectangle: { name: 'RectangleRoi', tool: 'RectangleRoiTool' },
  probe: { name: 'Probe', tool: 'ProbeTool' },
};

const MEASUREMENT_EVENTS = ['cornerstonetoolsmeasurementcompleted', 'cornerstonetoolsmeasurementmodified', 'cornerstonetoolsmeasurementremoved'];
const LEFT = 1;
const RIGHT = 2;
const MIDDLE = 4;

export interface ViewState {
  readonly scale: number;
  readonly rotation: number;
  readonly hflip: boolean;
  readonly vflip: boolean;
  readonly invert: boolean;
  readonly windowWidth: number;
  readonly windowCenter: number;
}

export type PixelValue = { readonly kind: 'grey'; readonly stored: number; readonly modality: number } | { readonly kind: 'rgb'; readonly rgb: readonly [number, number, number] };

/**
 * Where the image lies within the viewport's element, in CSS pixels: found from the view alone, without reading the
 * page's layout (it is worked out on every draw, and a layout read there would force one per frame).
 */
export interface ImageRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface ImageViewport {
  readonly element: HTMLElement;
  /** Shows an image; `resetView` starts from the image's own window and fit (a new series), else keeps the current view. */
  display(imageId: string, resetView: boolean): Promise<boolean>;
  imageId(): string | undefined;
  state(): ViewState | undefined;
  setWindow(width: number, center: number): void;
  /** Back to the window the file asks for (or the full range of its values). */
  fileWindow(): void;
  toggleInvert(): void;
  rotate(degrees: number): void;
  flip(axis: 'horizontal' | 'vertical'): void;
  zoom(factor: number): void;
  reset(): void;
  setTool(tool: ToolName): void;
  /** Image coordinates (column, row) under a page point, or undefined off the image. */
  pixelAt(clientX: number, clientY: number): { x: number; y: number } | undefined;
  valueAt(x: number, y: number): PixelValue | undefined;
  imageRect(): ImageRect | undefined;
  canvas(): HTMLCanvasElement | undefined;
  resize(): void;
  onRendered(listener: () => void): () => void;
  onMeasurementsChanged(listener: () => void): () => void;
  destroy(): void;
}

export function createImageViewport(element: HTMLElement): ImageViewport {
  viewerRuntime();
  cornerstone.enable(element);
  for (const { tool } of Object.values(TOOLS)) cornerstoneTools.addToolForElement(element, cornerstoneTools[tool] as never);
  // Measurements stay visible whichever tool is active; middle drag pans, right drag zooms.
  for (const tool of ['length', 'angle', 'ellipse', 'rectangle', 'probe'] as const) cornerstoneTools.setToolPassiveForElement(element, TOOLS[tool].name);
  cornerstoneTools.setToolActiveForElement(element, TOOLS.pan.name, { mouseButtonMask: MIDDLE });
  cornerstoneTools.setToolActiveForElement(element, TOOLS.zoom.name, { mouseButtonMask: RIGHT });
  cornerstoneTools.setToolActiveForElement(element, TOOLS.wwwc.name, { mouseButtonMask: LEFT });
  let active: ToolName = 'wwwc';
  let request = 0;
  let shown: string | undefined;

  const image = (): CsImage | undefined => {
    try {
      return cornerstone.getEnabledElement(element).image;
    } catch {
      return undefined;
    }
  };
  const viewport = (): CsViewport | undefined => (image() ? cornerstone.getViewport(element) : undefined);
  const update = (change: (current: CsViewport) => Partial<CsViewport>) => {
    const current = viewport();
    if (current) cornerstone.setViewport(element, { ...current, ...change(current) });
  };

  return {
    element,
    async display(imageId, resetView) {
      const mine = ++request;
      const loaded = await cornerstone.loadImage(imageId);
      // A later request (fast scrolling) wins; this one is dropped, not drawn late.
      if (mine !== request) return false;
      const keep = !resetView && image() ? cornerstone.getViewport(element) : undefined;
      // The pane may have changed size since the element was enabled: size the canvas before fitting.
      if (!keep) cornerstone.resize(element);
      shown = imageId;
      cornerstone.displayImage(element, loaded, keep);
      drawNow(element);
      return true;
    },
    imageId: () => shown,
    state() {
      const v = viewport();
      return v && { scale: v.scale, rotation: v.rotation, hflip: v.hflip, vflip: v.vflip, invert: v.invert, windowWidth: v.voi.windowWidth, windowCenter: v.voi.windowCenter };
    },
    setWindow: (width, center) => update(() => ({ voi: { windowWidth: Math.max(1, width), windowCenter: center } })),
    fileWindow() {
      const img = image();
      if (img) update(() => ({ voi: { windowWidth: img.windowWidth, windowCenter: img.windowCenter } }));
    },
    toggleInvert: () => update((v) => ({ invert: !v.invert })),
    rotate: (degrees) => update((v) => ({ rotation: (((v.rotation + degrees) % 360) + 360) % 360 })),
    // cornerstone flips in image space, before rotating; a flip of the screen is that flip with the rotation
    // reversed (F·R(θ) = R(−θ)·F), so the button flips what the reader sees whatever the rotation.
    flip: (axis) => update((v) => ({ rotation: (360 - v.rotation) % 360, ...(axis === 'horizontal' ? { hflip: !v.hflip } : { vflip: !v.vflip }) })),
    zoom: (factor) => update((v) => ({ scale: Math.min(40, Math.max(0.05, v.scale * factor)) })),
    reset() {
      if (image()) cornerstone.reset(element);
    },
    setTool(tool) {
      if (tool === active) return;
      const previous = TOOLS[active].name;
      if (active === 'wwwc') cornerstoneTools.setToolPassiveForElement(element, previous);
      else if (active === 'pan') cornerstoneTools.setToolActiveForElement(element, previous, { mouseButtonMask: MIDDLE });
      else if (active === 'zoom') cornerstoneTools.setToolActiveForElement(element, previous, { mouseButtonMask: RIGHT });
      else cornerstoneTools.setToolPassiveForElement(element, previous);
      cornerstoneTools.setToolActiveForElement(element, TOOLS[tool].name, { mouseButtonMask: tool === 'pan' ? LEFT | MIDDLE : tool === 'zoom' ? LEFT | RIGHT : LEFT });
      active = tool;
    },
    pixelAt(clientX, clientY) {
      const img = image();
      if (!img) return undefined;
      const box = element.getBoundingClientRect();
      const p = cornerstone.canvasToPixel(element, { x: clientX - box.left, y: clientY - box.top });
      const x = Math.floor(p.x);
      const y = Math.floor(p.y);
      return x >= 0 && y >= 0 && x < img.columns && y < img.rows ? { x, y } : undefined;
    },
    valueAt(x, y) {
      const img = image();
      if (!img || x < 0 || y < 0 || x >= img.columns || y >= img.rows) return undefined;
      const data = img.getPixelData();
      const index = y * img.columns + x;
      if (img.color) return { kind: 'rgb', rgb: [data[index * 4]!, data[index * 4 + 1]!, data[index * 4 + 2]!] };
      const stored = data[index]!;
      return { kind: 'grey', stored, modality: stored * img.slope + img.intercept };
    },
    imageRect() {
      const img = image();
      if (!img) return undefined;
      const corners = [
        { x: 0, y: 0 },
        { x: img.columns, y: img.rows },
      ].map((p) => cornerstone.pixelToCanvas(element, p));
      const xs = corners.map((c) => c.x);
      const ys = corners.map((c) => c.y);
      return { left: Math.min(...xs), top: Math.min(...ys), width: Math.abs(xs[1]! - xs[0]!), height: Math.abs(ys[1]! - ys[0]!) };
    },
    canvas: () => (image() ? cornerstone.getEnabledElement(element).canvas : undefined),
    resize() {
      // cornerstone keeps a fitted image fitted and rescales a zoomed one; with no image it sizes the canvas.
      cornerstone.resize(element, false);
    },
    onRendered(listener) {
      element.addEventListener('cornerstoneimagerendered', listener);
      return () => element.removeEventListener('cornerstoneimagerendered', listener);
    },
    onMeasurementsChanged(listener) {
      for (const name of MEASUREMENT_EVENTS) element.addEventListener(name, listener);
      return () => MEASUREMENT_EVENTS.forEach((name) => element.removeEventListener(name, listener));
    },
    destroy() {
      request++;
      cornerstone.disable(element);
    },
  };
}
