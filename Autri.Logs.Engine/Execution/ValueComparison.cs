namespace Autri.Logs.Engine.Execution;

/// <summary>Comparisons the way Logs Insights documents them.</summary>
internal static class ValueComparison
{
    /// <summary>
    /// For =, !=, &lt; …: numerically when both sides are numbers (or text holding one), else ordinal text.
    /// Null when either side is missing: a comparison with a missing field is false.
    /// </summary>
    public static int? Compare(Value left, Value right)
    {
        if (left.IsMissing || right.IsMissing) return null;
        if (left.TryNumber(out var a) && right.TryNumber(out var b)) return a.CompareTo(b);
        return string.CompareOrdinal(left.Display(), right.Display());
    }

    /// <summary>
    /// The sort order of the sort command (AWS's "updated natural sort"): in ascending order missing values
    /// come first, then values that are not numbers, in natural order (digit runs compared by length, then
    /// value; other characters by Unicode value), then numbers by value.
    /// </summary>
    public static int SortOrder(Value left, Value right)
    {
        if (left.IsMissing || right.IsMissing) return right.IsMissing.CompareTo(left.IsMissing);
        var leftIsNumber = IsNumberValue(left, out var a);
        var rightIsNumber = IsNumberValue(right, out var b);
        if (leftIsNumber && rightIsNumber)
        {
            // Equal numbers written differently ("01" and "1") fall back to their text, as in AWS's example.
            var byValue = a.CompareTo(b);
            return byValue != 0 ? byValue : string.CompareOrdinal(left.Display(), right.Display());
        }
        if (leftIsNumber != rightIsNumber) return leftIsNumber ? 1 : -1;
        return NaturalCompare(left.Display()!, right.Display()!);
    }

    private static bool IsNumberValue(Value value, out double number)
    {
        if (value.Kind is ValueKind.Number or ValueKind.Timestamp)
        {
            number = value.Number;
            return true;
        }
        number = 0;
        return value.Kind == ValueKind.String && value.Text!.Length > 0
            && double.TryParse(value.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static int NaturalCompare(string x, string y)
    {
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var startX = i;
                var startY = j;
                while (i < x.Length && char.IsAsciiDigit(x[i])) i++;
                while (j < y.Length && char.IsAsciiDigit(y[j])) j++;
                var lengthOrder = (i - startX).CompareTo(j - startY);
                if (lengthOrder != 0) return lengthOrder;
                var digitsOrder = string.CompareOrdinal(x, startX, y, startY, i - startX);
                if (digitsOrder != 0) return digitsOrder;
                continue;
            }
            if (x[i] != y[j]) return x[i].CompareTo(y[j]);
            i++;
            j++;
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }
}
