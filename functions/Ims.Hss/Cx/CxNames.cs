using Ims.Diameter.Values;
using System.Text;

namespace Ims.Hss.Cx;

/// <summary>
/// The spec's names of Cx enumerated values (TS 29.229 6.3.15, 6.3.24), e.g.
/// TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME, for decision sentences and error messages.
/// </summary>
public static class CxNames
{
    public static string Of(ServerAssignmentType type) => Spec(type.ToString());

    public static string Of(UserAuthorizationType type) => Spec(type.ToString());

    // The enum members are the spec names in PascalCase: ReRegistration -> RE_REGISTRATION.
    private static string Spec(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
