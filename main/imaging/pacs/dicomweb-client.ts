import type { PacsFailure, PacsStudy } from '../../../preload/contract/imaging.ts';
import { boundaryOf, buildMultipart, parseMultipart } from './multipart.ts';

export interface PacsAuth {
  kind: 'none' | 'basic' | 'bearer';
  username: string;
  /** Password (basic) or token (bearer). */
  secret: string;
}

/** A DICOMweb failure with a reason the UI can explain; never carries response bodies (they may hold patient data). */
export class PacsError extends Error {
  readonly reason: PacsFailure;
  constructor(reason: PacsFailure) {
    super(`PACS request failed: ${reason}`);
    this.name = 'PacsError';
    this.reason = reason;
  }
}

export interface StudyQuery {
  patientName?: string | undefined;
  patientId?: string | undefined;
  /** YYYYMMDD or YYYYMMDD-YYYYMMDD. */
  studyDate?: string | undefined;
  accession?: string | undefined;
  modality?: string | undefined;
  limit: number;
}

export interface InstanceRef {
  studyUid: string;
  seriesUid: string;
  sopInstanceUid: string;
}

type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

export interface StowAnswer {
  stored: number;
  failed: number;
  storedUids: string[];
  failedUids: string[];
  /** HTTP 200 with nothing refused: every object sent was stored, named in the response or not. */
  allStored: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** STOW requests stay below this many bytes (servers limit request sizes). */
export const STOW_BATCH_BYTES = 32 * 1024 * 1024;

/**
 * QIDO-RS, WADO-RS and STOW-RS over `fetch` (dicomweb-client needs XMLHttpRequest, which Node lacks).
 * Instances are retrieved one by one, so memory stays bounded and progress is per image.
 */
export class DicomWebClient {
  readonly #base: string;
  readonly #auth: PacsAuth;
  readonly #timeoutMs: number;

  constructor(options: { baseUrl: string; auth: PacsAuth; timeoutMs?: number }) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#auth = options.auth;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Read access works: a one-result study search. */
  async ping(): Promise<void> {
    await this.#json('/studies?limit=1');
  }

  async searchStudies(query: StudyQuery): Promise<PacsStudy[]> {
    const params = new URLSearchParams({ limit: String(query.limit), fuzzymatching: 'false' });
    for (const field of ['00100010', '00100020', '00100030', '00080020', '00080030', '00080050', '00081030', '00080061', '00201206', '00201208']) params.append('includefield', field);
    if (query.patientName) params.set('PatientName', query.patientName);
    if (query.patientId) params.set('PatientID', query.patientId);
    if (query.studyDate) params.set('StudyDate', query.studyDate);
    if (query.accession) params.set('AccessionNumber', query.accession);
    if (query.modality) params.set('ModalitiesInStudy', query.modality);
    const results = await this.#json(`/studies?${params}`);
    return results.map((item) => ({
      studyInstanceUid: str(item, '0020000D'),
      patientName: personName(item, '00100010'),
      patientId: str(item, '00100020'),
      birthDate: isoDate(str(item, '00100030')),
      studyDate: isoDate(str(item, '00080020')),
      description: str(item, '00081030'),
      accessionNumber: str(item, '00080050'),
      modalities: (item['00080061']?.Value ?? []).map(String),
      seriesCount: num(item, '00201206'),
      instanceCount: num(item, '00201208'),
    })).filter((study) => study.studyInstanceUid);
  }

  /** Every instance of a study (QIDO-RS). */
  async studyInstances(studyUid: string): Promise<InstanceRef[]> {
    const results = await this.#json(`/studies/${encodeURIComponent(studyUid)}/instances?includefield=0020000E`);
    return results
      .map((item) => ({ studyUid, seriesUid: str(item, '0020000E'), sopInstanceUid: str(item, '00080018') }))
      .filter((ref) => ref.seriesUid && ref.sopInstanceUid);
  }

  /** One instance as a Part-10 file, in the transfer syntax the server holds it (WADO-RS). */
  async retrieveInstance(ref: InstanceRef): Promise<Uint8Array> {
    const path = `/studies/${encodeURIComponent(ref.studyUid)}/series/${encodeURIComponent(ref.seriesUid)}/instances/${encodeURIComponent(ref.sopInstanceUid)}`;
    const response = await this.#request(path, { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
    const boundary = boundaryOf(response.headers.get('content-type'));
    const body = new Uint8Array(await this.#body(response));
    if (!boundary) throw new PacsError('bad-response');
    let parts;
    try {
      parts = parseMultipart(body, boundary);
    } catch {
      throw new PacsError('bad-response');
    }
    const part = parts[0];
    if (!part) throw new PacsError('bad-response');
    return part.body;
  }

  /** Sends Part-10 files (STOW-RS) in batches; returns how many the server accepted and refused. */
  async store(files: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, onSent?: (count: number) => void): Promise<{ stored: number; failed: number }> {
    let batch: Uint8Array[] = [];
    let bytes = 0;
    const total = { stored: 0, failed: 0 };
    const flush = async () => {
      if (batch.length === 0) return;
      const answer = await this.storeBatch(batch);
      total.stored += answer.stored;
      total.failed += answer.failed;
      onSent?.(total.stored + total.failed);
      batch = [];
      bytes = 0;
    };
    for await (const file of files) {
      if (bytes + file.byteLength > STOW_BATCH_BYTES) await flush();
      batch.push(file);
      bytes += file.byteLength;
    }
    await flush();
    return total;
  }

  /**
   * One STOW-RS request: what the server stored and refused, by SOP Instance UID as its response names them, and
   * counted (a server may name none). A 409, every object refused, is an answer too, not a failure of the request.
   */
  async storeBatch(files: readonly Uint8Array[]): Promise<StowAnswer> {
    const { body, contentType } = buildMultipart(files, 'application/dicom');
    const response = await this.#request('/studies', { method: 'POST', headers: { 'Content-Type': contentType, Accept: 'application/dicom+json' }, body }, [409]);
    const text = await this.#body(response);
    let result: DicomJson = {};
    try {
      result = text.byteLength > 0 ? (JSON.parse(Buffer.from(text).toString('utf8')) as DicomJson) : {};
    } catch {
      throw new PacsError('bad-response');
    }
    const uids = (tag: string) => (result[tag]?.Value ?? []).map((item) => str(item as DicomJson, '00081155')).filter((uid) => uid !== '');
    const stored = result['00081199']?.Value?.length ?? (response.status === 200 ? files.length : 0);
    const failed = result['00081198']?.Value?.length ?? files.length - stored;
    return { stored, failed, storedUids: uids('00081199'), failedUids: uids('00081198'), allStored: response.status === 200 && failed === 0 };
  }

  async #json(path: string): Promise<DicomJson[]> {
    const response = await this.#request(path, { headers: { Accept: 'application/dicom+json' } });
    if (response.status === 204) return [];
    const body = await this.#body(response);
    if (body.byteLength === 0) return [];
    try {
      const parsed: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
      if (!Array.isArray(parsed)) throw new Error('not an array');
      return parsed as DicomJson[];
    } catch {
      throw new PacsError('bad-response');
    }
  }

  /** `answers`: statuses besides 2xx whose body is the server's answer. */
  async #request(path: string, init: { method?: string; headers?: Record<string, string>; body?: Uint8Array<ArrayBuffer> }, answers: readonly number[] = []): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.#auth.kind === 'basic') headers.Authorization = `Basic ${Buffer.from(`${this.#auth.username}:${this.#auth.secret}`, 'utf8').toString('base64')}`;
    if (this.#auth.kind === 'bearer') headers.Authorization = `Bearer ${this.#auth.secret}`;
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body ? { body: init.body } : {}),
        redirect: 'error',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new PacsError((error as Error | null)?.name === 'TimeoutError' ? 'timeout' : 'unreachable');
    }
    if (response.ok || answers.includes(response.status)) return response;
    await response.body?.cancel().catch(() => {});
    if (response.status === 401) throw new PacsError('unauthorized');
    if (response.status === 403) throw new PacsError('forbidden');
    if (response.status === 404) throw new PacsError('not-found');
    if (response.status >= 500) throw new PacsError('server-error');
    throw new PacsError('bad-response');
  }

  async #body(response: Response): Promise<ArrayBuffer> {
    try {
      return await response.arrayBuffer();
    } catch (error) {
      throw new PacsError((error as Error | null)?.name === 'TimeoutError' ? 'timeout' : 'unreachable');
    }
  }
}

function str(item: DicomJson, tag: string): string {
  const value = item[tag]?.Value?.[0];
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function num(item: DicomJson, tag: string): number | null {
  const value = item[tag]?.Value?.[0];
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
}

/** A DICOM JSON Person Name: its groups joined as in the file (Alphabetic=Ideographic=Phonetic). */
function personName(item: DicomJson, tag: string): string {
  const value = item[tag]?.Value?.[0] as { Alphabetic?: string; Ideographic?: string; Phonetic?: string } | undefined;
  if (!value) return '';
  const groups = [value.Alphabetic ?? '', value.Ideographic ?? '', value.Phonetic ?? ''];
  while (groups.length > 1 && !groups[groups.length - 1]) groups.pop();
  return groups.join('=');
}

function isoDate(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}
