/** The analytics channels. */
export const analyticsChannels = {} as const;
