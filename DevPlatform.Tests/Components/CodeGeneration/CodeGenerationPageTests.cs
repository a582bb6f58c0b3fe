using Bunit;
using DevPlatform.Core.CodeGeneration;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Queues;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Tests.Infrastructure;
using DevPlatform.Web.Components.Pages.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static DevPlatform.Tests.Components.Team.TeamPageTests;

namespace DevPlatform.Tests.Components.CodeGeneration;

/// <summary>The Code Generation page: empty states, preview, a run shown at once and moved live, cancel, the diff view, role gating.</summary>
public sealed class CodeGenerationPageTests : ComponentTestBase
{
    private Project _project = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Service<IMessageQueue>().EnsureQueuesAsync(Service<StorageCatalog>().Queues);
        _project = await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput("Shop", ""));
    }

    [Fact]
    public void AProjectWithoutSchemasSaysWhereToDesignOne()
    {
        var cut = Render<CodeGenerationPageHost>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=no-schemas]")));
        Assert.Contains("/schema", cut.Find("[data-testid=no-schemas] a").GetAttribute("href"));
        Assert.Contains("No runs yet", cut.Find("[data-testid=runs-empty]").TextContent);
    }

    [Fact]
    public async Task PreviewShowsTheFileTreeAndAFilesContent()
    {
        await CreateSchemaAsync();
        var cut = Render<CodeGenerationPageHost>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=preview]")));

        await cut.InvokeAsync(() => cut.Find("[data-testid=preview]").Click());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=preview-file]")));
        var sqlite = cut.FindAll("[data-testid=preview-file]").Single(f => f.TextContent.Contains("sql/sqlite.sql"));
        await cut.InvokeAsync(() => sqlite.Click());

        cut.WaitForAssertion(() => Assert.Equal("sql/sqlite.sql", cut.Find("[data-testid=preview-path]").TextContent));
        Assert.Contains("CREATE TABLE \"customer\"", cut.Find("[data-testid=preview-content]").TextContent);
        Assert.Empty((await Service<CodeGenerationService>().ListAsync(Ana, _project.Id, mine: false)).Items);
    }

    [Fact]
    public async Task GenerateShowsTheRunAtOnceAndItMovesToSucceededLive()
    {
        await CreateSchemaAsync();
        var cut = Render<CodeGenerationPageHost>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=generate]")));

        await cut.InvokeAsync(() => cut.Find("[data-testid=generate]").Click());
        cut.WaitForAssertion(() => Assert.Equal("Queued", cut.Find("[data-testid=run-row]").GetAttribute("data-status")));
        Assert.Equal("Queued", cut.Find("[data-testid=run-detail]").GetAttribute("data-status"));
        var worker = Service<IEnumerable<IHostedService>>().OfType<CodeGenerationWorker>().Single();
        var message = Assert.Single(await Service<IMessageQueue>().ReceiveAsync(CodeGenerationEffects.Queue, 1, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2)));
        await worker.HandleAsync(message, 5, CancellationToken.None);

        cut.WaitForAssertion(() => Assert.Equal("Succeeded", cut.Find("[data-testid=run-detail]").GetAttribute("data-status")));
        Assert.Equal("Succeeded", cut.Find("[data-testid=run-row]").GetAttribute("data-status"));
        Assert.NotEmpty(cut.FindAll("[data-testid=download]"));
        Assert.Contains("SHA-256", cut.Find("[data-testid=archive]").TextContent);
    }

    [Fact]
    public async Task AQueuedRunShowsFromTheWritesAnswerWhileTheIndexLags()
    {
        await CreateSchemaAsync();
        var cut = Render<CodeGenerationPageHost>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=generate]")));
        Index.Lagging = true;

        await cut.InvokeAsync(() => cut.Find("[data-testid=generate]").Click());
        await cut.InvokeAsync(() => cut.Find("[data-testid=runs-filter] button:last-child").Click());
        await cut.InvokeAsync(() => cut.Find("[data-testid=runs-filter] button:first-child").Click());

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=run-row]")));
        Assert.Empty((await Service<CodeGenerationService>().ListAsync(Ana, _project.Id, mine: false)).Items);
    }

    [Fact]
    public async Task CancellingAQueuedRunAsksFirst()
    {
        var schemaId = await CreateSchemaAsync();
        var run = await Service<CodeGenerationService>().EnqueueAsync(Ana, _project.Id, schemaId, null, [DevPlatform.Core.CodeGeneration.Generators.CodeTarget.Sql]);
        var cut = Render<CodeGenerationPageHost>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=open-run]")));
        await cut.InvokeAsync(() => cut.Find("[data-testid=open-run]").Click());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=cancel]")));

        await cut.InvokeAsync(() => cut.Find("[data-testid=cancel]").Click());
        cut.WaitForAssertion(() => Assert.Contains("Cancel this run?", cut.Markup));
        Assert.Equal(CodeGenerationStatus.Queued, (await Service<CodeGenerationService>().GetAsync(Ana, run.Id)).Status);
        await ClickButton(cut, "Cancel the run");

        cut.WaitForAssertion(() => Assert.Equal("Cancelled", cut.Find("[data-testid=run-detail]").GetAttribute("data-status")));
        Assert.Equal(CodeGenerationStatus.Cancelled, (await Service<CodeGenerationService>().GetAsync(Ana, run.Id)).Status);
    }

    [Fact]
    public void TheDiffViewMarksAddedAndRemovedLinesAndOnlyTheFirstTwoAsFileNames()
    {
        var diff = new CodeGenerationDiff("cg_1", "cg_0", 1, ["typescript/client.ts"], [], ["sql/sqlite.sql"], 3, "sql/sqlite.sql",
            "--- v1/sql/sqlite.sql\n+++ v2/sql/sqlite.sql\n@@ -1,2 +1,2 @@\n keep\n--- an SQL comment\n+new line\n");

        var cut = Render<CodeGenerationDiffView>(p => p.Add(x => x.Diff, diff));

        Assert.Equal(["--- v1/sql/sqlite.sql", "+++ v2/sql/sqlite.sql"], cut.FindAll(".diff-file").Select(l => l.TextContent));
        Assert.Equal("--- an SQL comment", cut.Find(".diff-remove").TextContent.Trim());
        Assert.Equal("+new line", cut.Find(".diff-add").TextContent.Trim());
        Assert.Contains("1 added, 0 removed, 1 changed, 3 unchanged", cut.Markup);
    }

    [Fact]
    public async Task AViewerMayPreviewButNotGenerateAndIsToldWhy()
    {
        var teamId = (await Service<TeamService>().CreateAsync(Ana, "Platform")).Id;
        var viewer = new Actor("di", "Di Park");
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), teamId, Ana, viewer, TeamRole.Viewer);
        var project = await Service<ProjectService>().CreateAsync(Ana, teamId, new ProjectInput("Platform shop", ""));
        await Service<SchemaService>().CreateAsync(Ana, project.Id, SchemaInputs.From("Shop", TestSchemas.Shop()));
        await Service<TeamService>().SelectAsync(viewer, teamId);
        SignInAs(viewer);

        var cut = Render<CodeGenerationPageHost>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=generate]")));

        Assert.Equal((true, "Your role in this team (Viewer) does not allow this: running code generation needs Developer or above."),
            State(cut.Find("[data-testid=generate]")));
        Assert.False(cut.Find("[data-testid=preview]").HasAttribute("disabled"));
    }

    private async Task<string> CreateSchemaAsync() =>
        (await Service<SchemaService>().CreateAsync(Ana, _project.Id, SchemaInputs.From("Shop", TestSchemas.Shop()))).Id;
}
