using DevPlatform.Core.Identity;

namespace DevPlatform.Web.Components.Shared;

/// <summary>
/// Whether a role allows something, in the words the server's 403 answer uses, so a disabled control and a refused
/// call say the same thing. The rules themselves are Core's (<see cref="AccessControl.Allows"/>).
/// </summary>
public static class RoleGate
{
    /// <summary>Why <paramref name="role"/> may not do it, or null when it may; a caller with no role is no member.</summary>
    public static string? WhyNot(TeamRole? role, TeamPermission permission) =>
        role is not { } r ? "You are not a member of this team." : AccessControl.WhyNot(r, permission);
}
