using System.Globalization;

namespace Ims.Storage;

/// <summary>
/// A typed property value as a one-letter type tag and a text (s, i, l, b, d, t, x), lossless for
/// every type <see cref="TableEntity"/> holds: how the store's HTTP wire and the event log's
/// recorded rows carry values.
/// </summary>
public static class TablePropertyText
{
    /// <summary>The tag and text of a value; false for a type a table does not hold.</summary>
    public static bool TryEncode(object value, out string type, out string text)
    {
        (type, text) = value switch
        {
            string s => ("s", s),
            int i => ("i", i.ToString(CultureInfo.InvariantCulture)),
            long l => ("l", l.ToString(CultureInfo.InvariantCulture)),
            bool b => ("b", b ? "1" : "0"),
            double d => ("d", d.ToString("R", CultureInfo.InvariantCulture)),
            DateTimeOffset t => ("t", t.UtcTicks.ToString(CultureInfo.InvariantCulture)),
            ReadOnlyMemory<byte> x => ("x", Convert.ToBase64String(x.Span)),
            byte[] x => ("x", Convert.ToBase64String(x)),
            _ => (string.Empty, string.Empty),
        };
        return type.Length > 0;
    }

    /// <summary>The value of a tag and text; false for an unknown tag.</summary>
    public static bool TryDecode(string type, string text, out object value)
    {
        value = type switch
        {
            "s" => text,
            "i" => int.Parse(text, CultureInfo.InvariantCulture),
            "l" => long.Parse(text, CultureInfo.InvariantCulture),
            "b" => text == "1",
            "d" => double.Parse(text, CultureInfo.InvariantCulture),
            "t" => new DateTimeOffset(long.Parse(text, CultureInfo.InvariantCulture), TimeSpan.Zero),
            "x" => Convert.FromBase64String(text),
            _ => text,
        };
        return type is "s" or "i" or "l" or "b" or "d" or "t" or "x";
    }
}
