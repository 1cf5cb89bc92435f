import { events, type EventName, type EventPayload } from '../../preload/contract/index.ts';

/** Where an event goes: one connection (a window or test page) or every connection. */
export type EventTarget = { connectionId: string } | 'all';
export type EventSink = (target: EventTarget, event: EventName, payload: unknown) => void;

/** Main → renderer events, validated against the contract before they leave. */
export class EventHub {
  readonly #sinks = new Set<EventSink>();

  attach(sink: EventSink): () => void {
    this.#sinks.add(sink);
    return () => this.#sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>, target: EventTarget = 'all'): void {
    const checked = events[event].parse(payload);
    for (const sink of this.#sinks) sink(target, event, checked);
  }
}
