/**
 * Orientation markers from Image Orientation Patient (patient LPS axes: +x left, +y posterior, +z head),
 * after the viewport's rotation (multiples of 90°) and flips.
 */
type Vector = readonly [number, number, number];

const LETTERS: ReadonlyArray<readonly [positive: string, negative: string]> = [
  ['L', 'R'],
  ['P', 'A'],
  ['H', 'F'],
];

/** The patient direction a vector points to: up to three letters, strongest first (oblique planes get two or three). */
export function directionLabel(v: Vector): string {
  return [0, 1, 2]
    .filter((axis) => Math.abs(v[axis]!) > 0.25)
    .sort((a, b) => Math.abs(v[b]!) - Math.abs(v[a]!))
    .map((axis) => LETTERS[axis]![v[axis]! > 0 ? 0 : 1])
    .join('');
}

const negate = (v: Vector): Vector => [-v[0], -v[1], -v[2]];

export interface Markers {
  readonly top: string;
  readonly bottom: string;
  readonly left: string;
  readonly right: string;
}

export function orientationMarkers(iop: readonly number[] | undefined, rotation: number, hflip: boolean, vflip: boolean): Markers | undefined {
  if (!iop || iop.length < 6) return undefined;
  // Screen right and screen down, as patient directions.
  let right: Vector = [iop[0]!, iop[1]!, iop[2]!];
  let down: Vector = [iop[3]!, iop[4]!, iop[5]!];
  if (hflip) right = negate(right);
  if (vflip) down = negate(down);
  for (let turns = Math.round((((rotation % 360) + 360) % 360) / 90); turns > 0; turns--) [right, down] = [negate(down), right];
  return { right: directionLabel(right), left: directionLabel(negate(right)), bottom: directionLabel(down), top: directionLabel(negate(down)) };
}
