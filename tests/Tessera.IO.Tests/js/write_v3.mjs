// Writes Zarr v3 arrays with zarrita under <path>: one per codec chain and dtype, filled with values.mjs's pattern.
import * as zarr from "zarrita";
import FileSystemStore from "@zarrita/storage/fs";
import { pattern, useBool } from "./values.mjs";

useBool(zarr.BoolArray);
// zarrita decodes gzip itself but encodes it only through numcodecs.js.
zarr.registry.set("gzip", () => import("numcodecs/gzip").then((m) => m.default));
const root = zarr.root(new FileSystemStore(process.argv[2]));
await zarr.create(root, { attributes: { made_by: "zarrita" } });
const bytes = (endian = "little") => ({ name: "bytes", configuration: { endian } });
const cases = [
  ["f64_blosc", "float64", [bytes(), { name: "blosc", configuration: { cname: "lz4", clevel: 5, shuffle: "shuffle", typesize: 8, blocksize: 0 } }]],
  ["i32_gzip", "int32", [bytes(), { name: "gzip", configuration: { level: 5 } }]],
  ["u16_zstd_big", "uint16", [bytes("big"), { name: "zstd", configuration: { level: 3, checksum: false } }]],
  // zarrita encodes neither crc32c nor sharding: those are checked the other way (Tessera writes, zarrita reads).
  ["i64_transpose", "int64", [{ name: "transpose", configuration: { order: [1, 0] } }, bytes()]],
  ["bool_plain", "bool", [bytes()]],
  ["f32_bitshuffle", "float32", [bytes(), { name: "blosc", configuration: { cname: "zstd", clevel: 3, shuffle: "bitshuffle", typesize: 4, blocksize: 0 } }]],
  ["u8_plain", "uint8", [bytes()]],
];
for (const [name, dtype, codecs] of cases) {
  const shape = [37, 29];
  const arr = await zarr.create(root.resolve(name), {
    shape, chunkShape: [16, 10], dtype, codecs, fillValue: dtype === "bool" ? false : 0,
    dimensionNames: ["y", "x"], attributes: { name },
  });
  await zarr.set(arr, null, { data: pattern(dtype, 37 * 29), shape, stride: [29, 1] });
}
console.log("ok");
