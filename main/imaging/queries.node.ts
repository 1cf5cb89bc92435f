import type { QueryModule } from '../store/interface.ts';

/** The imaging store methods: `store.methods.imaging.…`. */
export const imagingQueries = {} satisfies QueryModule;
