using Ims.Functions.Azure.Decisions;
using Ims.Functions.Azure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ims.Functions.Azure.Tests.Decisions;

/// <summary>How the worker's services choose the decision recorder from its settings (nothing is connected).</summary>
[TestClass]
public sealed class DecisionWiringTests
{
    // A namespace connection string in the documented shape; building a producer from it opens no connection.
    private const string Namespace = "Endpoint=sb://ims-lab.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0";

    [TestMethod]
    public async Task WithADecisionsHubTheWorkerPublishesAndRecordsItsStart()
    {
        var settings = new CloudSettings
        {
            HomeDomain = "ims.example",
            StoreConnection = "UseDevelopmentStorage=true",
            EventHubsConnection = Namespace,
            HostEventHubsProcessor = false,
            DecisionsHub = "ims-decisions",
        };
        await using var services = Build(settings, out _);

        Assert.IsInstanceOfType<EventHubsDecisionRecorder>(services.GetRequiredService<IDecisionRecorder>());
        Assert.IsTrue(services.GetServices<IHostedService>().Any(s => s is DecisionRecordingService));
    }

    [TestMethod]
    public async Task WithoutADecisionsHubNothingIsRecordedAndTheStartSaysSo()
    {
        var settings = new CloudSettings { HomeDomain = "ims.example", StoreConnection = "UseDevelopmentStorage=true" };
        await using var services = Build(settings, out var lines);

        var recorder = services.GetRequiredService<IDecisionRecorder>();
        await services.GetServices<IHostedService>().OfType<DecisionRecordingService>().Single().StartAsync(CancellationToken.None);

        Assert.IsFalse(recorder.Enabled);
        Assert.IsTrue(lines.Any(l => l.Contains("IMS_DecisionsHub is not set", StringComparison.Ordinal)), string.Join(" | ", lines));
    }

    private static ServiceProvider Build(CloudSettings settings, out List<string> lines)
    {
        var captured = new List<string>();
        lines = captured;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new LineCapture(captured)));
        CloudServices.Add(services, settings);
        return services.BuildServiceProvider();
    }

    private sealed class LineCapture(List<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
