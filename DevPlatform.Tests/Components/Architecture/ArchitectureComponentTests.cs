using Bunit;
using DevPlatform.Core.Architecture;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Web.Components.Pages.Architecture;
using Microsoft.AspNetCore.Components;
using static DevPlatform.Tests.Components.Team.TeamPageTests;

namespace DevPlatform.Tests.Components.Architecture;

/// <summary>The Architecture editor, the version diff and the page's role gating.</summary>
public sealed class ArchitectureComponentTests : ComponentTestBase
{
    private const string ViewerCannotWrite = "Your role in this team (Viewer) does not allow this: creating and editing needs Developer or above.";

    [Fact]
    public void TheEditorMarksADuplicateNameAndAConnectionToNothingAsTheServerWould()
    {
        var draft = ArchitectureDraft.From(new ArchitectureContent("Shop", "", ArchitectureStyle.Layered,
            [new ArchitectureComponent("Api", ComponentKind.Service, "")], []));
        draft.Components.Add(new ArchitectureDraft.ComponentRow { Name = "api" });
        draft.Connections.Add(new ArchitectureDraft.ConnectionRow { From = "Api", To = "Gone" });

        var cut = Render<ArchitectureEditor>(p => p.Add(x => x.Draft, draft));

        Assert.Contains("Another component is already named &#x27;api&#x27;.", cut.Markup.Replace("'", "&#x27;"));
        Assert.Contains("No component is named", cut.Markup);
        Assert.False(draft.IsValid);
    }

    [Fact]
    public async Task AddingAComponentInTheEditorTellsThePage()
    {
        var draft = ArchitectureDraft.From(new ArchitectureContent("Shop", "", ArchitectureStyle.Layered, [], []));
        var changes = 0;

        var cut = Render<ArchitectureEditor>(p => p.Add(x => x.Draft, draft).Add(x => x.Changed, EventCallback.Factory.Create(this, () => changes++)));
        await cut.InvokeAsync(() => cut.Find("[data-testid=add-component]").Click());

        Assert.Single(draft.Components);
        Assert.Equal(1, changes);
        Assert.Single(cut.FindAll("[data-testid=component-row]"));
    }

    [Fact]
    public void AReadOnlyEditorOffersNoAddButtons()
    {
        var draft = ArchitectureDraft.From(new ArchitectureContent("Shop", "", ArchitectureStyle.Layered,
            [new ArchitectureComponent("Api", ComponentKind.Service, ""), new ArchitectureComponent("Db", ComponentKind.Database, "")], []));

        var cut = Render<ArchitectureEditor>(p => p.Add(x => x.Draft, draft).Add(x => x.ReadOnly, true));

        Assert.True(cut.Find("[data-testid=add-component]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=add-connection]").HasAttribute("disabled"));
    }

    [Fact]
    public void TheDiffShowsAddedRemovedAndChangedWithUserTextEscaped()
    {
        var before = new ArchitectureContent("Shop", "", ArchitectureStyle.Layered,
            [new ArchitectureComponent("Api", ComponentKind.Service, "Java"), new ArchitectureComponent("Old", ComponentKind.Cache, "")], []);
        var after = new ArchitectureContent("Shop", "", ArchitectureStyle.Microservices,
            [new ArchitectureComponent("Api", ComponentKind.Service, ".NET"), new ArchitectureComponent("<b>x</b>", ComponentKind.Queue, "")],
            [new ArchitectureConnection("Api", "<b>x</b>", "publishes", "")]);

        var cut = Render<ArchitectureDiffView>(p => p.Add(x => x.Diff, ArchitectureDiff.Between(1, before, 2, after)));

        Assert.Contains("Style:", cut.Find("[data-testid=diff-field]").TextContent);
        Assert.Contains("Old", cut.Find("[data-testid=diff-removed]").TextContent);
        Assert.Contains("Java", cut.Find("[data-testid=diff-changed]").TextContent);
        Assert.Contains(".NET", cut.Find("[data-testid=diff-changed]").TextContent);
        Assert.Equal(2, cut.FindAll("[data-testid=diff-added]").Count);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", cut.Markup);
        Assert.DoesNotContain("<b>x</b>", cut.Markup);
    }

    [Fact]
    public async Task AViewerSeesTheArchitectureReadOnlyAndIsToldWhy()
    {
        var teamId = (await Service<TeamService>().CreateAsync(Ana, "Platform")).Id;
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), teamId, Ana, Di, TeamRole.Viewer);
        var project = await Service<ProjectService>().CreateAsync(Ana, teamId, new ProjectInput("Shop", ""));
        var design = await Service<ArchitectureService>().CreateAsync(Ana, project.Id, new ArchitectureInput("Checkout", "", ArchitectureStyle.Layered,
            [new ComponentInput("Api")]));
        await Service<TeamService>().SelectAsync(Di, teamId);
        SignInAs(Di);

        var cut = Render<ArchitecturePageHost>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=architecture-item]")));
        // What the list's link does: the address names the architecture, and the page opens it.
        await cut.InvokeAsync(() => Service<NavigationManager>().NavigateTo($"/architecture?projectId={project.Id}&id={design.Id}"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=architecture-detail]")));

        Assert.Equal((true, ViewerCannotWrite), State(cut.Find("[data-testid=new-architecture]")));
        Assert.Equal((true, ViewerCannotWrite), State(cut.Find("[data-testid=save-architecture]")));
        Assert.Equal((true, "Your role in this team (Viewer) does not allow this: deleting needs Admin or Owner."),
            State(cut.Find("[data-testid=delete-architecture]")));
        Assert.Contains(ViewerCannotWrite, cut.Find("[data-testid=read-only]").TextContent);
        Assert.Contains("data:image/svg+xml;base64,", cut.Find("[data-testid=component-diagram]").GetAttribute("src"));
        Assert.Equal(design.Id, Assert.Single(await Service<ArchitectureService>().ListAsync(Di, project.Id) is var page ? page.Items : []).Id);
    }

    [Fact]
    public async Task APrerenderedPageViewReadsTheArchitectureOnce()
    {
        var project = await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput("Shop", ""));
        var design = await Service<ArchitectureService>().CreateAsync(Ana, project.Id, new ArchitectureInput("Checkout", "", null, [new ComponentInput("Api")]));
        Store.ResetCounts();
        Service<NavigationManager>().NavigateTo($"/architecture?projectId={project.Id}&id={design.Id}");

        var cut = await RenderPrerenderedThenLiveAsync<ArchitecturePage>(c => Assert.Contains("architecture-detail", c.Markup));

        cut.WaitForAssertion(() => Assert.Contains("Checkout", cut.Find("[data-testid=architecture-detail] h2").TextContent));
        // The prerender's reads only (the list query, the head for the page and again for the history, the history query);
        // a live render that read again would double them.
        Assert.Equal(4, Store.ReadsOf(ArchitectureService.Table));
    }

    [Fact]
    public async Task SomeoneElsesSaveShowsOnAnOpenPageWithoutUnsavedChanges()
    {
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), AnaTeamId, Ana, Cy, TeamRole.Developer);
        var project = await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput("Shop", ""));
        var design = await Service<ArchitectureService>().CreateAsync(Ana, project.Id, new ArchitectureInput("Checkout", "", null, [new ComponentInput("Api")]));
        Service<NavigationManager>().NavigateTo($"/architecture?projectId={project.Id}&id={design.Id}");
        var cut = Render<ArchitecturePageHost>();
        cut.WaitForAssertion(() => Assert.Equal("v1", cut.Find("[data-testid=architecture-version]").TextContent.Trim()));

        await Service<ArchitectureService>().UpdateAsync(Cy, design.Id, new ArchitectureInput("Checkout 2", null), 1, "Renamed by Cy");

        cut.WaitForAssertion(() => Assert.Equal("v2", cut.Find("[data-testid=architecture-version]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Contains("Cy Chen changed", cut.Markup);
    }
}
