using System.Globalization;
using System.Text;
using Ims.Sip.Parsing;
using Ims.Sip.Syntax;

namespace Ims.Sip.Building;

/// <summary>
/// Rewrites a message as a proxy does (RFC 3261 16.6): push a Via, pop a Route, replace the
/// Request-URI, decrement Max-Forwards, add Path or Record-Route. Headers it was not asked to touch
/// are copied byte for byte, in their order, with their original names and line breaks.
/// </summary>
public sealed class SipMessageEditor
{
    private readonly SipMessage _message;
    private readonly List<Entry> _entries;
    private string? _startLine;
    private ReadOnlyMemory<byte>? _body;

    public SipMessageEditor(SipMessage message)
    {
        _message = message ?? throw new ArgumentNullException(nameof(message));
        _entries = [.. Enumerable.Range(0, message.HeaderCount).Select(i => new Entry(message.HeaderFields[i].Kind, null, null, i))];
    }

    /// <summary>Replaces the Request-URI of a request (RFC 3261 16.6 step 6, 16.5).</summary>
    public SipMessageEditor SetRequestUri(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        if (!_message.IsRequest)
        {
            throw new InvalidOperationException("a response has no Request-URI");
        }

        _startLine = $"{_message.Method} {uri} SIP/2.0";
        return this;
    }

    /// <summary>Inserts a header above every other (a new top Via, RFC 3261 16.6 step 8; Record-Route, step 4).</summary>
    public SipMessageEditor AddFirst(string name, string value)
    {
        _entries.Insert(0, New(name, value));
        return this;
    }

    /// <summary>Inserts a header above the first header of <paramref name="kind"/>, or at the end when there is none.</summary>
    public SipMessageEditor AddBefore(SipHeaderKind kind, string name, string value)
    {
        var index = _entries.FindIndex(e => e.Kind == kind);
        _entries.Insert(index < 0 ? _entries.Count : index, New(name, value));
        return this;
    }

    /// <summary>Appends a header after the others.</summary>
    public SipMessageEditor Add(string name, string value)
    {
        _entries.Add(New(name, value));
        return this;
    }

    /// <summary>Replaces the value of the first header of this kind (adding it when absent), keeping its place.</summary>
    public SipMessageEditor Set(SipHeaderKind kind, string value)
    {
        var index = _entries.FindIndex(e => e.Kind == kind);
        var name = SipHeaderNames.CanonicalName(kind);
        if (index < 0)
        {
            _entries.Add(New(name, value));
        }
        else
        {
            _entries[index] = New(name, value);
        }

        return this;
    }

    public SipMessageEditor RemoveAll(SipHeaderKind kind)
    {
        _entries.RemoveAll(e => e.Kind == kind);
        return this;
    }

    /// <summary>
    /// Removes the first value of the first header of this kind (pop the top Route, RFC 3261 16.4;
    /// the top Via of a response, 16.7 step 3); a header with several comma values keeps the rest.
    /// False when there was none.
    /// </summary>
    public bool RemoveFirstValue(SipHeaderKind kind)
    {
        var index = _entries.FindIndex(e => e.Kind == kind);
        if (index < 0)
        {
            return false;
        }

        var values = SipText.SplitList(Value(_entries[index]));
        if (values is null || values.Count <= 1)
        {
            _entries.RemoveAt(index);
        }
        else
        {
            _entries[index] = New(Name(_entries[index]), string.Join(", ", values.Skip(1)));
        }

        return true;
    }

    /// <summary>Max-Forwards minus one (RFC 3261 16.6 step 3), 70 when the request had none.</summary>
    public SipMessageEditor DecrementMaxForwards()
    {
        var current = _message.MaxForwards ?? 71;
        return Set(SipHeaderKind.MaxForwards, Math.Max(0, current - 1).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Replaces the body; Content-Type is set or removed to match, Content-Length follows.</summary>
    public SipMessageEditor SetBody(ReadOnlyMemory<byte> body, string? contentType)
    {
        _body = body;
        if (contentType is null)
        {
            RemoveAll(SipHeaderKind.ContentType);
        }
        else
        {
            Set(SipHeaderKind.ContentType, contentType);
        }

        return this;
    }

    /// <summary>The rewritten message. Content-Length is always present and right (mandatory on streams, RFC 3261 18.3).</summary>
    public byte[] ToArray()
    {
        var body = _body ?? _message.Body;
        var bytes = _message.Bytes.Span;
        using var output = new MemoryStream(bytes.Length + 256);
        if (_startLine is null)
        {
            var start = bytes.IndexOfAnyExcept((byte)'\r', (byte)'\n');
            output.Write(bytes.Slice(start, _message.Head.StartLine.Length));
        }
        else
        {
            WriteLine(output, _startLine);
        }

        var contentLengthWritten = false;
        foreach (var entry in _entries)
        {
            if (entry.Kind == SipHeaderKind.ContentLength)
            {
                if (!contentLengthWritten)
                {
                    WriteLine(output, $"{Name(entry)}: {body.Length.ToString(CultureInfo.InvariantCulture)}");
                    contentLengthWritten = true;
                }

                continue;
            }

            if (entry.Original >= 0)
            {
                var field = _message.HeaderFields[entry.Original];
                var lineEnd = bytes[field.ValueEnd..].IndexOf((byte)'\n') + field.ValueEnd + 1;
                output.Write(bytes[field.NameStart..lineEnd]);
            }
            else
            {
                WriteLine(output, $"{entry.Name}: {entry.Value}");
            }
        }

        if (!contentLengthWritten)
        {
            WriteLine(output, $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}");
        }

        output.Write("\r\n"u8);
        output.Write(body.Span);
        return output.ToArray();
    }

    private static Entry New(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0 || !SipChars.IsToken(name))
        {
            throw new ArgumentException($"header {name} cannot be written as given");
        }

        return new Entry(SipHeaderNames.Classify(name), name, value, -1);
    }

    private string Name(Entry entry) => entry.Name ?? _message.HeaderName(entry.Original);

    private string Value(Entry entry) => entry.Value ?? _message.HeaderValue(entry.Original);

    private static void WriteLine(MemoryStream output, string line)
    {
        output.Write(Encoding.UTF8.GetBytes(line));
        output.Write("\r\n"u8);
    }

    private readonly record struct Entry(SipHeaderKind Kind, string? Name, string? Value, int Original);
}
