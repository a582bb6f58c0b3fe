using System.Net.Http.Json;
using DevPlatform.Core.Identity;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Permissions;

/// <summary>
/// Every /api endpoint the app maps (found in its endpoint table, so later ones join by themselves), called as each kind
/// of caller and held to the written matrix in docs/permissions.md: allowed is 2xx, a member without the permission 403,
/// a non-member 404 for anything of the team, nobody 401. An endpoint missing from the document fails.
/// </summary>
public sealed class PermissionMatrixTests(PermissionMatrixApp app) : IClassFixture<PermissionMatrixApp>
{
    /// <summary>A valid body for each endpoint that takes one; add one here with every new such endpoint.</summary>
    private static readonly Dictionary<string, Func<PermissionMatrixApp.CaseTeam, object>> Bodies = new()
    {
        ["POST /api/projects"] = _ => new { name = "New project" },
        ["PUT /api/projects/{id}"] = _ => new { name = "Renamed project", version = 1 },
        ["POST /api/team"] = _ => new { name = "Another team" },
        ["PUT /api/team/{teamId}"] = _ => new { name = "Renamed team" },
        ["PUT /api/team/{teamId}/members/{userId}"] = _ => new { role = "Developer" },
        ["POST /api/team/{teamId}/transfer-ownership"] = c => new { userId = c.TargetUserId },
        ["POST /api/team/{teamId}/invitations"] = _ => new { email = "someone.new@example.com", role = "Viewer" },
        ["POST /api/team/invitations/check"] = c => new { token = c.InvitationToken },
        ["POST /api/team/invitations/accept"] = c => new { token = c.InvitationToken },
        ["POST /api/team/invitations/decline"] = c => new { token = c.InvitationToken },
        ["POST /api/tokens"] = _ => new { name = "Another token", scope = "read-only" },
        ["POST /api/architecture"] = c => new { projectId = c.ProjectId, name = "Matrix architecture", description = "" },
        ["PUT /api/architecture/{id}"] = _ => new { name = "Renamed architecture", version = 1, message = "Renamed" },
        ["POST /api/architecture/{id}/diagram"] = c => new { projectId = c.ProjectId, diagramData = Convert.ToBase64String(TestFiles.Png(100)), contentType = "image/png" },
        ["PUT /api/settings"] = _ => new { displayName = "Renamed person", version = 1 },
        ["POST /api/settings/profile-picture"] = _ => new { imageData = Convert.ToBase64String(TestFiles.Png(64)), contentType = "image/png" },
        ["PUT /api/settings/profile-picture"] = _ => RawBody(TestFiles.Png(64), "image/png"),
        ["POST /api/documentation"] = c => new { projectId = c.ProjectId, title = "Matrix page", content = "# Hello" },
        ["PUT /api/documentation/{id}"] = _ => new { title = "Matrix page", content = "Saved again", version = 1 },
        ["POST /api/documentation/{id}/move"] = _ => new { parentId = (string?)null, version = 1 },
        ["POST /api/documentation/{id}/versions/{number}/restore"] = _ => new { version = 1 },
        ["POST /api/documentation/{documentId}/attachments"] = _ => new { fileName = "spec.pdf", fileData = Convert.ToBase64String(TestFiles.Pdf(200)), contentType = "application/pdf" },
        ["PUT /api/documentation/{documentId}/attachments"] = _ => RawBody(TestFiles.Pdf(200), "application/pdf"),
        ["PUT /api/architecture/{id}/diagram"] = _ => RawBody(TestFiles.Png(64), "image/png"),
        ["POST /api/code-generation"] = c => new { projectId = c.ProjectId, schemaId = c.SchemaId, targets = new[] { "sql", "openapi" } },
        ["POST /api/code-generation/preview"] = c => new { projectId = c.ProjectId, schemaId = c.SchemaId, targets = new[] { "typescript" } },
        ["POST /api/schema"] = c => new { projectId = c.ProjectId, name = "Matrix schema 2", entities = new[] { new { name = "Tag", fields = Array.Empty<object>() } } },
        ["PUT /api/schema/{id}"] = _ => new { baseVersion = 1, name = "Matrix schema", message = "Emptied", entities = Array.Empty<object>() },
        ["POST /api/schema/{id}/versions/{number}/restore"] = _ => new { baseVersion = 1 },
    };

    /// <summary>Routes about the caller's uploaded picture need one to exist.</summary>
    private static readonly HashSet<string> NeedsCallersPicture = ["GET /api/settings/profile-picture/url", "DELETE /api/settings/profile-picture"];

    public static TheoryData<string, Caller> Cases()
    {
        var factory = new DevPlatformFactory();
        try
        {
            var data = new TheoryData<string, Caller>();
            foreach (var route in ApiRoutes.Discover(factory.Services))
                foreach (var caller in Enum.GetValues<Caller>())
                    data.Add(route.ToString(), caller);
            return data;
        }
        finally
        {
            factory.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Fact]
    public void TheDocumentListsEveryEndpointAndNoOther()
    {
        var documented = PermissionMatrix.FromDocs().Keys.ToHashSet();
        var mapped = app.Routes.Select(r => r.ToString()).ToHashSet();

        Assert.Empty(mapped.Except(documented).Select(r => $"{r} is not in docs/permissions.md"));
        Assert.Empty(documented.Except(mapped).Select(r => $"{r} is in docs/permissions.md but not mapped"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachCallerGetsWhatTheMatrixSays(string endpoint, Caller caller)
    {
        var route = Assert.Single(app.Routes, r => r.ToString() == endpoint);
        Assert.True(PermissionMatrix.FromDocs().TryGetValue(endpoint, out var need), $"{endpoint} is missing from docs/permissions.md");
        var team = await app.ArrangeAsync(caller);
        if (NeedsCallersPicture.Contains(endpoint) && team.CallerId is { } callerId)
            (await app.Client.SendAsync(PermissionMatrixApp.As(callerId, new HttpRequestMessage(HttpMethod.Put, "/api/settings/profile-picture")
                { Content = RawBody(TestFiles.Png(64), "image/png") }))).EnsureSuccessStatusCode();

        var response = await app.Client.SendAsync(PermissionMatrixApp.As(team.CallerId, Request(route, team)));

        var expected = Expected(need!, caller);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == 200 ? status is >= 200 and < 300 : status == expected,
            $"{endpoint} as {caller} (needs {need}): expected {(expected == 200 ? "2xx" : expected)}, got {status}: {ApiProblem.Shorten(body)}");
        if (status >= 400) await ApiProblem.AssertIsProblemAsync(response);
    }

    /// <summary>2xx (written 200), 401, 403 or 404.</summary>
    private static int Expected(Need need, Caller caller) => (need, caller) switch
    {
        (Need.Anyone, _) => 200,
        (_, Caller.Anonymous) => 401,
        (Need.SignedIn, _) => 200,
        (_, Caller.NonMember) => 404,
        (Need.Member, _) => 200,
        (Need.Permission p, _) => AccessControl.Allows(Enum.Parse<TeamRole>(caller.ToString()), p.Value) ? 200 : 403,
        _ => throw new ArgumentOutOfRangeException(nameof(need)),
    };

    private static ByteArrayContent RawBody(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }

    private static HttpRequestMessage Request(ApiRoute route, PermissionMatrixApp.CaseTeam team)
    {
        var path = route.RouteParameters.Aggregate(route.Path, (p, name) => p.Replace($"{{{name}}}", name switch
        {
            "teamId" => team.TeamId,
            "userId" => team.TargetUserId,
            "invitationId" => team.InvitationId,
            "id" when route.Path.StartsWith("/api/tokens", StringComparison.Ordinal) => team.CallerTokenId ?? "tok_00000000000000000000000000000000",
            "id" or "documentId" when route.Path.StartsWith("/api/documentation", StringComparison.Ordinal) => team.DocumentId,
            "attachmentId" => team.AttachmentId,
            "id" when route.Path.StartsWith("/api/architecture", StringComparison.Ordinal) => team.ArchitectureId,
            "id" when route.Path.EndsWith("/retry", StringComparison.Ordinal) => team.FailedRunId,
            "id" when route.Path.EndsWith("/cancel", StringComparison.Ordinal) => team.QueuedRunId,
            "id" when route.Path.StartsWith("/api/code-generation", StringComparison.Ordinal) => team.SucceededRunId,
            "id" when route.Path.StartsWith("/api/schema", StringComparison.Ordinal) => team.SchemaId,
            "number" => "1",
            "id" => team.ProjectId,
            _ => throw new InvalidOperationException($"{route}: the matrix test does not know what to put in {{{name}}}; teach it."),
        }));
        var query = route.QueryParameters.Select(q => q.Name switch
        {
            "teamId" => $"teamId={team.TeamId}",
            "projectId" => $"projectId={team.ProjectId}",
            "q" => "q=hello",
            "fileName" => "fileName=matrix.pdf",
            "from" or "to" => $"{q.Name}=1",
            _ => null,
        }).OfType<string>().ToList();
        if (query.Count > 0) path += "?" + string.Join("&", query);
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.BodyType is not null)
        {
            Assert.True(Bodies.TryGetValue(route.ToString(), out var body), $"{route} takes a body: add a valid one to PermissionMatrixTests.Bodies.");
            request.Content = body!(team) as HttpContent ?? JsonContent.Create(body(team));
        }
        return request;
    }
}
