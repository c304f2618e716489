using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Cscf.Charging;

/// <summary>
/// The Ro CCRs of the S-CSCF (RFC 4006 3.1, TS 32.299 6.4.2) built from values: INITIAL when the
/// session starts, UPDATE before the granted time runs out, TERMINATION at BYE. The units travel
/// in Multiple-Services-Credit-Control as TS 32.299 6.4.2 lays out. Pure: the Diameter node that
/// sends the request fills in the hop-by-hop and end-to-end ids.
/// </summary>
public static class RoRequests
{
    public static DiameterMessage Initial(RoChargingRequest request) => Ccr(request, RoValues.Initial);

    public static DiameterMessage Update(RoChargingRequest request) => Ccr(request, RoValues.Update);

    public static DiameterMessage Termination(RoChargingRequest request) => Ccr(request with { RequestedSeconds = null }, RoValues.Termination);

    private static DiameterMessage Ccr(RoChargingRequest request, uint type)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ccr = DiameterMessageBuilder.Request(DiameterCommands.CreditControlRo, 0, 0)
            .Add(Avps.SessionId, request.SessionId)
            .Add(Avps.OriginHost, request.OriginHost)
            .Add(Avps.OriginRealm, request.OriginRealm)
            .Add(Avps.DestinationRealm, request.DestinationRealm)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.CreditControl.Value)
            .Add(Avps.ServiceContextId, RoValues.ImsServiceContext)
            .Add(Avps.CcRequestType, type)
            .Add(Avps.CcRequestNumber, request.RequestNumber);
        if (request.DestinationHost is not null)
        {
            ccr.Add(Avps.DestinationHost, request.DestinationHost);
        }

        if (request.Timestamp is { } time)
        {
            ccr.Add(Avps.EventTimestamp, time);
        }

        ccr.Add(Avps.SubscriptionId, id => id.Add(Avps.SubscriptionIdType, RoValues.EndUserSipUri).Add(Avps.SubscriptionIdData, request.Subscriber))
            .Add(Avps.MultipleServicesIndicator, RoValues.MultipleServicesSupported)
            .Add(Avps.MultipleServicesCreditControl, mscc =>
            {
                // RFC 4006 8.18: the S-CSCF always names the time it wants; an empty Requested-Service-Unit would be legal but is flagged by dissectors as empty data.
                if (request.RequestedSeconds is { } asked)
                {
                    mscc.Add(Avps.RequestedServiceUnit, rsu => rsu.Add(Avps.CcTime, asked));
                }

                if (request.UsedSeconds is { } used)
                {
                    mscc.Add(Avps.UsedServiceUnit, usu => usu.Add(Avps.CcTime, used));
                }
            })
            .Add(Avps.ServiceInformation, service => service.Add(Avps.ImsInformation, ims =>
            {
                // TS 32.299 7.2 IMS-Information: Node-Functionality is its one required member.
                ims.Add(Avps.EventType, e => e.Add(Avps.SipMethod, "INVITE"))
                    .Add(Avps.RoleOfNode, request.RoleOfNode)
                    .Add(Avps.NodeFunctionality, request.NodeFunctionality);
                if (request.UserSessionId is not null)
                {
                    ims.Add(Avps.UserSessionId, request.UserSessionId);
                }

                ims.Add(Avps.CallingPartyAddress, request.CallingPartyAddress)
                    .Add(Avps.CalledPartyAddress, request.CalledPartyAddress)
                    .Add(Avps.ImsChargingIdentifier, request.Icid);
                if (request.OriginatingIoi is not null || request.TerminatingIoi is not null)
                {
                    ims.Add(Avps.InterOperatorIdentifier, ioi =>
                    {
                        if (request.OriginatingIoi is not null)
                        {
                            ioi.Add(Avps.OriginatingIoi, request.OriginatingIoi);
                        }

                        if (request.TerminatingIoi is not null)
                        {
                            ioi.Add(Avps.TerminatingIoi, request.TerminatingIoi);
                        }
                    });
                }
            }));
        return ccr.Build();
    }
}
