namespace Ims.Storage;

/// <summary>The outcome of a store call: a status and, when <see cref="StoreStatus.Ok"/>, a value.</summary>
public readonly record struct StoreResult<T>(StoreStatus Status, T? Value)
{
    public bool IsOk => Status == StoreStatus.Ok;

    public static StoreResult<T> Ok(T value) => new(StoreStatus.Ok, value);

    public static StoreResult<T> Failed(StoreStatus status) => new(status, default);
}
