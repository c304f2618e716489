using Ims.Events;

namespace Ims.Bus;

/// <summary>Consumes one envelope. Throwing asks for redelivery; the bus gives up after a bounded number of attempts.</summary>
public delegate ValueTask BusConsumer(BusEnvelope envelope, CancellationToken cancellationToken);

/// <summary>Told about an envelope the bus gave up on, with the last failure.</summary>
public delegate void UndeliverableEnvelope(BusEnvelope envelope, Exception lastFailure);
