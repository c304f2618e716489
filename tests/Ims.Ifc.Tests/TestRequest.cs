using Ims.Ifc.Evaluation;
using Ims.Ifc.Subscription;

namespace Ims.Ifc.Tests;

/// <summary>An initial request as iFC evaluation sees it, built from plain values.</summary>
internal sealed record TestRequest(
    string Method,
    string RequestUri,
    (string Name, string Value)[]? Headers = null,
    (string Type, string Value)[]? Sdp = null,
    RegistrationType? RegistrationType = null) : IFilterableRequest
{
    public IEnumerable<string> HeaderValues(string name) =>
        (Headers ?? []).Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public IEnumerable<KeyValuePair<string, string>> SessionDescriptionLines =>
        (Sdp ?? []).Select(l => new KeyValuePair<string, string>(l.Type, l.Value));
}
