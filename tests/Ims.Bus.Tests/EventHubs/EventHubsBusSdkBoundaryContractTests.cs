using Ims.Bus.Tests.Contract;

namespace Ims.Bus.Tests.EventHubs;

/// <summary>
/// The bus contract on the Event Hubs adapter at the SDK boundary (see <see cref="EventHubsBusUnderTest"/>).
/// No broker runs here, so what the service itself does (hashing keys, leases, retention) is not under test.
/// </summary>
[TestClass]
public sealed class EventHubsBusSdkBoundaryContractTests : BusContractTests
{
    protected override IBusUnderTest Create(BusReports reports) => new EventHubsBusUnderTest(reports);
}

/// <summary>The bus with the function dispatcher on the Event Hubs adapter, at the SDK boundary.</summary>
[TestClass]
public sealed class EventHubsBusSdkBoundaryDispatchContractTests : BusDispatchContractTests
{
    protected override IBusUnderTest Create(BusReports reports) => new EventHubsBusUnderTest(reports);
}
