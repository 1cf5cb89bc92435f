import type { QueryModule } from '../store/interface.ts';

/** The chart store methods: `store.methods.chart.…`. */
export const chartQueries = {} satisfies QueryModule;
