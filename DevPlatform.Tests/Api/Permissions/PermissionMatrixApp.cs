using System.Net.Http.Json;
using System.Text.Json;
using DevPlatform.Core.CodeGeneration;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Schemas;
using DevPlatform.Core.Storage.Queues;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DevPlatform.Tests.Api.Permissions;

/// <summary>
/// One app for the whole matrix. Each case gets a team of its own, made through the API: a founding Owner, the caller
/// in their role, a Viewer to act on, a project and a pending invitation, so no case sees another's changes.
/// </summary>
public sealed class PermissionMatrixApp : IAsyncLifetime
{
    private DevPlatformFactory _app = null!;
    private int _cases;

    public HttpClient Client { get; private set; } = null!;
    public IReadOnlyList<ApiRoute> Routes { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // Code-generation runs are moved by the cases themselves (queued, succeeded, failed), not by a worker racing them.
        _app = new DevPlatformFactory(new Dictionary<string, string> { ["CodeGeneration:RunWorker"] = "false" });
        Client = _app.CreateClient(new() { AllowAutoRedirect = false });
        Routes = ApiRoutes.Discover(_app.Services);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The ids a case's requests are made of.</summary>
    /// <param name="InvitationToken">A pending invitation into a team the caller is not in (the founder's personal team).</param>
    public sealed record CaseTeam(string TeamId, string Founder, string? CallerId, string TargetUserId, string ProjectId, string InvitationId,
        string InvitationToken, string? CallerTokenId)
    {
        /// <summary>A page of the project (at version 1, with one saved version) and a file attached to it.</summary>
        public string DocumentId { get; init; } = "";
        public string AttachmentId { get; init; } = "";
        /// <summary>An architecture of the project, at version 1, with an uploaded diagram image.</summary>
        public string ArchitectureId { get; init; } = "";
        /// <summary>A schema of the project, at version 1.</summary>
        public string SchemaId { get; init; } = "";
        /// <summary>Code-generation runs (of a schema of their own) that are queued, succeeded and failed.</summary>
        public string QueuedRunId { get; init; } = "";
        public string SucceededRunId { get; init; } = "";
        public string FailedRunId { get; init; } = "";
    }

    public async Task<CaseTeam> ArrangeAsync(Caller caller)
    {
        var n = Interlocked.Increment(ref _cases);
        var (founder, callerId, target) = ($"founder{n}", caller == Caller.Anonymous ? null : $"caller{n}", $"target{n}");
        var team = await SendAsync(founder, HttpMethod.Post, "/api/team", new { name = $"Case {n}" });
        var teamId = team.GetProperty("id").GetString()!;
        if (caller is Caller.Owner or Caller.Admin or Caller.Developer or Caller.Viewer) await JoinAsync(founder, teamId, callerId!, caller.ToString());
        await JoinAsync(founder, teamId, target, "Viewer");
        var project = await SendAsync(founder, HttpMethod.Post, $"/api/projects?teamId={teamId}", new { name = $"Project {n}" });
        var invitation = await SendAsync(founder, HttpMethod.Post, $"/api/team/{teamId}/invitations", new { email = $"pending{n}@example.com", role = "Viewer" });
        // The link the caller answers leads into a team they are not in yet (the founder's own), as invitations do.
        var personal = (await SendAsync(founder, HttpMethod.Get, "/api/team", null)).GetProperty("items")[0].GetProperty("id").GetString()!;
        var foreign = await SendAsync(founder, HttpMethod.Post, $"/api/team/{personal}/invitations", new { email = $"guest{n}@example.com", role = "Viewer" });
        JsonElement? token = callerId is null ? null : await SendAsync(callerId, HttpMethod.Post, "/api/tokens", new { name = "matrix", scope = "read-write" });
        var projectId = project.GetProperty("id").GetString()!;
        var (documentId, attachmentId) = await ArrangeDocumentAsync(founder, projectId);
        var (queued, succeeded, failed) = await ArrangeCodeGenerationAsync(founder, projectId);
        return new CaseTeam(teamId, founder, callerId, target, projectId,
            invitation.GetProperty("invitation").GetProperty("id").GetString()!, TokenOf(foreign), token?.GetProperty("token").GetProperty("id").GetString())
        {
            ArchitectureId = await ArrangeArchitectureAsync(founder, projectId),
            SchemaId = (await SendAsync(founder, HttpMethod.Post, "/api/schema", new
            {
                projectId, name = "Matrix schema",
                entities = new[] { new { name = "Customer", fields = new[] { new { name = "email", type = "string", maxLength = 320 } } } },
            })).GetProperty("id").GetString()!,
            DocumentId = documentId, AttachmentId = attachmentId,
            QueuedRunId = queued, SucceededRunId = succeeded, FailedRunId = failed,
        };
    }

    private async Task<string> ArrangeArchitectureAsync(string founder, string projectId)
    {
        var architecture = await SendAsync(founder, HttpMethod.Post, "/api/architecture",
            new { projectId, name = "Matrix", description = "", components = new[] { new { name = "Api" } } });
        var id = architecture.GetProperty("id").GetString()!;
        await SendAsync(founder, HttpMethod.Post, $"/api/architecture/{id}/diagram",
            new { projectId, diagramData = Convert.ToBase64String(TestFiles.Png(100)), contentType = "image/png" });
        return id;
    }

    private async Task<(string Queued, string Succeeded, string Failed)> ArrangeCodeGenerationAsync(string founder, string projectId)
    {
        var schema = await _app.Services.GetRequiredService<SchemaService>().CreateAsync(new Actor(founder, founder), projectId,
            SchemaInputs.From("Matrix", TestSchemas.Shop()));
        async Task<string> QueueAsync() => (await SendAsync(founder, HttpMethod.Post, "/api/code-generation",
            new { projectId, schemaId = schema.Id, targets = new[] { "sql" } })).GetProperty("id").GetString()!;
        var (queued, succeeded, failed) = (await QueueAsync(), await QueueAsync(), await QueueAsync());
        var worker = _app.Services.GetRequiredService<IEnumerable<IHostedService>>().OfType<CodeGenerationWorker>().Single();
        await worker.HandleAsync(new QueueMessage("matrix", $"{{\"runId\":\"{succeeded}\"}}", "matrix-receipt", 1), 5, CancellationToken.None);
        var claim = await _app.Services.GetRequiredService<CodeGenerationJobs>().ClaimAsync(failed, "matrix", "matrix", CancellationToken.None);
        await claim.Lease!.FailAsync("Failed for the permission matrix.", final: true, 5, 5, CancellationToken.None);
        return (queued, succeeded, failed);
    }

    private async Task<(string DocumentId, string AttachmentId)> ArrangeDocumentAsync(string founder, string projectId)
    {
        var document = await SendAsync(founder, HttpMethod.Post, "/api/documentation", new { projectId, title = "Matrix page", content = "Hello matrix" });
        var id = document.GetProperty("id").GetString()!;
        var attachment = await SendAsync(founder, HttpMethod.Post, $"/api/documentation/{id}/attachments",
            new { fileName = "spec.pdf", fileData = Convert.ToBase64String(TestFiles.Pdf(200)), contentType = "application/pdf" });
        return (id, attachment.GetProperty("id").GetString()!);
    }

    public static HttpRequestMessage As(string? userId, HttpRequestMessage request)
    {
        if (userId is not null) request.Headers.Add("x-dev-user-id", userId);
        return request;
    }

    private async Task JoinAsync(string founder, string teamId, string userId, string role)
    {
        var invitation = await SendAsync(founder, HttpMethod.Post, $"/api/team/{teamId}/invitations", new { email = $"{userId}@example.com", role });
        await SendAsync(userId, HttpMethod.Post, "/api/team/invitations/accept", new { token = TokenOf(invitation) });
    }

    private async Task<JsonElement> SendAsync(string userId, HttpMethod method, string path, object? body)
    {
        var response = await Client.SendAsync(As(userId, new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Arranging the case: {method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static string TokenOf(JsonElement issued) => issued.GetProperty("link").GetString()!.Split("/invitations/")[1];
}
