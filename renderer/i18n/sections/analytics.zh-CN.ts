/** Chinese messages of the analytics screens; the English file must match this shape. */
export const analyticsZh = {};
