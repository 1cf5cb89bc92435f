/** Points stored row-major in one typed array: `values[i * dims + j]`, cheap to copy between threads. */
export interface PointMatrix {
  readonly values: Float64Array;
  readonly rows: number;
  readonly dims: number;
}

export function squaredDistanceTo(matrix: PointMatrix, row: number, point: ArrayLike<number>): number {
  const { values, dims } = matrix;
  const offset = row * dims;
  let sum = 0;
  for (let j = 0; j < dims; j++) {
    const delta = values[offset + j]! - point[j]!;
    sum += delta * delta;
  }
  return sum;
}

export function rowOf(matrix: PointMatrix, row: number): number[] {
  return Array.from(matrix.values.subarray(row * matrix.dims, (row + 1) * matrix.dims));
}

/** The array-of-arrays ml-kmeans takes; rows grown by push stay packed doubles, which its inner loop reads fastest. */
export function toRows(matrix: PointMatrix): number[][] {
  const { values, rows, dims } = matrix;
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < dims; j++) row.push(values[i * dims + j]!);
    out.push(row);
  }
  return out;
}
