using System.Buffers.Binary;
using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Tessera.Graphs;

/// <summary>
/// Deterministic hashing of functions and arguments to short hex tokens, used to build task keys so that
/// the same call made twice gives the same key (and so one task). Tokens are stable across processes for
/// primitives, strings, arrays and lists of them, <see cref="Key"/>s, <see cref="ITokenizable"/> objects,
/// and functions (by declaring type, name, generic arguments, metadata token and module version id).
/// Any other object, and closures capturing such objects, get a random token per instance, so two
/// different objects never collide.
/// </summary>
public static class Tokenizer
{
    private static readonly ConditionalWeakTable<object, string> IdentityTokens = [];

    /// <summary>Hashes the given values (in order) to a 32-character lowercase hex token (128 bits).</summary>
    /// <param name="values">The values to hash; <see langword="null"/> entries are allowed.</param>
    public static string Tokenize(params ReadOnlySpan<object?> values)
    {
        var w = new TokenWriter();
        foreach (object? v in values)
        {
            Write(ref w, v, 0);
        }

        return w.Finish();
    }

    /// <summary>A 32-character token for a function's identity (and its captured values, for closures).</summary>
    /// <param name="function">The delegate to identify.</param>
    public static string TokenizeFunction(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var w = new TokenWriter();
        WriteDelegate(ref w, function, 0);
        return w.Finish();
    }

    /// <summary>A random token that is fixed for the lifetime of <paramref name="value"/>.</summary>
    internal static string IdentityToken(object value) =>
        IdentityTokens.GetValue(value, static _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    private static void Write(ref TokenWriter w, object? value, int depth)
    {
        if (depth > 64)
        {
            w.Tag(0xFE);
            w.Str(IdentityToken(value!));
            return;
        }

        switch (value)
        {
            case null: w.Tag(0); break;
            case string s: w.Tag(1); w.Str(s); break;
            case bool b: w.Tag(2); w.I64(b ? 1 : 0); break;
            case int i: w.Tag(3); w.I64(i); break;
            case long l: w.Tag(4); w.I64(l); break;
            case double d: w.Tag(5); w.I64(BitConverter.DoubleToInt64Bits(d)); break;
            case float f: w.Tag(6); w.I64(BitConverter.SingleToInt32Bits(f)); break;
            case Key k: WriteKey(ref w, k); break;
            case ITokenizable t: w.Tag(8); w.Str(t.GetType().FullName ?? "?"); w.Str(t.GetToken()); break;
            case Delegate del: WriteDelegate(ref w, del, depth + 1); break;
            case Type t: w.Tag(10); w.Str(t.AssemblyQualifiedName ?? t.Name); break;
            case decimal m: w.Tag(11); w.Str(m.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case char c: w.Tag(12); w.I64(c); break;
            case Enum e: w.Tag(13); w.Str(e.GetType().FullName ?? "?"); w.I64(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)); break;
            case byte or sbyte or short or ushort or uint or ulong or nint or nuint or Half:
                w.Tag(14);
                w.Str(value.GetType().Name);
                w.Str(((IFormattable)value).ToString(null, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case Array a when IsTokenizableElementArray(a):
                w.Tag(15);
                w.Str(a.GetType().FullName ?? "?");
                w.I64(a.Rank);
                for (int r = 0; r < a.Rank; r++)
                {
                    w.I64(a.GetLength(r));
                }

                foreach (object? item in a)
                {
                    Write(ref w, item, depth + 1);
                }

                break;
            case IList list when value.GetType().IsGenericType:
                w.Tag(16);
                w.I64(list.Count);
                foreach (object? item in list)
                {
                    Write(ref w, item, depth + 1);
                }

                break;
            case ITuple tuple:
                w.Tag(17);
                w.Str(value.GetType().FullName ?? "?");
                for (int i = 0; i < tuple.Length; i++)
                {
                    Write(ref w, tuple[i], depth + 1);
                }

                break;
            default:
                w.Tag(0xFF);
                w.Str(IdentityToken(value));
                break;
        }
    }

    private static bool IsTokenizableElementArray(Array a) => a.GetType().GetElementType() is { } e && (e.IsPrimitive || e == typeof(string) || e == typeof(object) || e == typeof(Key) || e.IsArray || e.IsEnum);

    private static void WriteKey(ref TokenWriter w, Key k)
    {
        w.Tag(7);
        w.Str(k.Name ?? string.Empty);
        w.I64(k.Rank);
        foreach (int i in k.Index)
        {
            w.I64(i);
        }
    }

    private static void WriteDelegate(ref TokenWriter w, Delegate del, int depth)
    {
        Delegate[] list = del.GetInvocationList();
        w.Tag(9);
        w.I64(list.Length);
        foreach (Delegate d in list)
        {
            MethodInfo m = d.Method;
            w.Str(m.DeclaringType?.FullName ?? "?");
            w.Str(m.Name);
            w.I64(m.MetadataToken);
            w.Str(m.Module.ModuleVersionId.ToString());
            if (m.IsGenericMethod)
            {
                foreach (Type ga in m.GetGenericArguments())
                {
                    w.Str(ga.AssemblyQualifiedName ?? ga.Name);
                }
            }

            WriteTarget(ref w, d.Target, depth);
        }
    }

    private static void WriteTarget(ref TokenWriter w, object? target, int depth)
    {
        if (target is null)
        {
            w.Tag(0);
            return;
        }

        Type t = target.GetType();
        if (!t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
        {
            // A delegate bound to an ordinary object: its content decides (identity unless tokenizable).
            Write(ref w, target, depth + 1);
            return;
        }

        // A closure (display class) or the static-lambda cache: hash its captured fields when all are tokenizable.
        FieldInfo[] fields = t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        var inner = new TokenWriter();
        inner.Tag(20);
        inner.Str(t.FullName ?? "?");
        foreach (FieldInfo f in fields.OrderBy(static f => f.Name, StringComparer.Ordinal))
        {
            object? v = f.GetValue(target);
            if (!IsDeterministic(v, depth))
            {
                w.Tag(0xFF);
                w.Str(IdentityToken(target));
                return;
            }

            inner.Str(f.Name);
            Write(ref inner, v, depth + 1);
        }

        w.Str(inner.Finish());
    }

    private static bool IsDeterministic(object? v, int depth) => v switch
    {
        null or string or bool or int or long or double or float or Key or ITokenizable or Type or decimal or char or Enum => true,
        byte or sbyte or short or ushort or uint or ulong or nint or nuint or Half => true,
        Delegate d => depth < 8 && d.GetInvocationList().All(x => x.Target is null || (x.Target.GetType().IsDefined(typeof(CompilerGeneratedAttribute), false) && x.Target.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).All(f => IsDeterministic(f.GetValue(x.Target), depth + 1)))),
        Array a => IsTokenizableElementArray(a) && a.Cast<object?>().All(x => IsDeterministic(x, depth + 1)),
        _ => false,
    };

    private struct TokenWriter()
    {
        private readonly List<byte> _bytes = new(64);

        public readonly void Tag(byte tag) => _bytes.Add(tag);

        public readonly void I64(long v)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, v);
            _bytes.AddRange(b);
        }

        public readonly void Str(string s)
        {
            I64(s.Length);
            _bytes.AddRange(Encoding.UTF8.GetBytes(s));
        }

        public readonly string Finish()
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bytes), hash);
            return Convert.ToHexStringLower(hash[..16]);
        }
    }
}
