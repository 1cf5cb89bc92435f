/** The sync channels. */
export const syncChannels = {} as const;
