/** Chinese messages of the chart screens; the English file must match this shape. */
export const chartZh = {};
