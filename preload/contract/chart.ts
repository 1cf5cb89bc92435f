/** The chart channels. */
export const chartChannels = {} as const;
