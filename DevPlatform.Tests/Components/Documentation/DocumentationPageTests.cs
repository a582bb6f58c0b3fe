using Bunit;
using Microsoft.Extensions.DependencyInjection;
using DevPlatform.Core.Documentation;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Web.Components.Pages.Documentation;
using static DevPlatform.Tests.Components.Team.TeamPageTests;

namespace DevPlatform.Tests.Components.Documentation;

/// <summary>The Markdown preview and the Documentation page: what a document says is shown, never run, and roles gate the controls.</summary>
public sealed class DocumentationPageTests : ComponentTestBase
{
    [Fact]
    public void ThePreviewShowsMarkdownAndStripsScript()
    {
        var cut = Render<MarkdownPreview>(p => p.Add(x => x.Markdown,
            "# Title\n\n**bold** <script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>"));

        Assert.Equal("Title", cut.Find("h1").TextContent);
        Assert.Equal("bold", cut.Find("strong").TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.DoesNotContain("javascript:", cut.Find("a").GetAttribute("href") ?? "");
    }

    [Fact]
    public void TheEditorsPreviewFollowsTyping()
    {
        var document = new Document("doc_0123456789abcdef0123456789abcdef", "prj_x", "team_x", null, DocumentKind.Page, "Page", "", 1, 1,
            DateTimeOffset.UtcNow, "ana", DateTimeOffset.UtcNow, "ana");
        var cut = Render<DocumentEditor>(p => p.Add(x => x.Document, document).Add(x => x.Save, (_, _, _) => Task.FromResult<string?>(null)));

        cut.Find("textarea").Input("## Typed <script>alert(1)</script>");

        cut.WaitForAssertion(() => Assert.Equal("Typed <script>alert(1)</script>", cut.Find("[data-testid=markdown-preview] h2").TextContent.Trim()),
            TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll("[data-testid=markdown-preview] script"));
    }

    [Fact]
    public async Task AViewerReadsButCannotWriteAndIsToldWhy()
    {
        var teamId = (await Service<TeamService>().CreateAsync(Ana, "Platform")).Id;
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), teamId, Ana, Di, TeamRole.Viewer);
        var project = await Service<ProjectService>().CreateAsync(Ana, teamId, new ProjectInput("Payments", ""));
        var page = await Service<DocumentService>().CreateAsync(Ana, project.Id, new DocumentInput("Runbook", "Restart the **worker**."));
        await Service<TeamService>().SelectAsync(Di, teamId);
        SignInAs(Di);

        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/documentation?projectId={project.Id}&documentId={page.Id}");
        var cut = Render<DocumentationPageHost>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tree-item]")));

        cut.WaitForAssertion(() => Assert.Equal("worker", cut.Find("[data-testid=document-reader] strong").TextContent));
        const string ViewerCannotWrite = "Your role in this team (Viewer) does not allow this: creating and editing needs Developer or above.";
        Assert.Equal((true, ViewerCannotWrite), State(cut.Find("[data-testid=new-page]")));
        Assert.Equal((true, ViewerCannotWrite), State(cut.Find("[data-testid=edit-document]")));
        Assert.True(State(cut.Find("[data-testid=delete-document]")).Disabled);
    }

    [Fact]
    public async Task AnOldVersionIsViewedAndRestoredAsANewVersion()
    {
        var project = await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput("Payments", ""));
        var page = await Service<DocumentService>().CreateAsync(Ana, project.Id, new DocumentInput("Runbook", "First **draft**"));
        await Service<DocumentService>().SaveAsync(Ana, page.Id, "Runbook", "Second text", page.Version, "Rewrote");
        SignInAs(Ana);
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/documentation?projectId={project.Id}&documentId={page.Id}");
        var cut = Render<DocumentationPageHost>();
        cut.WaitForAssertion(() => Assert.Contains("Second text", cut.Find("[data-testid=document-reader]").TextContent));

        await cut.InvokeAsync(() => cut.Find("[data-testid=history]").Click());
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=version-row]").Count));
        await cut.InvokeAsync(() => cut.FindAll("[data-testid=version-row]")[1].QuerySelectorAll("button").First(b => b.TextContent.Trim() == "View").Click());
        cut.WaitForAssertion(() => Assert.Equal("draft", cut.Find("[data-testid=version-preview] strong").TextContent));
        await cut.InvokeAsync(() => cut.Find("[data-testid=restore-version]").Click());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-dialog button")));
        await cut.InvokeAsync(() => cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Restore").Click());

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=version-row]").Count));
        Assert.Equal("draft", cut.Find("[data-testid=document-reader] strong").TextContent);
        Assert.Equal(3, (await Service<DocumentService>().GetAsync(Ana, page.Id)).Revision);
    }
}
