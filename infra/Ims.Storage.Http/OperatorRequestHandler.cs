namespace Ims.Storage.Http;

/// <summary>
/// An operator action served beside the store on the same loopback port and token (a POST to
/// /operator/<paramref name="action"/>): the running `ims up` turns it into an event. Returns the HTTP
/// status and a JSON body; it must not throw.
/// </summary>
public delegate Task<(int Status, string Body)> OperatorRequestHandler(string action, byte[] body, CancellationToken cancellationToken);
