using System.Text.Json;

namespace Ims.Hss.Provisioning;

/// <summary>
/// Reads a bulk import file: a JSON array of subscribers.
/// <code>
/// [
///   { "impi": "alice@ims.example",
///     "impus": ["sip:alice@ims.example", { "impu": "tel:+15550100", "barred": false, "implicitSet": "1" }],
///     "k": "465b5ce8b199b49faa5f0a2ee238a6bc", "opc": "cd63cb71954a9f4e48a5994e37a02baf",
///     "amf": "8000", "sqn": "000000000000", "password": "secret", "ifc": "&lt;InitialFilterCriteria&gt;...&lt;/InitialFilterCriteria&gt;" }
/// ]
/// </code>
/// Property names are case-insensitive; "impu" (one string) is accepted for "impus".
/// </summary>
public static class SubscriberImportJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    public static (IReadOnlyList<SubscriberSpec> Specs, IReadOnlyList<ProvisioningError> Errors) Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            return ([], [new ProvisioningError(ProvisioningErrorKind.InvalidImportFile, $"not valid JSON: {ex.Message}")]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return ([], [new ProvisioningError(ProvisioningErrorKind.InvalidImportFile, "the file must hold a JSON array of subscribers")]);
            }

            var specs = new List<SubscriberSpec>();
            var errors = new List<ProvisioningError>();
            var index = 0;
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                var (spec, problem) = ReadEntry(entry);
                if (spec is null)
                {
                    errors.Add(new ProvisioningError(ProvisioningErrorKind.InvalidImportFile, problem!, index));
                }
                else
                {
                    specs.Add(spec);
                }

                index++;
            }

            if (index == 0)
            {
                errors.Add(new ProvisioningError(ProvisioningErrorKind.InvalidImportFile, "the array holds no subscriber"));
            }

            return (specs, errors);
        }
    }

    private static (SubscriberSpec? Spec, string? Problem) ReadEntry(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return (null, "a subscriber must be a JSON object");
        }

        string? impi = null, k = null, op = null, opc = null, amf = null, sqn = null, password = null, ifc = null;
        var impus = new List<ImpuSpec>();
        foreach (var property in entry.EnumerateObject())
        {
            var name = property.Name.ToLowerInvariant();
            var value = property.Value;
            string? problem = null;
            switch (name)
            {
                case "impi": problem = Text(value, name, out impi); break;
                case "k": problem = Text(value, name, out k); break;
                case "op": problem = Text(value, name, out op); break;
                case "opc": problem = Text(value, name, out opc); break;
                case "amf": problem = Text(value, name, out amf); break;
                case "sqn": problem = Text(value, name, out sqn); break;
                case "password": problem = Text(value, name, out password); break;
                case "ifc": problem = Text(value, name, out ifc); break;
                case "impu" or "impus": problem = ReadImpus(value, impus); break;
                default: problem = $"unknown property '{property.Name}'"; break;
            }

            if (problem is not null)
            {
                return (null, problem);
            }
        }

        if (impi is null || k is null)
        {
            return (null, "'impi' and 'k' are required");
        }

        return (new SubscriberSpec { Impi = impi, Impus = impus, K = k, Op = op, Opc = opc, Amf = amf, Sqn = sqn, Password = password, IfcXml = ifc }, null);
    }

    private static string? ReadImpus(JsonElement value, List<ImpuSpec> into)
    {
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                into.Add(new ImpuSpec(item.GetString()!));
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                return "an IMPU must be a string or an object with 'impu'";
            }

            string? uri = null, set = null;
            var barred = false;
            foreach (var property in item.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "impu" when property.Value.ValueKind == JsonValueKind.String: uri = property.Value.GetString(); break;
                    case "implicitset" when property.Value.ValueKind == JsonValueKind.String: set = property.Value.GetString(); break;
                    case "barred" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False: barred = property.Value.GetBoolean(); break;
                    default: return $"IMPU property '{property.Name}' is unknown or of the wrong type";
                }
            }

            if (uri is null)
            {
                return "an IMPU object needs 'impu'";
            }

            into.Add(new ImpuSpec(uri, barred, set));
        }

        return null;
    }

    private static string? Text(JsonElement value, string name, out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text is null ? $"'{name}' must be a string" : null;
    }
}
