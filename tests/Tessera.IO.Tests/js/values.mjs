// The test pattern shared with the C# side: element i (C order) is ((i * 7 + 3) % 1000) - 500, or i % 3 == 0 for bool.
export function pattern(dtype, n) {
  const make = {
    bool: () => new zarrBool(n),
    int8: () => new Int8Array(n), int16: () => new Int16Array(n), int32: () => new Int32Array(n),
    int64: () => new BigInt64Array(n), uint8: () => new Uint8Array(n), uint16: () => new Uint16Array(n),
    uint32: () => new Uint32Array(n), uint64: () => new BigUint64Array(n),
    float32: () => new Float32Array(n), float64: () => new Float64Array(n),
  }[dtype];
  const a = make();
  for (let i = 0; i < n; i++) {
    const v = ((i * 7 + 3) % 1000) - 500;
    if (dtype === "bool") a.set(i, i % 3 === 0);
    else if (dtype === "int64") a[i] = BigInt(v);
    else if (dtype === "uint64") a[i] = BigInt(v + 500);
    else if (dtype.startsWith("uint")) a[i] = (v + 500) % (dtype === "uint8" ? 256 : 65536);
    else if (dtype === "int8") a[i] = v % 128;
    else a[i] = dtype.startsWith("float") ? v / 4 : v;
  }
  return a;
}

let zarrBool = null;
export function useBool(ctor) {
  zarrBool = ctor;
}
