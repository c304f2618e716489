using Ims.Hss.Provisioning;

namespace Ims.Hss.Tests;

/// <summary>Subscribers for tests, keyed with TS 35.208 test set 1 (K, OP, OPc).</summary>
internal static class TestSubscribers
{
    public const string K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    public const string Op = "cdc202d5123e20f62b6d676ac72cb318";
    public const string Opc = "cd63cb71954a9f4e48a5994e37a02baf";

    public const string Ifc = """
        <InitialFilterCriteria>
          <Priority>0</Priority>
          <TriggerPoint>
            <ConditionTypeCNF>0</ConditionTypeCNF>
            <SPT><ConditionNegated>0</ConditionNegated><Group>0</Group><Method>INVITE</Method></SPT>
          </TriggerPoint>
          <ApplicationServer><ServerName>sip:as.ims.example:5070</ServerName><DefaultHandling>0</DefaultHandling></ApplicationServer>
        </InitialFilterCriteria>
        """;

    public static SubscriberSpec Alice(string? password = null, string? ifc = null) => new()
    {
        Impi = "alice@ims.example",
        Impus = [new ImpuSpec("sip:alice@ims.example"), new ImpuSpec("tel:+15550100")],
        K = K,
        Op = Op,
        Password = password,
        IfcXml = ifc,
    };

    public static SubscriberSpec Bob() => new()
    {
        Impi = "bob@ims.example",
        Impus = [new ImpuSpec("sip:bob@ims.example")],
        K = K,
        Opc = Opc,
    };
}
