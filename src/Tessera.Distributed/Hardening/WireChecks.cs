using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Hardening;

/// <summary>Field-level checks shared by the message validators; each throws <see cref="ProtocolViolationException"/> naming the field.</summary>
internal static class WireChecks
{
    private const char KeySeparator = '\u001f';

    /// <summary>A content hash: exactly 64 lowercase hex digits (checked before it becomes a file name or a dictionary key).</summary>
    public static bool IsHash(string? s)
    {
        if (s is null || s.Length != WireLimits.HashLength)
        {
            return false;
        }

        foreach (char c in s)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A task key as <see cref="Protocol.KeyCodec"/> writes it: a name without control characters, then integer block indices.</summary>
    public static bool IsKey(string? s)
    {
        if (string.IsNullOrEmpty(s) || s.Length > WireLimits.MaxName)
        {
            return false;
        }

        string[] parts = s.Split(KeySeparator);
        if (parts[0].Length == 0 || HasControl(parts[0]))
        {
            return false;
        }

        for (int i = 1; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return true;
    }

    public static void Hash(string value, string field)
    {
        if (!IsHash(value))
        {
            throw new ProtocolViolationException($"{field} must be {WireLimits.HashLength} lowercase hex digits (a SHA-256), got {Describe(value)}.");
        }
    }

    /// <summary>Bytes whose content hash must be <paramref name="hash"/>.</summary>
    public static void Content(string hash, ByteString bytes, string field)
    {
        Hash(hash, field);
        if (!string.Equals(CodeShipper.Hash(bytes.Span), hash, StringComparison.Ordinal))
        {
            throw new ProtocolViolationException($"{field}: the {bytes.Length} bytes sent do not hash to {hash}.");
        }
    }

    public static void Key(string value, string field)
    {
        if (!IsKey(value))
        {
            throw new ProtocolViolationException($"{field} is not a task key: {Describe(value)}.");
        }
    }

    public static void Keys(RepeatedField<string> values, string field)
    {
        Count(values.Count, field);
        foreach (string k in values)
        {
            Key(k, field);
        }
    }

    /// <summary>A name, address or identifier: at most <see cref="WireLimits.MaxName"/> characters, no control characters.</summary>
    public static void Name(string value, string field, bool allowEmpty = true)
    {
        if ((!allowEmpty && value.Length == 0) || value.Length > WireLimits.MaxName || HasControl(value))
        {
            throw new ProtocolViolationException($"{field} must be {(allowEmpty ? "" : "non-empty, ")}at most {WireLimits.MaxName} characters without control characters, got {Describe(value)}.");
        }
    }

    public static void Text(string value, string field)
    {
        if (value.Length > WireLimits.MaxText)
        {
            throw new ProtocolViolationException($"{field} has {value.Length} characters; at most {WireLimits.MaxText} are accepted.");
        }
    }

    public static void Count(int count, string field)
    {
        if (count > WireLimits.MaxCount)
        {
            throw new ProtocolViolationException($"{field} holds {count} entries; at most {WireLimits.MaxCount} are accepted.");
        }
    }

    public static void NonNegative(long value, string field)
    {
        if (value < 0)
        {
            throw new ProtocolViolationException($"{field} must not be negative, got {value}.");
        }
    }

    public static void Range(long value, long min, long max, string field)
    {
        if (value < min || value > max)
        {
            throw new ProtocolViolationException($"{field} must be between {min} and {max}, got {value}.");
        }
    }

    public static void Finite(double value, string field)
    {
        if (!double.IsFinite(value))
        {
            throw new ProtocolViolationException($"{field} must be a finite number, got {value}.");
        }
    }

    /// <summary>A data-plane address: <c>tcp://host:port</c> or <c>tls://host:port</c>.</summary>
    public static void Address(string value, string field, bool allowEmpty = false)
    {
        if (allowEmpty && value.Length == 0)
        {
            return;
        }

        Name(value, field, allowEmpty: false);
        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("tcp" or "tls") || uri.Port is < 1 or > 65535 || uri.Host.Length == 0)
        {
            throw new ProtocolViolationException($"{field} must be tcp://host:port or tls://host:port, got {Describe(value)}.");
        }
    }

    /// <summary>A short, printable rendering of a hostile value for an error message.</summary>
    public static string Describe(string? value)
    {
        if (value is null)
        {
            return "nothing";
        }

        string shown = value.Length > 80 ? value[..80] + "…" : value;
        return "'" + string.Concat(shown.Select(static c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'" + (value.Length > 80 ? $" ({value.Length} characters)" : "");
    }

    private static bool HasControl(string s)
    {
        foreach (char c in s)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
