using Bunit;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Web.Components.Pages.Schema;
using Microsoft.AspNetCore.Components;
using static DevPlatform.Tests.Components.Team.TeamPageTests;

namespace DevPlatform.Tests.Components.Schema;

/// <summary>The schema editor (grid and JSON text, one draft), the diff view, and the page's roles, prerender and stale saves.</summary>
public sealed class SchemaComponentTests : ComponentTestBase
{
    private const string ViewerCannotWrite = "Your role in this team (Viewer) does not allow this: creating and editing needs Developer or above.";

    private static SchemaInput Shop => new("Shop",
    [
        new EntityInput("Customer", [new FieldInput("email", FieldType.String, true, 320)]),
        new EntityInput("Order", [new FieldInput("total", FieldType.Decimal)], [new RelationInput("customer", RelationKind.ManyToOne, "Customer")]),
    ]);

    [Fact]
    public void TheGridMarksWhatTheServerWouldRefuseInItsWords()
    {
        var draft = SchemaDraft.From(new SchemaInput("Shop",
            [new EntityInput("Customer", [new FieldInput("email", FieldType.String), new FieldInput("Email", FieldType.String), new FieldInput("tier", FieldType.Enum)])]));

        var cut = Render<SchemaDesigner>(p => p.Add(x => x.Draft, draft));

        var text = System.Net.WebUtility.HtmlDecode(cut.Markup);
        Assert.Contains("Another field or relation of this entity is named 'Email' (names are compared ignoring case).", text);
        Assert.Contains("An enum field needs at least one value.", text);
        Assert.False(draft.IsValid);
    }

    [Fact]
    public async Task TypingAReservedWordInTheGridIsMarkedAtOnceAndTellsThePage()
    {
        var draft = SchemaDraft.From(Shop);
        var changes = 0;
        var cut = Render<SchemaDesigner>(p => p.Add(x => x.Draft, draft).Add(x => x.Changed, EventCallback.Factory.Create(this, () => changes++)));

        await cut.InvokeAsync(() => cut.Find("input[data-testid=field-name]").Input("class"));

        cut.WaitForAssertion(() => Assert.Contains("'class' is a reserved word in C# and TypeScript; choose another name.", System.Net.WebUtility.HtmlDecode(cut.Markup)));
        Assert.Equal(("class", 1), (draft.Entities[0].Fields[0].Name, changes));
        Assert.Equal(["entities[0].fields[0].name"], draft.Errors.Keys);
    }

    [Fact]
    public async Task TheJsonViewAndTheGridEditOneSchemaBothWays()
    {
        var draft = SchemaDraft.From(Shop);
        SchemaDraft? replaced = null;
        var text = Render<SchemaTextView>(p => p.Add(x => x.Draft, draft).Add(x => x.Replaced, EventCallback.Factory.Create<SchemaDraft>(this, d => replaced = d)));
        var json = text.Find("textarea").GetAttribute("value") ?? text.Find("textarea").TextContent;
        Assert.Contains("\"name\": \"total\", \"type\": \"decimal\"", json);

        // Text → grid: the JSON, once it reads, is the draft the grid shows.
        await text.InvokeAsync(() => text.Find("textarea").Input(json.Replace("\"type\": \"decimal\"", "\"type\": \"int\", \"required\": true")));
        text.WaitForAssertion(() => Assert.NotNull(replaced));
        var grid = Render<SchemaDesigner>(p => p.Add(x => x.Draft, replaced!));
        await grid.InvokeAsync(() => grid.FindAll("[data-testid=entity-item]")[1].Click());
        grid.WaitForAssertion(() => Assert.Equal("total", grid.Find("input[data-testid=field-name]").GetAttribute("value")));
        Assert.Equal((FieldType.Int, true), (replaced!.Entities[1].Fields[0].Type, replaced.Entities[1].Fields[0].Required));

        // Grid → text: a change in the grid is what the JSON view shows next.
        await grid.InvokeAsync(() => grid.Find("input[data-testid=field-name]").Input("amount"));
        text.Render(p => p.Add(x => x.Draft, replaced));
        Assert.Contains("\"name\": \"amount\", \"type\": \"int\", \"required\": true", text.Find("textarea").GetAttribute("value") ?? text.Find("textarea").TextContent);
    }

    [Fact]
    public async Task JsonThatDoesNotReadSaysWhereAndLeavesTheDraftAlone()
    {
        var draft = SchemaDraft.From(Shop);
        var replaced = 0;
        var cut = Render<SchemaTextView>(p => p.Add(x => x.Draft, draft).Add(x => x.Replaced, EventCallback.Factory.Create<SchemaDraft>(this, _ => replaced++)));

        await cut.InvokeAsync(() => cut.Find("textarea").Input("{\n  \"name\": \"Shop\",\n  \"entities\": [ { \"name\": \"Customer\", \"fields\": [ { \"type\": \"float\" } ] } ]\n}"));

        cut.WaitForAssertion(() => Assert.Contains("Line 3", cut.Find("[data-testid=json-error]").TextContent));
        Assert.Contains("entities[0].fields[0].type must be one of string, text, int", cut.Find("[data-testid=json-error]").TextContent);
        Assert.Equal(0, replaced);
        Assert.Equal("Customer", draft.Entities[0].Name);
    }

    [Fact]
    public void TheDiffViewColoursAddedRemovedAndChangedBadgesWhatBreaksAndEscapesNames()
    {
        var before = new SchemaDefinition([new SchemaEntity("Customer", [new SchemaField("age", FieldType.Long), new SchemaField("nick", FieldType.String)], [], [])]);
        var after = new SchemaDefinition([new SchemaEntity("Customer", [new SchemaField("age", FieldType.Int), new SchemaField("bio", FieldType.Text)], [], [])]);

        var cut = Render<SchemaDiffView>(p => p.Add(x => x.Diff, SchemaComparer.Between(1, "<b>Shop</b>", before, 2, "Shop", after)));

        var age = Assert.Single(cut.FindAll(".schema-diff-changed"), row => row.TextContent.Contains("Customer.age"));
        Assert.Contains("narrowed type long → int", age.TextContent);
        Assert.Contains("name: <b>Shop</b> → Shop", cut.FindAll(".schema-diff-changed")[0].TextContent);
        Assert.Single(cut.FindAll(".schema-diff-added"));
        Assert.Single(cut.FindAll(".schema-diff-removed"));
        Assert.Equal(2, cut.FindAll("[data-testid=breaking-badge]").Count);
        Assert.Contains("2 breaking", cut.Find("[data-testid=diff-breaking-count]").TextContent);
        Assert.Contains("&lt;b&gt;Shop&lt;/b&gt;", cut.Markup);
        Assert.DoesNotContain("<b>Shop</b>", cut.Markup);
    }

    [Fact]
    public async Task AViewerSeesTheSchemaReadOnlyAndIsToldWhy()
    {
        var teamId = (await Service<TeamService>().CreateAsync(Ana, "Platform")).Id;
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), teamId, Ana, Di, TeamRole.Viewer);
        var project = await Service<ProjectService>().CreateAsync(Ana, teamId, new ProjectInput("Shop", ""));
        var schema = await Service<SchemaService>().CreateAsync(Ana, project.Id, Shop);
        await Service<TeamService>().SelectAsync(Di, teamId);
        SignInAs(Di);
        Service<NavigationManager>().NavigateTo($"/schema?projectId={project.Id}&schemaId={schema.Id}");

        var cut = Render<SchemaPageHost>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=schema-detail]")));
        Assert.Equal((true, ViewerCannotWrite), State(cut.Find("[data-testid=new-schema]")));
        Assert.Equal((true, ViewerCannotWrite), State(cut.Find("[data-testid=save-schema]")));
        Assert.Equal((true, "Your role in this team (Viewer) does not allow this: deleting needs Admin or Owner."), State(cut.Find("[data-testid=delete-schema]")));
        Assert.Contains(ViewerCannotWrite, cut.Find("[data-testid=read-only]").TextContent);
        Assert.True(cut.Find("[data-testid=add-entity]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task APrerenderedPageViewReadsTheSchemaOnce()
    {
        var project = await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput("Shop", ""));
        var schema = await Service<SchemaService>().CreateAsync(Ana, project.Id, Shop);
        Store.ResetCounts();
        Service<NavigationManager>().NavigateTo($"/schema?projectId={project.Id}&schemaId={schema.Id}");

        var cut = await RenderPrerenderedThenLiveAsync<SchemaPage>(c => Assert.Contains("schema-detail", c.Markup));

        cut.WaitForAssertion(() => Assert.Equal("Shop", cut.Find("[data-testid=schema-title]").TextContent.Trim()));
        // The prerender's reads only (the list query; the head and the version item; the head and the history query);
        // a live render that read again would double them.
        Assert.Equal(5, Store.ReadsOf(SchemaService.Table));
    }

    [Fact]
    public async Task AStaleSaveKeepsTheDraftSaysWhoSavedAndCanSaveOnTopOnceConfirmed()
    {
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), AnaTeamId, Ana, Cy, TeamRole.Developer);
        var project = await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput("Shop", ""));
        var schema = await Service<SchemaService>().CreateAsync(Ana, project.Id, Shop);
        Service<NavigationManager>().NavigateTo($"/schema?projectId={project.Id}&schemaId={schema.Id}");
        var cut = Render<SchemaPageHost>();
        cut.WaitForAssertion(() => Assert.Equal("v1", cut.Find("[data-testid=schema-version]").TextContent.Trim()));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=edit-schema-name]").Input("Shop (Ana)"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=unsaved]")));

        await Service<SchemaService>().SaveAsync(Cy, schema.Id, Shop with { Name = "Shop (Cy)" }, 1, "Cy's change");
        cut.WaitForAssertion(() => Assert.Contains("Cy Chen saved a new version", cut.Markup), TimeSpan.FromSeconds(10));
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-schema]").Click());

        cut.WaitForAssertion(() => Assert.Contains("Cy Chen saved version 2 while you were editing version 1", cut.Find("[data-testid=save-conflict]").TextContent));
        Assert.Equal("Shop (Ana)", cut.Find("input[data-testid=edit-schema-name]").GetAttribute("value"));
        Assert.Equal("Shop (Cy)", (await Service<SchemaService>().GetAsync(Ana, schema.Id)).Name);

        await cut.InvokeAsync(() => cut.Find("[data-testid=conflict-save-over]").Click());
        await ClickButton(cut, "Save mine");

        cut.WaitForAssertion(() => Assert.Equal("v3", cut.Find("[data-testid=schema-version]").TextContent.Trim()));
        Assert.Equal("Shop (Ana)", (await Service<SchemaService>().GetAsync(Ana, schema.Id)).Name);
        Assert.Empty(cut.FindAll("[data-testid=save-conflict]"));
    }
}
