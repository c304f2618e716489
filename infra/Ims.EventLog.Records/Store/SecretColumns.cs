namespace Ims.EventLog.Store;

/// <summary>
/// Row columns the log never holds, whatever table they are in (TS 33.203; TS 33.102 6.3: K and OPc
/// never leave the HSS): the subscriber's K and OPc, a Digest HA1 and a challenge's HA1 (derived from
/// XRES, CK and IK). Binary keys are replaced by zero bytes of the same length, so that a row still
/// reads as a row of its kind in replay; text by the word "redacted". The column names are listed
/// in the row's Redacted field, so replay knows which steps relied on a withheld value.
/// </summary>
public static class SecretColumns
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "K", "Opc", "Op", "DigestHa1", "Ha1", "Ck", "Ik", "Xres", "Res",
    };

    public static bool IsSecret(string column) => Names.Contains(column);

    public static StoredRow Redact(StoredRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!row.Properties.Keys.Any(IsSecret))
        {
            return row;
        }

        var redacted = new List<string>();
        var properties = new Dictionary<string, StoredValue>(StringComparer.Ordinal);
        foreach (var (name, value) in row.Properties)
        {
            if (!IsSecret(name))
            {
                properties[name] = value;
                continue;
            }

            redacted.Add(name);
            properties[name] = value.T == "x"
                ? new StoredValue("x", Convert.ToBase64String(new byte[Convert.FromBase64String(value.V).Length]))
                : new StoredValue("s", "redacted");
        }

        return row with { Properties = properties, Redacted = redacted };
    }

    /// <summary>
    /// The decision with the rows of its store calls redacted: what every host keeps or publishes (the
    /// file log and the Functions app's decisions hub alike), whichever envelope redactor it has.
    /// </summary>
    public static FunctionDecision Redact(FunctionDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Store is { Count: > 0 } calls ? decision with { Store = [.. calls.Select(Redact)] } : decision;
    }

    public static StoreCall Redact(StoreCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call with
        {
            Row = call.Row is { } row ? Redact(row) : null,
            Rows = call.Rows is { } rows ? [.. rows.Select(Redact)] : null,
        };
    }
}
