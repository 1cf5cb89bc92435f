/** The slice of cornerstone-core 2.6 / cornerstone-tools 6 this viewer uses (the packages ship no types). */
declare module 'cornerstone-core' {
  export interface Point {
    x: number;
    y: number;
  }
  export interface Voi {
    windowWidth: number;
    windowCenter: number;
  }
  export interface CsViewport {
    scale: number;
    translation: Point;
    voi: Voi;
    invert: boolean;
    pixelReplication: boolean;
    rotation: number;
    hflip: boolean;
    vflip: boolean;
  }
  export interface CsImage {
    imageId: string;
    minPixelValue: number;
    maxPixelValue: number;
    slope: number;
    intercept: number;
    windowCenter: number;
    windowWidth: number;
    getPixelData: () => ArrayLike<number>;
    rows: number;
    columns: number;
    height: number;
    width: number;
    color: boolean;
    rgba: boolean;
    columnPixelSpacing: number | undefined;
    rowPixelSpacing: number | undefined;
    invert: boolean;
    sizeInBytes: number;
    decodeTimeInMS?: number;
    /** Timings the renderers fill in; drawImageSync resets them before each draw. */
    stats?: Record<string, number>;
  }
  export interface EnabledElement {
    element: HTMLElement;
    image?: CsImage;
    canvas: HTMLCanvasElement;
    viewport?: CsViewport;
    /** Set by updateImage: the rendering loop draws on its next animation frame. */
    needsRedraw?: boolean;
    invalid?: boolean;
  }
  export type Renderer = (enabledElement: EnabledElement, invalidated: boolean) => void;
  export interface ImageLoadObject {
    promise: Promise<CsImage>;
    cancelFn?: () => void;
  }
  const cornerstone: {
    enable(element: HTMLElement, options?: { renderer?: string }): void;
    disable(element: HTMLElement): void;
    displayImage(element: HTMLElement, image: CsImage, viewport?: Partial<CsViewport>): void;
    getViewport(element: HTMLElement): CsViewport | undefined;
    setViewport(element: HTMLElement, viewport: Partial<CsViewport>): void;
    getDefaultViewportForImage(element: HTMLElement, image: CsImage): CsViewport;
    reset(element: HTMLElement): void;
    resize(element: HTMLElement, forceFitToWindow?: boolean): void;
    fitToWindow(element: HTMLElement): void;
    updateImage(element: HTMLElement): void;
    getEnabledElement(element: HTMLElement): EnabledElement;
    pixelToCanvas(element: HTMLElement, point: Point): Point;
    canvasToPixel(element: HTMLElement, point: Point): Point;
    registerImageLoader(scheme: string, loader: (imageId: string) => ImageLoadObject): void;
    loadImage(imageId: string): Promise<CsImage>;
    metaData: { addProvider(provider: (type: string, imageId: string) => unknown, priority?: number): void };
    imageCache: { setMaximumSizeBytes(bytes: number): void; purgeCache(): void };
    events: EventTarget;
    rendering: { grayscaleImage: Renderer; colorImage: Renderer };
    triggerEvent(target: EventTarget, type: string, detail?: unknown): boolean;
  };
  export default cornerstone;
}

declare module 'cornerstone-tools' {
  export interface Handle {
    x: number;
    y: number;
    highlight?: boolean;
    active?: boolean;
    [key: string]: unknown;
  }
  export interface ToolData {
    visible?: boolean;
    active?: boolean;
    invalidated?: boolean;
    uuid?: string;
    handles: Record<string, Handle>;
    [key: string]: unknown;
  }
  type ToolClass = abstract new (...args: never[]) => unknown;
  const cornerstoneTools: {
    external: { cornerstone: unknown; cornerstoneMath: unknown; Hammer: unknown };
    init(config?: Record<string, unknown>): void;
    addToolForElement(element: HTMLElement, tool: ToolClass, config?: Record<string, unknown>): void;
    setToolActiveForElement(element: HTMLElement, name: string, options: { mouseButtonMask: number }): void;
    setToolPassiveForElement(element: HTMLElement, name: string): void;
    setToolEnabledForElement(element: HTMLElement, name: string): void;
    addToolState(element: HTMLElement, name: string, data: ToolData): void;
    getToolState(element: HTMLElement, name: string): { data: ToolData[] } | undefined;
    clearToolState(element: HTMLElement, name: string): void;
    removeToolState(element: HTMLElement, name: string, data: ToolData): void;
    globalImageIdSpecificToolStateManager: {
      saveToolState(): Record<string, Record<string, { data: ToolData[] }>>;
      restoreToolState(state: Record<string, Record<string, { data: ToolData[] }>>): void;
    };
    WwwcTool: ToolClass;
    PanTool: ToolClass;
    ZoomTool: ToolClass;
    LengthTool: ToolClass;
    AngleTool: ToolClass;
    EllipticalRoiTool: ToolClass;
    RectangleRoiTool: ToolClass;
    ProbeTool: ToolClass;
    ZoomMouseWheelTool: ToolClass;
  };
  export default cornerstoneTools;
}

declare module 'cornerstone-math' {
  const cornerstoneMath: unknown;
  export default cornerstoneMath;
}

declare module 'hammerjs' {
  const Hammer: unknown;
  export default Hammer;
}
