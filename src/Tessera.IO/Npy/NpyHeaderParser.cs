using System.Globalization;

namespace Tessera.IO.Npy;

/// <summary>
/// Reads the Python dict literal of an NPY header (<c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c>)
/// without evaluating anything: strings, True/False and tuples of integers only, as NumPy's <c>safe_eval</c> allows.
/// </summary>
internal static class NpyHeaderParser
{
    public static (string Descr, bool FortranOrder, long[] Shape) Parse(string text, string path)
    {
        var p = new Cursor(text, path);
        string? descr = null;
        bool? fortran = null;
        long[]? shape = null;
        p.Expect('{');
        while (!p.TryTake('}'))
        {
            string key = p.String();
            p.Expect(':');
            switch (key)
            {
                case "descr" when descr is null:
                    descr = p.Peek() == '[' ? throw new NotSupportedException($"{path}: structured NPY dtypes (a list descr) are not supported; supported dtypes are {NpyDType.Supported}.") : p.String();
                    break;
                case "fortran_order" when fortran is null:
                    fortran = p.Bool();
                    break;
                case "shape" when shape is null:
                    shape = p.Tuple();
                    break;
                default:
                    throw p.Error($"unexpected or repeated key '{key}'");
            }

            if (!p.TryTake(','))
            {
                p.Expect('}');
                break;
            }
        }

        p.End();
        if (descr is null || fortran is null || shape is null)
        {
            throw p.Error("the header must have exactly the keys 'descr', 'fortran_order' and 'shape'");
        }

        return (descr, fortran.Value, shape);
    }

    private sealed class Cursor(string text, string path)
    {
        private int _at;

        public char Peek()
        {
            SkipSpace();
            return _at < text.Length ? text[_at] : '\0';
        }

        public bool TryTake(char c)
        {
            if (Peek() != c)
            {
                return false;
            }

            _at++;
            return true;
        }

        public void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw Error($"expected '{c}' at character {_at}");
            }
        }

        public void End()
        {
            if (Peek() != '\0')
            {
                throw Error($"unexpected text after the dict at character {_at}");
            }
        }

        public string String()
        {
            char quote = Peek();
            if (quote is not ('\'' or '"'))
            {
                throw Error($"expected a string at character {_at}");
            }

            int end = text.IndexOf(quote, _at + 1);
            if (end < 0)
            {
                throw Error("unterminated string");
            }

            string s = text[(_at + 1)..end];
            _at = end + 1;
            return s;
        }

        public bool Bool()
        {
            Peek();
            foreach (var (word, value) in new[] { ("True", true), ("False", false) })
            {
                if (string.CompareOrdinal(text, _at, word, 0, word.Length) == 0)
                {
                    _at += word.Length;
                    return value;
                }
            }

            throw Error($"expected True or False at character {_at}");
        }

        public long[] Tuple()
        {
            Expect('(');
            var items = new List<long>();
            while (!TryTake(')'))
            {
                Peek();
                int start = _at;
                while (_at < text.Length && char.IsAsciiDigit(text[_at]))
                {
                    _at++;
                }

                if (start == _at || !long.TryParse(text.AsSpan(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                {
                    throw Error($"expected a non-negative integer in the shape at character {start}");
                }

                // Files written by Python 2 may carry a long suffix.
                if (_at < text.Length && text[_at] == 'L')
                {
                    _at++;
                }

                items.Add(n);
                if (!TryTake(','))
                {
                    Expect(')');
                    break;
                }
            }

            return [.. items];
        }

        public InvalidDataException Error(string problem) =>
            new($"{path}: cannot read the NPY header ({problem}): {text.TrimEnd()}");

        private void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }
    }
}
