using Ims.Bus.Tests.Contract;

namespace Ims.Bus.Tests.Dapr;

/// <summary>
/// The bus contract on the Dapr adapter at the SDK boundary (see <see cref="DaprBusUnderTest"/>). No daprd
/// runs here, so the pub/sub component's own ordering and retry are not under test: the simulated
/// sidecar stands in for them.
/// </summary>
[TestClass]
public sealed class DaprBusSdkBoundaryContractTests : BusContractTests
{
    protected override IBusUnderTest Create(BusReports reports) => new DaprBusUnderTest(reports);
}

/// <summary>The bus with the function dispatcher on the Dapr adapter, at the SDK boundary.</summary>
[TestClass]
public sealed class DaprBusSdkBoundaryDispatchContractTests : BusDispatchContractTests
{
    protected override IBusUnderTest Create(BusReports reports) => new DaprBusUnderTest(reports);
}
