import type { QueryModule } from '../store/interface.ts';

/** The analytics store methods: `store.methods.analytics.…`. */
export const analyticsQueries = {} satisfies QueryModule;
