using System.ComponentModel;
using System.Security.Claims;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DevPlatform.Web.Api;

/// <summary>/api/team: the caller's teams, the chosen team, members and roles. Invitations are in <see cref="InvitationEndpoints"/>.</summary>
public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/team").RequireAuthorization().WithTags("Team");
        group.MapGet("/", ListAsync).WithName("ListTeams").WithSummary("The caller's teams with their role, and the current team");
        group.MapPost("/", CreateAsync).WithName("CreateTeam").WithSummary("Create a team with the caller as Owner")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{teamId}", GetAsync).WithName("GetTeam").WithSummary("A team and its members")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{teamId}", RenameAsync).WithName("RenameTeam").WithSummary("Rename the team (Owner)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{teamId}/select", SelectAsync).WithName("SelectTeam")
            .WithSummary("Work in this team: calls that name no team use it from now on, in the browser too")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{teamId}/members/{userId}", ChangeRoleAsync).WithName("ChangeMemberRole").WithSummary("Change a member's role (Owner, Admin)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{teamId}/members/{userId}", RemoveAsync).WithName("RemoveMember").WithSummary("Remove a member (Owner, Admin); 409 for the last Owner")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{teamId}/leave", LeaveAsync).WithName("LeaveTeam").WithSummary("Leave the team; 409 for the last Owner")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{teamId}/transfer-ownership", TransferAsync).WithName("TransferOwnership")
            .WithSummary("Make a member Owner; the calling Owner becomes Admin")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    public sealed record TeamSummary(string Id, string Name, TeamRole Role, bool Personal);

    /// <summary>A team as the API shows it: its members, without the bookkeeping the team item keeps.</summary>
    public sealed record TeamResponse(string Id, string Name, bool Personal, DateTimeOffset CreatedAt, long Version, IReadOnlyList<TeamMember> Members)
    {
        public static TeamResponse From(Team team) =>
            new(team.Id, team.Name, team.PersonalFor is not null, team.CreatedAt, team.Version, team.Members);
    }

    public sealed record TeamListResponse(IReadOnlyList<TeamSummary> Items, string CurrentTeamId);

    public sealed record TeamRequest(string? Name);

    public sealed record RoleRequest(TeamRole? Role);

    public sealed record TransferRequest(string? UserId);

    private static async Task<Ok<TeamListResponse>> ListAsync(ClaimsPrincipal user, TeamService teams, ApiCaller caller, CancellationToken ct)
    {
        var actor = caller.Actor(user);
        var mine = await teams.ListMineAsync(actor, ct);
        var items = mine.Select(m => new TeamSummary(m.Team.Id, m.Team.Name, m.Role, m.Team.PersonalFor == actor.UserId)).ToList();
        return TypedResults.Ok(new TeamListResponse(items, await teams.CurrentTeamIdAsync(actor, ct)));
    }

    private static async Task<Created<TeamResponse>> CreateAsync(TeamRequest request, ClaimsPrincipal user, TeamService teams, ApiCaller caller, CancellationToken ct)
    {
        var team = await teams.CreateAsync(caller.Actor(user), request.Name, ct);
        return TypedResults.Created($"/api/team/{team.Id}", TeamResponse.From(team));
    }

    private static async Task<NoContent> SelectAsync(string teamId, ClaimsPrincipal user, TeamService teams, ApiCaller caller, CancellationToken ct)
    {
        await teams.SelectAsync(caller.Actor(user), teamId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TeamResponse>> GetAsync(string teamId, ClaimsPrincipal user, TeamService teams, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(TeamResponse.From(await teams.GetAsync(caller.Actor(user), teamId, ct)));

    private static async Task<Ok<TeamResponse>> RenameAsync(string teamId, TeamRequest request, ClaimsPrincipal user, TeamService teams, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(TeamResponse.From(await teams.RenameAsync(caller.Actor(user), teamId, request.Name, ct)));

    private static async Task<Ok<TeamResponse>> ChangeRoleAsync(string teamId, string userId, RoleRequest request, ClaimsPrincipal user,
        TeamMembership membership, ApiCaller caller, CancellationToken ct)
    {
        if (request.Role is not { } role) throw new ValidationFailedException("role", "role is required: Owner, Admin, Developer or Viewer.");
        return TypedResults.Ok(TeamResponse.From(await membership.ChangeRoleAsync(caller.Actor(user), teamId, userId, role, ct)));
    }

    private static async Task<NoContent> RemoveAsync(string teamId, [Description("The member's user id.")] string userId, ClaimsPrincipal user,
        TeamMembership membership, ApiCaller caller, CancellationToken ct)
    {
        await membership.RemoveAsync(caller.Actor(user), teamId, userId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LeaveAsync(string teamId, ClaimsPrincipal user, TeamMembership membership, ApiCaller caller, CancellationToken ct)
    {
        await membership.LeaveAsync(caller.Actor(user), teamId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TeamResponse>> TransferAsync(string teamId, TransferRequest request, ClaimsPrincipal user,
        TeamMembership membership, ApiCaller caller, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.UserId)) throw new ValidationFailedException("userId", "userId is required: the member who becomes Owner.");
        return TypedResults.Ok(TeamResponse.From(await membership.TransferOwnershipAsync(caller.Actor(user), teamId, request.UserId, ct)));
    }
}
