using System.Security.Claims;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams.Invitations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DevPlatform.Web.Api;

/// <summary>
/// /api/team/…/invitations: made, listed, resent and revoked by Owners and Admins; checked, accepted and declined by the
/// holder of the link. The link's token travels in request bodies, never in URLs, so it stays out of access logs.
/// </summary>
public static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/team").RequireAuthorization().WithTags("Team invitations");
        group.MapGet("/{teamId}/invitations", ListAsync).WithName("ListInvitations").WithSummary("Pending invitations, expired ones included (Owner, Admin)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{teamId}/invitations", InviteAsync).WithName("Invite").WithSummary("Invite by email with a role; the answer holds the link, once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{teamId}/invitations/{invitationId}/resend", ResendAsync).WithName("ResendInvitation")
            .WithSummary("A new link and expiry; the old link stops working")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{teamId}/invitations/{invitationId}", RevokeAsync).WithName("RevokeInvitation").WithSummary("Withdraw a pending invitation")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/invitations/check", CheckAsync).AllowAnonymous().WithName("CheckInvitation")
            .WithSummary("What an invitation link names and whether it can be answered; no sign-in needed").ProducesValidationProblem();
        group.MapPost("/invitations/accept", AcceptAsync).WithName("AcceptInvitation").WithSummary("Join the team with the invited role")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/invitations/decline", DeclineAsync).WithName("DeclineInvitation").WithSummary("Decline the invitation")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    public sealed record InviteRequest(string? Email, TeamRole? Role);

    public sealed record TokenRequest(string? Token);

    /// <param name="Link">Shown once: only a hash of its secret is stored.</param>
    /// <param name="Emailed">Whether a mail channel delivers the team-invitations topic; if not, send the link yourself.</param>
    public sealed record IssuedInvitationResponse(Invitation Invitation, string Link, bool Emailed);

    public sealed record InvitationCheckResponse(InvitationState State, string Message, Invitation? Invitation);

    private static async Task<Ok<IReadOnlyList<Invitation>>> ListAsync(string teamId, ClaimsPrincipal user, InvitationService invitations, ApiCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(await invitations.ListAsync(caller.Actor(user), teamId, ct));

    private static async Task<Created<IssuedInvitationResponse>> InviteAsync(string teamId, InviteRequest request, ClaimsPrincipal user,
        InvitationService invitations, ApiCaller caller, HttpContext context, CancellationToken ct)
    {
        if (request.Role is not { } role) throw new ValidationFailedException("role", "role is required: Owner, Admin, Developer or Viewer.");
        var issued = await invitations.InviteAsync(caller.Actor(user), teamId, request.Email, role, RequestBase(context), ct);
        return TypedResults.Created($"/api/team/{teamId}/invitations", new IssuedInvitationResponse(issued.Invitation, issued.Link, issued.Emailed));
    }

    private static async Task<Ok<IssuedInvitationResponse>> ResendAsync(string teamId, string invitationId, ClaimsPrincipal user, InvitationService invitations,
        ApiCaller caller, HttpContext context, CancellationToken ct)
    {
        var issued = await invitations.ResendAsync(caller.Actor(user), teamId, invitationId, RequestBase(context), ct);
        return TypedResults.Ok(new IssuedInvitationResponse(issued.Invitation, issued.Link, issued.Emailed));
    }

    private static async Task<Ok<Invitation>> RevokeAsync(string teamId, string invitationId, ClaimsPrincipal user, InvitationService invitations, ApiCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(await invitations.RevokeAsync(caller.Actor(user), teamId, invitationId, ct));

    private static async Task<Ok<InvitationCheckResponse>> CheckAsync(TokenRequest request, InvitationService invitations, CancellationToken ct)
    {
        var check = await invitations.CheckAsync(Token(request), ct);
        var message = check.State == InvitationState.Open ? "This invitation can be accepted or declined." : InvitationService.Unusable(check.State);
        return TypedResults.Ok(new InvitationCheckResponse(check.State, message, check.Invitation));
    }

    private static async Task<Ok<Invitation>> AcceptAsync(TokenRequest request, ClaimsPrincipal user, InvitationService invitations, ApiCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(await invitations.AcceptAsync(caller.Actor(user), Token(request), ct));

    private static async Task<Ok<Invitation>> DeclineAsync(TokenRequest request, ClaimsPrincipal user, InvitationService invitations, ApiCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(await invitations.DeclineAsync(caller.Actor(user), Token(request), ct));

    private static string Token(TokenRequest request) =>
        string.IsNullOrEmpty(request.Token) ? throw new ValidationFailedException("token", "token is required: the part of the link after /invitations/.") : request.Token;

    /// <summary>Where the app was reached; Teams:PublicBaseUrl overrides it (see README), so a forged Host never reaches an email.</summary>
    private static Uri RequestBase(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");
}
