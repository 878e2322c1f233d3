namespace Tessera.Arrays;

/// <summary>NumPy's logical operators on bool arrays: <c>&amp;</c>, <c>|</c>, <c>^</c>, <c>!</c> and <c>~</c> (both mean NOT).</summary>
public static class BoolArrays
{
    extension(DArray<bool>)
    {
        /// <summary>Elementwise AND with broadcasting (NumPy's <c>&amp;</c> on bools).</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<bool> operator &(DArray<bool> left, DArray<bool> right) => DArray.LogicalAnd(left, right);

        /// <summary>Elementwise OR with broadcasting (NumPy's <c>|</c> on bools).</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<bool> operator |(DArray<bool> left, DArray<bool> right) => DArray.LogicalOr(left, right);

        /// <summary>Elementwise XOR with broadcasting (NumPy's <c>^</c> on bools).</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<bool> operator ^(DArray<bool> left, DArray<bool> right) => DArray.LogicalXor(left, right);

        /// <summary>Elementwise NOT (NumPy's <c>~</c> on bools).</summary>
        /// <param name="value">The operand.</param>
        public static DArray<bool> operator !(DArray<bool> value) => DArray.LogicalNot(value);

        /// <summary>Elementwise NOT (NumPy's <c>~</c> on bools).</summary>
        /// <param name="value">The operand.</param>
        public static DArray<bool> operator ~(DArray<bool> value) => DArray.LogicalNot(value);
    }
}
