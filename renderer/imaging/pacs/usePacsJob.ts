import { useEffect, useState } from 'react';
import type { PacsJob } from '../../../preload/contract/imaging.ts';
import { call, onEvent } from '../../platform/api.ts';

/** A PACS retrieve/send job, kept current from `job.progress` events and a slow poll (a job may end before the subscription). */
export function usePacsJob(jobId: string | null): PacsJob | null {
  const [job, setJob] = useState<PacsJob | null>(null);
  useEffect(() => {
    setJob(null);
    if (!jobId) return;
    let current = true;
    let finished = false;
    const refresh = () =>
      void call('imaging.pacs.job', { jobId }).then(
        (latest) => {
          if (!current || finished) return;
          finished = latest.state !== 'running';
          setJob(latest);
        },
        () => {},
      );
    const off = onEvent('job.progress', (event) => {
      if (event.jobId === jobId) refresh();
    });
    refresh();
    const poll = setInterval(refresh, 1_000);
    return () => {
      current = false;
      off();
      clearInterval(poll);
    };
  }, [jobId]);
  return job;
}
