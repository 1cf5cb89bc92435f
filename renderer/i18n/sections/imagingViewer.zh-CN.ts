/** Chinese messages of the imagingViewer screens; the English file must match this shape. */
export const imagingViewerZh = {};
