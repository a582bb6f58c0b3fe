using Bunit;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Web.Components.Pages.Projects;
using static DevPlatform.Tests.Components.Team.TeamPageTests;

namespace DevPlatform.Tests.Components.Projects;

/// <summary>The Projects pages offer what the caller's role in the team allows, and say why on what they do not.</summary>
public sealed class ProjectsRoleTests : ComponentTestBase
{
    private const string ViewerCannotWrite = "Your role in this team (Viewer) does not allow this: creating and editing needs Developer or above.";
    private const string DeveloperCannotDelete = "Your role in this team (Developer) does not allow this: deleting needs Admin or Owner.";
    private Project _project = null!;
    private string _teamId = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _teamId = (await Service<TeamService>().CreateAsync(Ana, "Platform")).Id;
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), _teamId, Ana, Cy, TeamRole.Developer);
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), _teamId, Ana, Di, TeamRole.Viewer);
        _project = await Service<ProjectService>().CreateAsync(Ana, _teamId, new ProjectInput("Payments", ""));
    }

    [Fact]
    public async Task AViewerCanNeitherCreateNorEditNorDeleteAndIsToldWhy()
    {
        var cut = await ProjectsAsAsync(Di);

        Assert.Equal((true, ViewerCannotWrite), State(cut.Find("[data-testid=new-project]")));
        Assert.Equal((true, ViewerCannotWrite), State(cut.Find("[data-testid=edit-project]")));
        Assert.Equal((true, "Your role in this team (Viewer) does not allow this: deleting needs Admin or Owner."),
            State(cut.Find("[data-testid=delete-project]")));
    }

    [Fact]
    public async Task ADeveloperCanCreateAndEditButNotDelete()
    {
        var cut = await ProjectsAsAsync(Cy);

        Assert.Equal((false, null), State(cut.Find("[data-testid=new-project]")));
        Assert.Equal((false, null), State(cut.Find("[data-testid=edit-project]")));
        Assert.Equal((true, DeveloperCannotDelete), State(cut.Find("[data-testid=delete-project]")));
    }

    [Fact]
    public async Task AViewerWithNoProjectsIsNotInvitedToCreateOne()
    {
        await Service<ProjectService>().DeleteAsync(Ana, _project.Id, _project.Version);

        var cut = await ProjectsAsAsync(Di);

        cut.WaitForAssertion(() => Assert.Contains("When a Developer, Admin or Owner of the team creates one", cut.Find("[data-testid=projects-empty]").TextContent));
        Assert.DoesNotContain("Create a project", cut.Markup);
    }

    [Fact]
    public async Task APromotionWhileThePageIsOpenEnablesWhatTheNewRoleAllows()
    {
        var cut = await ProjectsAsAsync(Di);

        await Service<TeamMembership>().ChangeRoleAsync(Ana, _teamId, Di.UserId, TeamRole.Developer);

        cut.WaitForAssertion(() => Assert.Equal((false, null), State(cut.Find("[data-testid=edit-project]"))), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void OnAProjectsPageADeveloperMayEditButNotDelete()
    {
        SignInAs(Cy);

        var cut = Render<ProjectDetailPage>(p => p.Add(x => x.Id, _project.Id));

        cut.WaitForAssertion(() => Assert.Equal("Payments", cut.Find("h1").TextContent));
        Assert.Equal((false, null), State(cut.Find("[data-testid=edit-project]")));
        Assert.Equal((true, DeveloperCannotDelete), State(cut.Find("[data-testid=delete-project]")));
    }

    [Fact]
    public void OnAProjectsPageAViewerMayNeitherEditNorDelete()
    {
        SignInAs(Di);

        var cut = Render<ProjectDetailPage>(p => p.Add(x => x.Id, _project.Id));

        cut.WaitForAssertion(() => Assert.Equal("Payments", cut.Find("h1").TextContent));
        Assert.Equal((true, ViewerCannotWrite), State(cut.Find("[data-testid=edit-project]")));
    }

    private async Task<IRenderedComponent<ProjectsPageHost>> ProjectsAsAsync(Actor viewer)
    {
        await Service<TeamService>().SelectAsync(viewer, _teamId);
        SignInAs(viewer);
        var cut = Render<ProjectsPageHost>();
        // Loaded: the project's row, or the empty state.
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=edit-project], [data-testid=projects-empty]")));
        return cut;
    }
}
