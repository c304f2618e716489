namespace Ims.Storage;

public enum TableOperationKind
{
    Insert,
    Replace,
    Upsert,
    Delete,
}
