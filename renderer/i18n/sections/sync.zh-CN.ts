/** Chinese messages of the sync screens; the English file must match this shape. */
export const syncZh = {};
