import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the service answers hook calls: normally, or one of the failures the client must survive. */
export type CdsServiceMode = 'ok' | 'slow' | 'error-500' | 'malformed' | 'unauthorised';

export interface CapturedCall {
  serviceId: string;
  authorization: string | undefined;
  body: Record<string, any>;
}

export interface TestCdsService {
  readonly baseUrl: string;
  readonly calls: CapturedCall[];
  mode: CdsServiceMode;
  /** Delay of a slow answer. */
  slowMs: number;
  /** Closes the listener (connections are then refused) and reopens it on the same port. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Discovery answer, per CDS Hooks 2.0 §Discovery. */
export const SERVICES = {
  services: [
    {
      hook: 'patient-view',
      id: 'bp-advice',
      title: 'Blood pressure advice',
      description: 'Suggests a hypertension problem entry when recent readings are high.',
      prefetch: { patient: 'Patient/{{context.patientId}}', vitals: 'Observation?patient={{context.patientId}}&category=vital-signs', conditions: 'Condition?patient={{context.patientId}}' },
    },
    { hook: 'encounter-start', id: 'visit-checklist', title: 'Visit checklist', prefetch: { patient: 'Patient/{{context.patientId}}' } },
    { hook: 'order-select', id: 'order-check', title: 'Order check', prefetch: { patient: 'Patient/{{context.patientId}}' } },
  ],
};

function card(serviceId: string, patientRef: string) {
  return {
    uuid: `card-${serviceId}`,
    summary: 'Consider recording hypertension',
    detail: 'Two readings at or above 140/90 mmHg.',
    indicator: 'warning',
    source: { label: 'Test CDS service', url: 'https://example.org/cds' },
    suggestions: [
      {
        label: 'Add hypertension to the problem list',
        uuid: 'sugg-1',
        isRecommended: true,
        actions: [
          {
            type: 'create',
            description: 'Problem: essential hypertension',
            resource: { resourceType: 'Condition', subject: { reference: patientRef }, code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10', display: 'Essential (primary) hypertension' }] } },
          },
        ],
      },
    ],
    selectionBehavior: 'at-most-one',
    links: [{ label: 'Guideline', url: 'https://example.org/guideline', type: 'absolute' }],
  };
}

/**
 * A CDS Hooks 2.0 service written for the tests from the specification:
 * `GET /cds-services` (discovery) and `POST /cds-services/{id}` (a hook call
 * answered with cards), on 127.0.0.1 with a free port. Every call is captured
 * for inspection.
 */
export async function startCdsService(): Promise<TestCdsService> {
  const calls: CapturedCall[] = [];
  let port = 0;
  let server: Server;
  const state = { mode: 'ok' as CdsServiceMode, slowMs: 3_500 };
  const sockets = new Set<import('node:net').Socket>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const send = (status: number, body: string) => {
      if (response.destroyed) return;
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    };
    if (request.method === 'GET' && request.url === '/cds-services') return send(200, JSON.stringify(SERVICES));
    const match = /^\/cds-services\/([\w-]+)$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match || !SERVICES.services.some((s) => s.id === match[1])) return send(404, '{}');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>;
    calls.push({ serviceId: match[1]!, authorization: request.headers.authorization, body });
    switch (state.mode) {
      case 'error-500':
        return send(500, '{"error":"internal"}');
      case 'malformed':
        return send(200, '{"cards": [ {"summary": "trunc');
      case 'unauthorised':
        return send(401, '{}');
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, state.slowMs));
        return send(200, JSON.stringify({ cards: [card(match[1]!, `Patient/${body.context.patientId}`)] }));
      case 'ok':
        return send(200, JSON.stringify({ cards: [card(match[1]!, `Patient/${body.context.patientId}`)] }));
    }
  };

  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((request, response) => void handle(request, response));
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  await listen();
  return {
    get baseUrl() {
      return `http://127.0.0.1:${port}`;
    },
    calls,
    get mode() {
      return state.mode;
    },
    set mode(mode: CdsServiceMode) {
      state.mode = mode;
    },
    get slowMs() {
      return state.slowMs;
    },
    set slowMs(ms: number) {
      state.slowMs = ms;
    },
    stop,
    restart: listen,
    close: stop,
  };
}
