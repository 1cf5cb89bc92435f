import type { ClusterJob, ClusterOutcome, JobProgress } from './job.ts';

/** Main → worker: the job and a one-slot shared flag main sets to 1 to cancel. */
export interface WorkerStart {
  job: ClusterJob;
  cancel: SharedArrayBuffer;
}

export type WorkerReply =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; outcome: ClusterOutcome }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };
