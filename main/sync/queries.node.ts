import type { QueryModule } from '../store/interface.ts';

/** The sync store methods: `store.methods.sync.…`. */
export const syncQueries = {} satisfies QueryModule;
