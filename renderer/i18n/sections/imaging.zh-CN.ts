/** Chinese messages of the imaging screens; the English file must match this shape. */
export const imagingZh = {};
