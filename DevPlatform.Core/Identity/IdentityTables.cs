using DevPlatform.Core.Convergence;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Identity;

/// <summary>Users, teams and memberships; see docs/data-model.md.</summary>
public static class IdentityTables
{
    public const string Users = "users";
    public const string Teams = "teams";
    public const string ByUser = "by-user";

    /// <summary>Profile items owe the work of a settings change (activity, the name and picture copied into member lists).</summary>
    public static readonly TableDefinition UsersTable = new(Users, OwedWorkRunner.Index);

    /// <summary>
    /// A team item (sk TEAM, listing every member) and one member item per member (sk MEMBER#{userId}, in the by-user
    /// index) share the team's partition. Team items owe the work of membership changes.
    /// </summary>
    public static readonly TableDefinition TeamsTable = new(Teams, new IndexDefinition(ByUser, "gsi1pk", "gsi1sk"), OwedWorkRunner.Index);

    public static DocumentKey UserKey(string userId) => new($"USER#{userId}", "PROFILE");
    public static DocumentKey TeamKey(string teamId) => new($"TEAM#{teamId}", "TEAM");
    public static DocumentKey MemberKey(string teamId, string userId) => new($"TEAM#{teamId}", $"MEMBER#{userId}");
}
