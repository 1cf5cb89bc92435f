/**
 * Draws an enabled element's image at once. cornerstone-core only marks the element and draws on its next
 * animation frame, which puts up to a frame (16.7 ms at 60 Hz) between an image being ready and being on the
 * canvas, on every scroll step. This is cornerstone-core 2.6's internal drawImageSync for what the viewer
 * shows (grey or colour images, no layers or colour maps), including the `cornerstoneimagerendered` event the
 * tools draw their measurements on; the frame loop then finds nothing left to draw.
 */
import cornerstone, { type EnabledElement } from 'cornerstone-core';

export function drawNow(element: HTMLElement): void {
  const enabled: EnabledElement = cornerstone.getEnabledElement(element);
  const image = enabled.image;
  if (!image || !enabled.canvas) return;
  const started = performance.now();
  image.stats = { lastGetPixelDataTime: -1, lastStoredPixelDataToCanvasImageDataTime: -1, lastPutImageDataTime: -1, lastRenderTime: -1, lastLutGenerateTime: -1 };
  const render = image.color ? cornerstone.rendering.colorImage : cornerstone.rendering.grayscaleImage;
  render(enabled, Boolean(enabled.invalid));
  const renderTimeInMs = performance.now() - started;
  image.stats.lastRenderTime = renderTimeInMs;
  enabled.invalid = false;
  enabled.needsRedraw = false;
  cornerstone.triggerEvent(element, 'cornerstoneimagerendered', {
    viewport: enabled.viewport,
    element,
    image,
    enabledElement: enabled,
    canvasContext: enabled.canvas.getContext('2d', { desynchronized: true }),
    renderTimeInMs,
  });
}
