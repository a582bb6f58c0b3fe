using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Identity;

/// <summary>Users, teams and memberships; see docs/data-model.md.</summary>
public static class IdentityTables
{
    public const string Users = "users";
    public const string Teams = "teams";
    public const string ByUser = "by-user";

    public static readonly TableDefinition UsersTable = new(Users);

    /// <summary>A team item (sk TEAM) and its member items (sk MEMBER#{userId}) share the team's partition.</summary>
    public static readonly TableDefinition TeamsTable = new(Teams, new IndexDefinition(ByUser, "gsi1pk", "gsi1sk"));

    public static DocumentKey UserKey(string userId) => new($"USER#{userId}", "PROFILE");
    public static DocumentKey TeamKey(string teamId) => new($"TEAM#{teamId}", "TEAM");
    public static DocumentKey MemberKey(string teamId, string userId) => new($"TEAM#{teamId}", $"MEMBER#{userId}");
}
