// Reads one Zarr v3 array with zarrita and prints its metadata and its values in C order as JSON.
import * as zarr from "zarrita";
import FileSystemStore from "@zarrita/storage/fs";

const root = zarr.root(new FileSystemStore(process.argv[2]));
const arr = await zarr.open(root.resolve(process.argv[3] ?? ""), { kind: "array" });
const { data, shape, stride } = await zarr.get(arr);
const n = shape.reduce((a, b) => a * b, 1);
const at = (i) => (data instanceof zarr.BoolArray ? data.get(i) : data[i]);
const values = new Array(n);
const index = new Array(shape.length).fill(0);
for (let c = 0; c < n; c++) {
  let offset = 0;
  for (let a = 0; a < shape.length; a++) offset += index[a] * stride[a];
  const v = at(offset);
  values[c] = typeof v === "bigint" ? v.toString() : v;
  for (let a = shape.length - 1; a >= 0; a--) {
    if (++index[a] < shape[a]) break;
    index[a] = 0;
  }
}
console.log(JSON.stringify({ shape, dtype: arr.dtype, chunks: arr.chunks, attrs: arr.attrs, dims: arr.dimensionNames ?? null, values }));
