/** The imaging channels. */
export const imagingChannels = {} as const;
