namespace Ims.Bus.Tests.Contract;

/// <summary>The contract, fully, on the embedded in-process bus.</summary>
[TestClass]
public sealed class InProcessBusContractTests : BusContractTests
{
    protected override IBusUnderTest Create(BusReports reports) => new InProcessBusUnderTest(reports);
}

/// <summary>The bus with the function dispatcher, fully, on the embedded in-process bus.</summary>
[TestClass]
public sealed class InProcessBusDispatchContractTests : BusDispatchContractTests
{
    protected override IBusUnderTest Create(BusReports reports) => new InProcessBusUnderTest(reports);
}
