using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Ims.Ifc.Subscription;

namespace Ims.Ifc.Evaluation;

/// <summary>
/// Evaluates initial filter criteria against an initial request (TS 29.228 Annex C, TS 24.229 5.4.3.2).
/// Regular expressions search the value (they are not anchored), as the S-CSCFs deployed with
/// Kamailio's ims_isc do; a subscription anchors with ^ and $ when it wants a whole match.
/// One evaluator per subscription: compiled expressions are cached per instance, never statically.
/// </summary>
public sealed class IfcEvaluator
{
    // A hostile or careless expression from provisioning must not stall the S-CSCF.
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentDictionary<string, Regex?> _expressions = new(StringComparer.Ordinal);

    /// <summary>
    /// The criteria of <paramref name="profile"/> that match, in ascending priority, starting after
    /// <paramref name="afterPriority"/> (the priority of the AS the request returned from, TS 24.229 5.4.3.3 step 3).
    /// </summary>
    public IReadOnlyList<IfcMatch> Evaluate(ServiceProfile profile, IFilterableRequest request, SessionCase sessionCase, int? afterPriority = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(request);
        var matches = new List<IfcMatch>();
        foreach (var criterion in profile.InPriorityOrder())
        {
            if (afterPriority is { } after && criterion.Priority <= after)
            {
                continue;
            }

            if (!AppliesToRegistrationState(criterion.ProfilePartIndicator, sessionCase))
            {
                continue;
            }

            var why = new StringBuilder();
            if (Matches(criterion.TriggerPoint, request, sessionCase, why))
            {
                matches.Add(new IfcMatch(criterion, $"iFC priority {criterion.Priority} -> {criterion.ApplicationServer.ServerName}: {why}"));
            }
        }

        return matches;
    }

    /// <summary>The first matching criterion after <paramref name="afterPriority"/>, or null when no further AS is to be invoked.</summary>
    public IfcMatch? Next(ServiceProfile profile, IFilterableRequest request, SessionCase sessionCase, int? afterPriority = null) =>
        Evaluate(profile, request, sessionCase, afterPriority).FirstOrDefault();

    // TS 29.228 B.2.2: ProfilePartIndicator restricts a criterion to the registered or the unregistered part.
    private static bool AppliesToRegistrationState(ProfilePartIndicator? indicator, SessionCase sessionCase)
    {
        if (indicator is null)
        {
            return true;
        }

        var unregistered = sessionCase is SessionCase.TerminatingUnregistered or SessionCase.OriginatingUnregistered;
        return indicator == (unregistered ? ProfilePartIndicator.Unregistered : ProfilePartIndicator.Registered);
    }

    private bool Matches(TriggerPoint? triggerPoint, IFilterableRequest request, SessionCase sessionCase, StringBuilder why)
    {
        // TS 29.228 B.2.2: a criterion without a trigger point is unconditional.
        if (triggerPoint is null || triggerPoint.ServicePointTriggers.Count == 0)
        {
            why.Append("no trigger point (unconditional)");
            return true;
        }

        var groups = triggerPoint.ServicePointTriggers
            .SelectMany(spt => spt.Groups.Select(g => (Group: g, Spt: spt)))
            .GroupBy(x => x.Group)
            .OrderBy(g => g.Key)
            .ToList();

        // Annex C: CNF = AND of groups, each an OR of its SPTs; DNF = OR of groups, each an AND.
        var cnf = triggerPoint.ConditionTypeCnf;
        why.Append(cnf ? "CNF " : "DNF ");
        var result = cnf;
        for (var i = 0; i < groups.Count; i++)
        {
            if (i > 0)
            {
                why.Append(cnf ? " AND " : " OR ");
            }

            why.Append('(');
            var groupResult = !cnf;
            var first = true;
            foreach (var (_, spt) in groups[i])
            {
                if (!first)
                {
                    why.Append(cnf ? " OR " : " AND ");
                }

                first = false;
                var value = Evaluate(spt, request, sessionCase, why);
                groupResult = cnf ? groupResult || value : groupResult && value;
            }

            why.Append(')');
            result = cnf ? result && groupResult : result || groupResult;
        }

        why.Append(result ? " = true" : " = false");
        return result;
    }

    private bool Evaluate(ServicePointTrigger spt, IFilterableRequest request, SessionCase sessionCase, StringBuilder why)
    {
        var (raw, description) = spt switch
        {
            MethodTrigger m => (MethodMatches(m, request), $"Method {m.Method}"),
            RequestUriTrigger r => (Search(r.RequestUri, request.RequestUri), $"RequestURI ~ {r.RequestUri}"),
            SipHeaderTrigger h => (HeaderMatches(h, request), h.Content is null ? $"SIPHeader {h.Header} present" : $"SIPHeader {h.Header} ~ {h.Content}"),
            SessionCaseTrigger s => (s.SessionCase == sessionCase, $"SessionCase {(int)s.SessionCase}"),
            SessionDescriptionTrigger d => (SessionDescriptionMatches(d, request), d.Content is null ? $"SDP {d.Line}= present" : $"SDP {d.Line}= ~ {d.Content}"),
            _ => (false, "unknown SPT"),
        };
        var value = raw != spt.ConditionNegated;
        why.Append(spt.ConditionNegated ? "NOT " : string.Empty).Append(description).Append(value ? ":T" : ":F");
        return value;
    }

    // RFC 3261 7.1: methods are case-sensitive. TS 29.228 E.8: RegistrationType narrows a REGISTER trigger.
    private static bool MethodMatches(MethodTrigger trigger, IFilterableRequest request) =>
        string.Equals(trigger.Method, request.Method, StringComparison.Ordinal)
        && (trigger.RegistrationTypes is null
            || request.RegistrationType is not { } type
            || trigger.RegistrationTypes.Contains(type));

    private bool HeaderMatches(SipHeaderTrigger trigger, IFilterableRequest request)
    {
        var values = request.HeaderValues(trigger.Header);
        return trigger.Content is null ? values.Any() : values.Any(v => Search(trigger.Content, v));
    }

    private bool SessionDescriptionMatches(SessionDescriptionTrigger trigger, IFilterableRequest request)
    {
        var lines = request.SessionDescriptionLines.Where(l => string.Equals(l.Key, trigger.Line, StringComparison.Ordinal));
        return trigger.Content is null ? lines.Any() : lines.Any(l => Search(trigger.Content, l.Value));
    }

    private bool Search(string pattern, string input)
    {
        var regex = _expressions.GetOrAdd(pattern, Compile);
        if (regex is null)
        {
            return false;
        }

        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexBudget);
        }
        catch (ArgumentException)
        {
            // An expression that does not compile matches nothing, rather than failing the request.
            return null;
        }
    }
}
