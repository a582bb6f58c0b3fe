using System.Text.RegularExpressions;
using DevPlatform.Core.Identity;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Permissions;

/// <summary>What an endpoint needs, as docs/permissions.md writes it.</summary>
public abstract record Need
{
    public sealed record Permission(TeamPermission Value) : Need;
    public sealed record Member : Need;
    public sealed record SignedIn : Need;
    public sealed record Anyone : Need;
}

/// <summary>The endpoint table of docs/permissions.md: the written matrix is the one the test holds the app to.</summary>
public static partial class PermissionMatrix
{
    public static IReadOnlyDictionary<string, Need> FromDocs()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "permissions.md"));
        return EndpointRow().Matches(text).ToDictionary(m => $"{m.Groups["method"].Value} {m.Groups["path"].Value}", m => Parse(m.Groups["need"].Value.Trim()));
    }

    private static Need Parse(string need) => need switch
    {
        "Member" => new Need.Member(),
        "Signed in" => new Need.SignedIn(),
        "Anyone" => new Need.Anyone(),
        _ when Enum.TryParse<TeamPermission>(need, out var permission) => new Need.Permission(permission),
        _ => throw new FormatException($"docs/permissions.md: '{need}' is not a permission, Member, Signed in or Anyone."),
    };

    [GeneratedRegex(@"^\| `(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/api[^`]*)` \| (?<need>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex EndpointRow();
}

/// <summary>Who calls: a member with a role, a signed-in person from outside the team, or nobody.</summary>
public enum Caller { Owner, Admin, Developer, Viewer, NonMember, Anonymous }
