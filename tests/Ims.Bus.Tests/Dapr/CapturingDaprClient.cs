#nullable disable
// The fake overrides every abstract member of DaprClient; only publishing is implemented. The
// signatures were listed from the Dapr.Client assembly; nullable annotations are left off here.

namespace Ims.Bus.Tests.Dapr;

/// <summary>
/// Dapr's client with the sidecar replaced: <see cref="PublishByteEventAsync"/> hands what would go to
/// daprd to <see cref="SimulatedSidecar"/>; every other member throws.
/// </summary>
public sealed class CapturingDaprClient(SimulatedSidecar sidecar) : global::Dapr.Client.DaprClient
{
    private static NotSupportedException Refused => new("the fake Dapr client only publishes");

    public SimulatedSidecar Sidecar { get; } = sidecar;

    public override global::System.Threading.Tasks.Task PublishByteEventAsync(global::System.String pubsubName, global::System.String topicName, global::System.ReadOnlyMemory<global::System.Byte> data, global::System.String dataContentType, global::System.Collections.Generic.Dictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Sidecar.Publish(pubsubName, topicName, data.ToArray(), dataContentType, new(metadata));
        return global::System.Threading.Tasks.Task.CompletedTask;
    }

    public override global::System.Text.Json.JsonSerializerOptions JsonSerializerOptions => throw Refused;

    public override global::System.Threading.Tasks.Task PublishEventAsync<TData>(global::System.String pubsubName, global::System.String topicName, TData data, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task PublishEventAsync<TData>(global::System.String pubsubName, global::System.String topicName, TData data, global::System.Collections.Generic.Dictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task PublishEventAsync(global::System.String pubsubName, global::System.String topicName, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task PublishEventAsync(global::System.String pubsubName, global::System.String topicName, global::System.Collections.Generic.Dictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::Dapr.Client.BulkPublishResponse<TValue>> BulkPublishEventAsync<TValue>(global::System.String pubsubName, global::System.String topicName, global::System.Collections.Generic.IReadOnlyList<TValue> events, global::System.Collections.Generic.Dictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task InvokeBindingAsync<TRequest>(global::System.String bindingName, global::System.String operation, TRequest data, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<TResponse> InvokeBindingAsync<TRequest, TResponse>(global::System.String bindingName, global::System.String operation, TRequest data, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::Dapr.Client.BindingResponse> InvokeBindingAsync(global::Dapr.Client.BindingRequest request, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Net.Http.HttpRequestMessage CreateInvokeMethodRequest(global::System.Net.Http.HttpMethod httpMethod, global::System.String appId, global::System.String methodName) => throw Refused;

    public override global::System.Net.Http.HttpRequestMessage CreateInvokeMethodRequest(global::System.Net.Http.HttpMethod httpMethod, global::System.String appId, global::System.String methodName, global::System.Collections.Generic.IReadOnlyCollection<global::System.Collections.Generic.KeyValuePair<global::System.String, global::System.String>> queryStringParameters) => throw Refused;

    public override global::System.Net.Http.HttpRequestMessage CreateInvokeMethodRequest<TRequest>(global::System.Net.Http.HttpMethod httpMethod, global::System.String appId, global::System.String methodName, global::System.Collections.Generic.IReadOnlyCollection<global::System.Collections.Generic.KeyValuePair<global::System.String, global::System.String>> queryStringParameters, TRequest data) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.Boolean> CheckHealthAsync(global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.Boolean> CheckOutboundHealthAsync(global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task WaitForSidecarAsync(global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task ShutdownSidecarAsync(global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::Dapr.Client.DaprMetadata> GetMetadataAsync(global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task SetMetadataAsync(global::System.String attributeName, global::System.String attributeValue, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    [Obsolete("refused by the fake, as by the base class")]

    public override global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> InvokeMethodWithResponseAsync(global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Net.Http.HttpClient CreateInvokableHttpClient(global::System.String appId) => throw Refused;

    [Obsolete("refused by the fake, as by the base class")]

    public override global::System.Threading.Tasks.Task InvokeMethodAsync(global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    [Obsolete("refused by the fake, as by the base class")]

    public override global::System.Threading.Tasks.Task<TResponse> InvokeMethodAsync<TResponse>(global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    [Obsolete("refused by the fake, as by the base class")]

    public override global::System.Threading.Tasks.Task InvokeMethodGrpcAsync(global::System.String appId, global::System.String methodName, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    [Obsolete("refused by the fake, as by the base class")]

    public override global::System.Threading.Tasks.Task InvokeMethodGrpcAsync<TRequest>(global::System.String appId, global::System.String methodName, TRequest data, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    [Obsolete("refused by the fake, as by the base class")]

    public override global::System.Threading.Tasks.Task<TResponse> InvokeMethodGrpcAsync<TResponse>(global::System.String appId, global::System.String methodName, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    [Obsolete("refused by the fake, as by the base class")]

    public override global::System.Threading.Tasks.Task<TResponse> InvokeMethodGrpcAsync<TRequest, TResponse>(global::System.String appId, global::System.String methodName, TRequest data, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<TValue> GetStateAsync<TValue>(global::System.String storeName, global::System.String key, global::Dapr.Client.ConsistencyMode? consistencyMode, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.Collections.Generic.IReadOnlyList<global::Dapr.Client.BulkStateItem>> GetBulkStateAsync(global::System.String storeName, global::System.Collections.Generic.IReadOnlyList<global::System.String> keys, global::System.Int32? parallelism, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.Collections.Generic.IReadOnlyList<global::Dapr.Client.BulkStateItem<TValue>>> GetBulkStateAsync<TValue>(global::System.String storeName, global::System.Collections.Generic.IReadOnlyList<global::System.String> keys, global::System.Int32? parallelism, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task SaveBulkStateAsync<TValue>(global::System.String storeName, global::System.Collections.Generic.IReadOnlyList<global::Dapr.Client.SaveStateItem<TValue>> items, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task DeleteBulkStateAsync(global::System.String storeName, global::System.Collections.Generic.IReadOnlyList<global::Dapr.Client.BulkDeleteStateItem> items, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.ValueTuple<TValue, global::System.String>> GetStateAndETagAsync<TValue>(global::System.String storeName, global::System.String key, global::Dapr.Client.ConsistencyMode? consistencyMode, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task SaveStateAsync<TValue>(global::System.String storeName, global::System.String key, TValue value, global::Dapr.Client.StateOptions stateOptions, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task SaveByteStateAsync(global::System.String storeName, global::System.String key, global::System.ReadOnlyMemory<global::System.Byte> binaryValue, global::Dapr.Client.StateOptions stateOptions, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.Boolean> TrySaveByteStateAsync(global::System.String storeName, global::System.String key, global::System.ReadOnlyMemory<global::System.Byte> binaryValue, global::System.String etag, global::Dapr.Client.StateOptions stateOptions, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.ReadOnlyMemory<global::System.Byte>> GetByteStateAsync(global::System.String storeName, global::System.String key, global::Dapr.Client.ConsistencyMode? consistencyMode, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.ValueTuple<global::System.ReadOnlyMemory<global::System.Byte>, global::System.String>> GetByteStateAndETagAsync(global::System.String storeName, global::System.String key, global::Dapr.Client.ConsistencyMode? consistencyMode, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.Boolean> TrySaveStateAsync<TValue>(global::System.String storeName, global::System.String key, TValue value, global::System.String etag, global::Dapr.Client.StateOptions stateOptions, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task ExecuteStateTransactionAsync(global::System.String storeName, global::System.Collections.Generic.IReadOnlyList<global::Dapr.Client.StateTransactionRequest> operations, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task DeleteStateAsync(global::System.String storeName, global::System.String key, global::Dapr.Client.StateOptions stateOptions, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.Boolean> TryDeleteStateAsync(global::System.String storeName, global::System.String key, global::System.String etag, global::Dapr.Client.StateOptions stateOptions, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::Dapr.Client.StateQueryResponse<TValue>> QueryStateAsync<TValue>(global::System.String storeName, global::System.String jsonQuery, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.Collections.Generic.Dictionary<global::System.String, global::System.String>> GetSecretAsync(global::System.String storeName, global::System.String key, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.Collections.Generic.Dictionary<global::System.String, global::System.Collections.Generic.Dictionary<global::System.String, global::System.String>>> GetBulkSecretAsync(global::System.String storeName, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::Dapr.Client.GetConfigurationResponse> GetConfiguration(global::System.String storeName, global::System.Collections.Generic.IReadOnlyList<global::System.String> keys, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::Dapr.Client.SubscribeConfigurationResponse> SubscribeConfiguration(global::System.String storeName, global::System.Collections.Generic.IReadOnlyList<global::System.String> keys, global::System.Collections.Generic.IReadOnlyDictionary<global::System.String, global::System.String> metadata, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::Dapr.Client.UnsubscribeConfigurationResponse> UnsubscribeConfiguration(global::System.String storeName, global::System.String id, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.ReadOnlyMemory<global::System.Byte>> EncryptAsync(global::System.String vaultResourceName, global::System.ReadOnlyMemory<global::System.Byte> plaintextBytes, global::System.String keyName, global::Dapr.Client.EncryptionOptions encryptionOptions, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Collections.Generic.IAsyncEnumerable<global::System.ReadOnlyMemory<global::System.Byte>> EncryptAsync(global::System.String vaultResourceName, global::System.IO.Stream plaintextStream, global::System.String keyName, global::Dapr.Client.EncryptionOptions encryptionOptions, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.ReadOnlyMemory<global::System.Byte>> DecryptAsync(global::System.String vaultResourceName, global::System.ReadOnlyMemory<global::System.Byte> ciphertextBytes, global::System.String keyName, global::Dapr.Client.DecryptionOptions options, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::System.ReadOnlyMemory<global::System.Byte>> DecryptAsync(global::System.String vaultResourceName, global::System.ReadOnlyMemory<global::System.Byte> ciphertextBytes, global::System.String keyName, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Collections.Generic.IAsyncEnumerable<global::System.ReadOnlyMemory<global::System.Byte>> DecryptAsync(global::System.String vaultResourceName, global::System.IO.Stream ciphertextStream, global::System.String keyName, global::Dapr.Client.DecryptionOptions options, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Collections.Generic.IAsyncEnumerable<global::System.ReadOnlyMemory<global::System.Byte>> DecryptAsync(global::System.String vaultResourceName, global::System.IO.Stream ciphertextStream, global::System.String keyName, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::Dapr.Client.TryLockResponse> Lock(global::System.String storeName, global::System.String resourceId, global::System.String lockOwner, global::System.Int32 expiryInSeconds, global::System.Threading.CancellationToken cancellationToken) => throw Refused;

    public override global::System.Threading.Tasks.Task<global::Dapr.Client.UnlockResponse> Unlock(global::System.String storeName, global::System.String resourceId, global::System.String lockOwner, global::System.Threading.CancellationToken cancellationToken) => throw Refused;
}
