"""NumPy as the judge of Tessera's conformance suite.

Reads cases.json in the directory given as argv[1]: a list of cases, each with its input files
(.npy) and an expression tree; evaluates each expression with NumPy and writes out_<id>.npy, or
out_<id>.err with the error text. One process serves a whole batch of cases.
"""
import json
import os
import sys
import traceback

import numpy as np


def axis_arg(p):
    a = p.get("axis")
    return None if a is None else int(a)


def scalar(p, key, dtype):
    return np.array(p[key]).astype(dtype)[()]


def evaluate(node, inputs):
    op = node["op"]
    p = node.get("params", {})
    args = [evaluate(a, inputs) for a in node.get("args", [])]
    x = args[0] if args else None
    if op == "input":
        return inputs[p["index"]]
    if op == "astype":
        return x.astype(p["dtype"])
    if op in ("add", "sub", "mul", "truediv"):
        f = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "truediv": np.true_divide}[op]
        return f(x, args[1])
    if op in ("add_s", "sub_s", "mul_s", "rsub_s"):
        s = scalar(p, "value", x.dtype)
        return {"add_s": x + s, "sub_s": x - s, "mul_s": x * s, "rsub_s": s - x}[op]
    if op == "neg":
        return np.negative(x)
    unary = {"abs": np.abs, "sign": np.sign, "sqrt": np.sqrt, "exp": np.exp, "log": np.log, "log1p": np.log1p,
             "sin": np.sin, "cos": np.cos, "tan": np.tan, "tanh": np.tanh, "floor": np.floor, "ceil": np.ceil,
             "isnan": np.isnan, "isfinite": np.isfinite, "logical_not": np.logical_not}
    if op in unary:
        r = unary[op](x)
        if op in ("sqrt", "exp", "log", "log1p", "sin", "cos", "tan", "tanh", "floor", "ceil") and x.dtype.kind in "iu":
            r = unary[op](x.astype(np.float64))
        return r
    if op == "round":
        return np.round(x, p.get("decimals", 0))
    binary = {"minimum": np.minimum, "maximum": np.maximum, "power": np.power, "mod": np.mod,
              "floordiv": np.floor_divide, "equal": np.equal, "not_equal": np.not_equal, "less": np.less,
              "less_equal": np.less_equal, "greater": np.greater, "greater_equal": np.greater_equal,
              "logical_and": np.logical_and, "logical_or": np.logical_or, "logical_xor": np.logical_xor}
    if op in binary:
        return binary[op](x, args[1])
    if op.endswith("_s") and op[:-2] in binary:
        return binary[op[:-2]](x, scalar(p, "value", x.dtype))
    if op == "clip":
        lo = None if p.get("min") is None else scalar(p, "min", x.dtype)
        hi = None if p.get("max") is None else scalar(p, "max", x.dtype)
        return np.clip(x, lo, hi)
    if op == "where":
        return np.where(x, args[1], args[2])
    if op == "slice":
        index = tuple(int(s["at"]) if s.get("at") is not None else slice(s.get("start"), s.get("stop"), s.get("step"))
                      for s in p["index"])
        return x[index]
    axis = axis_arg(p)
    keep = bool(p.get("keepdims", False))
    if op in ("sum", "prod", "min", "max", "mean", "nansum", "nanmean", "nanmin", "nanmax", "any", "all"):
        return np.asarray(getattr(np, op)(x, axis=axis, keepdims=keep))
    if op in ("var", "std"):
        return np.asarray(getattr(np, op)(x, axis=axis, ddof=p.get("ddof", 0), keepdims=keep))
    if op in ("argmin", "argmax"):
        r = getattr(np, op)(x, axis=axis)
        if keep:
            r = np.expand_dims(r, axis if axis is not None else tuple(range(x.ndim)))
        return np.asarray(r).astype(np.int64)
    if op in ("cumsum", "cumprod"):
        return getattr(np, op)(x, axis=axis)
    if op == "count_nonzero":
        return np.asarray(np.count_nonzero(x, axis=axis, keepdims=keep)).astype(np.int64)
    raise ValueError("unknown op " + op)


def main():
    folder = sys.argv[1]
    with open(os.path.join(folder, "cases.json")) as f:
        cases = json.load(f)
    np.seterr(all="ignore")
    for case in cases:
        out = os.path.join(folder, "out_%d" % case["id"])
        try:
            inputs = [np.load(os.path.join(folder, name)) for name in case["inputs"]]
            result = np.asarray(evaluate(case["expr"], inputs))
            np.save(out + ".npy", result.copy(order="C"))
        except Exception:  # the error text goes back to the C# side, which reports it with the case
            with open(out + ".err", "w") as f:
                f.write(traceback.format_exc())


if __name__ == "__main__":
    main()
