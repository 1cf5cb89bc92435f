/** Chinese messages of the schedule screens; the English file must match this shape. */
export const scheduleZh = {};
