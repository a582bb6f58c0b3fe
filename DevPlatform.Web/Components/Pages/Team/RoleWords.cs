namespace DevPlatform.Web.Components.Pages.Team;

using DevPlatform.Core.Identity;

/// <summary>What each role may do, in a line, for the role pickers (the matrix is Core's AccessControl).</summary>
public static class RoleWords
{
    public static string Describe(TeamRole role) => role switch
    {
        TeamRole.Owner => "Everything, including renaming the team and making Owners",
        TeamRole.Admin => "Manages members and deletes; cannot rename the team or make Owners",
        TeamRole.Developer => "Creates, edits, generates code and deploys",
        _ => "Reads everything, changes nothing",
    };
}
