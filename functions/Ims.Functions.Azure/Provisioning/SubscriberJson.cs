using System.Text.Json;
using Ims.Hss.Provisioning;
using Ims.Hss.Subscribers;

namespace Ims.Functions.Azure.Provisioning;

/// <summary>
/// The JSON of the provisioning API. A subscriber to add is one entry of the `ims subscriber import`
/// file (see <see cref="SubscriberImportJson"/>), so one format serves the CLI and HTTP; what comes back
/// is what `ims subscriber show` prints, never K, OPc or HA1.
/// </summary>
public static class SubscriberJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    /// <summary>The subscriber in a request body, or the reasons it is not one (entry indexes dropped: there is one entry).</summary>
    public static (SubscriberSpec? Spec, IReadOnlyList<ProvisioningError> Errors) ReadSpec(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, [new ProvisioningError(ProvisioningErrorKind.InvalidImportFile, "the body must be one JSON object: a subscriber")]);
            }
        }
        catch (JsonException ex)
        {
            return (null, [new ProvisioningError(ProvisioningErrorKind.InvalidImportFile, $"not valid JSON: {ex.Message}")]);
        }

        // The body is exactly one well-formed object here, so it is safely one entry of an import array.
        var (specs, errors) = SubscriberImportJson.Parse($"[{body}]");
        return errors.Count > 0
            ? (null, [.. errors.Select(e => e with { Entry = -1 })])
            : (specs[0], []);
    }

    public static void WriteView(Utf8JsonWriter w, SubscriberView view)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(view);
        w.WriteStartObject();
        w.WriteString("impi", view.Impi);
        w.WriteStartArray("impus");
        foreach (var impu in view.Impus)
        {
            w.WriteStartObject();
            w.WriteString("impu", impu.Impu);
            w.WriteString("state", impu.State.ToToken());
            if (impu.ServerName is not null)
            {
                w.WriteString("scscf", impu.ServerName);
            }

            w.WriteBoolean("barred", impu.Barred);
            w.WriteString("implicitSet", impu.ImplicitSet);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("sqn", SubscriberValidation.SqnHex(view.Sqn));
        w.WriteString("amf", view.Amf);
        w.WriteString("schemes", AuthSchemeNames.Format(view.Schemes));
        if (view.DigestRealm is not null)
        {
            w.WriteString("realm", view.DigestRealm);
        }

        w.WriteNumber("ifc", view.FilterCriteriaCount);
        w.WriteEndObject();
    }

    public static void WriteSummary(Utf8JsonWriter w, string impi, IEnumerable<string> impus)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("impi", impi);
        w.WriteStartArray("impus");
        foreach (var impu in impus)
        {
            w.WriteStringValue(impu);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
