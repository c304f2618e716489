using Microsoft.Azure.Functions.Worker;

namespace Ims.Functions.Azure.Tests.Fakes;

/// <summary>The invocation context the host would give; the functions read only its cancellation token.</summary>
internal sealed class FakeFunctionContext(CancellationToken cancellationToken = default) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => "test";

    public override TraceContext TraceContext => throw new NotSupportedException("not used by the functions");

    public override BindingContext BindingContext => throw new NotSupportedException("not used by the functions");

    public override Microsoft.Azure.Functions.Worker.RetryContext RetryContext => throw new NotSupportedException("not used by the functions");

    public override IServiceProvider InstanceServices { get; set; } = EmptyServices.Instance;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException("not used by the functions");

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException("not used by the functions");

    public override CancellationToken CancellationToken => cancellationToken;

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
