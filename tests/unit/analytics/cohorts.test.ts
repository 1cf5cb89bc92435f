import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../preload/contract/index.ts';
import { ADMIN } from '../helpers/clinic.ts';
import { useAnalyticsClinic } from './helpers.ts';

describe('cohorts', () => {
  const clinic = useAnalyticsClinic(5, 60);

  it('clusters the live patients with missing values imputed and counted, lists members, saves and re-opens the cohort', async () => {
    const c = clinic();
    const events: Array<{ event: EventName; payload: unknown }> = [];
    c.services.events.attach((_target, event, payload) => events.push({ event, payload }));
    const jobId = randomUUID();
    const result = await c.ok('p', 'analytics.clustering.run', { jobId, features: ['age', 'systolic', 'encounters12m'], missing: 'median', k: 3, seed: 7, elbow: { from: 2, to: 5 } });
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    const { summary } = result;

    // Independently: who lacks a systolic value (never measured); ages and visit counts are never missing.
    const measured = new Set(c.encounters.filter((e) => e.vitals?.systolic != null).map((e) => e.patientId));
    const lacking = c.patients.filter((p) => !measured.has(p.id)).length;
    expect(summary).toMatchObject({ patients: c.patients.length, excluded: 0, imputed: lacking, k: 3, seed: 7 });
    expect(summary.featureStats.map((f) => f.missing)).toEqual([0, lacking, 0]);
    expect(summary.profiles.reduce((sum, p) => sum + p.size, 0)).toBe(c.patients.length);
    expect(summary.elbow.map((p) => p.k)).toEqual([2, 3, 4, 5]);
    expect(events.some(({ event, payload }) => event === 'job.progress' && (payload as { jobId: string; state: string }).jobId === jobId && (payload as { state: string }).state === 'succeeded')).toBe(true);

    // Same seed, same clusters.
    const again = await c.ok('p', 'analytics.clustering.run', { jobId: randomUUID(), features: ['age', 'systolic', 'encounters12m'], missing: 'median', k: 3, seed: 7 });
    expect(again.status === 'done' && again.summary.profiles).toEqual(summary.profiles);

    const sizes = summary.profiles.map((p) => p.size);
    const first = await c.ok('p', 'analytics.clustering.members', { jobId, cluster: 0, limit: 500 });
    expect(first.total).toBe(sizes[0]);
    expect(first.members.every((m) => m.cluster === 0 && m.mrn.length > 0)).toBe(true);
    // Another user cannot read this session's job.
    expect(await c.call('a', 'analytics.clustering.members', { jobId, cluster: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const cohort = await c.ok('p', 'analytics.cohorts.save', { jobId, name: '高血压随访 cohort' });
    expect(cohort).toMatchObject({ name: '高血压随访 cohort', memberCount: c.patients.length, createdByName: 'drwang' });
    expect(await c.ok('a', 'analytics.cohorts.list', {})).toEqual([cohort]);
    await c.reopen();
    await c.ok('p', 'session.login', { username: 'drwang', password: 'staff password 1' });
    await c.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
    const reopened = await c.ok('p', 'analytics.cohorts.list', {});
    expect(reopened[0]!.summary).toEqual(summary);
    const all = await c.ok('p', 'analytics.cohorts.members', { cohortId: cohort.id, limit: 500 });
    expect(all.total).toBe(c.patients.length);
    const clusterOne = await c.ok('p', 'analytics.cohorts.members', { cohortId: cohort.id, cluster: 1, limit: 500 });
    expect(clusterOne.total).toBe(sizes[1]);

    const audit = await c.ok('a', 'audit.query', { limit: 50 });
    expect(audit.entries.filter((e) => e.entityType === 'cohort').map((e) => e.action)).toEqual(expect.arrayContaining(['record.create', 'record.read']));

    expect(await c.ok('p', 'analytics.cohorts.delete', { cohortId: cohort.id })).toEqual({ deleted: true });
    expect(await c.ok('p', 'analytics.cohorts.list', {})).toEqual([]);
  });

  it('excludes patients lacking a feature when asked, and counts them', async () => {
    const c = clinic();
    const measured = new Set(c.encounters.filter((e) => e.vitals?.bmi != null).map((e) => e.patientId));
    const result = await c.ok('a', 'analytics.clustering.run', { jobId: randomUUID(), features: ['bmi', 'age'], missing: 'exclude', k: 2, seed: 1 });
    expect(result.status === 'done' && result.summary).toMatchObject({ patients: c.patients.length, excluded: c.patients.length - measured.size, imputed: 0 });
    expect(await c.call('d', 'analytics.clustering.run', { jobId: randomUUID(), features: ['bmi'], missing: 'exclude', k: 2, seed: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
