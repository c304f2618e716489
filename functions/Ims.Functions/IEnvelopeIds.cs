namespace Ims.Functions;

/// <summary>Where envelope ids come from; injected so that replay and tests are deterministic.</summary>
public interface IEnvelopeIds
{
    string Next();
}

/// <summary>Random 128-bit ids, for live hosts.</summary>
public sealed class RandomEnvelopeIds : IEnvelopeIds
{
    public string Next() => Guid.NewGuid().ToString("N");
}
