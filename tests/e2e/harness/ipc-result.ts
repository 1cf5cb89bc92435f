/**
 * How a call's result crosses the harness's stand-in for Electron IPC. Electron copies it with structured
 * clone (native, about a millisecond for a study's series list); Playwright's binding serialises value by value
 * through script in both processes, which for the same list took around 100 ms on a loaded machine and weighed on
 * every timing taken through the harness. Plain data therefore crosses as JSON text; anything JSON would
 * change (undefined, NaN or ±Infinity, non-plain objects) keeps Playwright's way.
 */
export type WireResult = { readonly json: string } | { readonly value: unknown };

export function toWire(value: unknown): WireResult {
  let faithful = true;
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key, converted: unknown) {
    // `this[key]` is the value before any toJSON (a Date would arrive as a string).
    const original = this[key];
    if (original === undefined || typeof original === 'bigint' || typeof original === 'function' || typeof original === 'symbol') faithful = false;
    else if (typeof original === 'number' && !Number.isFinite(original)) faithful = false;
    else if (original !== null && typeof original === 'object' && !Array.isArray(original) && !isPlain(original)) faithful = false;
    return faithful ? converted : null;
  });
  return faithful && json !== undefined ? { json } : { value };
}

export function fromWire(wire: WireResult): unknown {
  return 'json' in wire ? JSON.parse(wire.json) : wire.value;
}

function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
