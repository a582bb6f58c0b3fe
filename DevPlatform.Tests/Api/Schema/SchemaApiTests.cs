using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Schema;

/// <summary>/api/schema on both backends: the issue's body shape, versions with baseVersion, diffs, restore, delete, and every refusal in words.</summary>
public abstract class SchemaApiTests(SchemaApiApp app) : IAsyncLifetime
{
    private string _projectId = "";

    public async Task InitializeAsync() => _projectId = await app.NewProjectAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The issue's shape: {"projectId","name","message","entities":[{"name","fields":[…],"relations":[…],"indexes":[…]}]}.</summary>
    private string Body(string name = "Shop", string fieldsOfOrder = """{"name":"total","type":"decimal","required":true,"default":0}""") => $$"""
        {"projectId":"{{_projectId}}","name":"{{name}}","message":"First model","entities":[
          {"name":"Customer","fields":[
             {"name":"email","type":"string","required":true,"maxLength":320,"unique":true,"default":null,"values":null},
             {"name":"tier","type":"enum","required":true,"default":"standard","values":["standard","gold"]}],
           "relations":[{"name":"orders","kind":"one-to-many","target":"Order"}],
           "indexes":[{"name":"ix_customer_tier","fields":["tier"]}]},
          {"name":"Order","fields":[{{fieldsOfOrder}}],
           "relations":[{"name":"customer","kind":"many-to-one","target":"Customer","required":true},{"name":"tags","kind":"many-to-many","target":"Tag"}]},
          {"name":"Tag","fields":[{"name":"label","type":"string","maxLength":40}]}]}
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<string> CreateAsync(string? body = null)
    {
        var response = await app.Ana.PostAsync("/api/schema", Json(body ?? Body()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiProblem.JsonAsync(response)).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task TheIssuesBodyCreatesASchemaThatReadsBackInTheSameWords()
    {
        var created = await app.Ana.PostAsync("/api/schema", Json(Body()));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await ApiProblem.JsonAsync(created);
        var id = answer.GetProperty("id").GetString()!;
        Assert.Equal($"/api/schema/{id}", created.Headers.Location?.OriginalString);
        var read = await ApiProblem.JsonAsync(await app.Ana.GetAsync($"/api/schema/{id}"));
        Assert.Equal((1, "Shop", "First model"), (read.GetProperty("version").GetInt32(), read.GetProperty("name").GetString(), read.GetProperty("message").GetString()));
        var order = read.GetProperty("entities")[1];
        Assert.Equal(("decimal", "0"), (order.GetProperty("fields")[0].GetProperty("type").GetString(), order.GetProperty("fields")[0].GetProperty("default").GetString()));
        Assert.Equal("many-to-one", order.GetProperty("relations")[0].GetProperty("kind").GetString());
        var listed = await ApiProblem.JsonAsync(await app.Ana.GetAsync($"/api/schema?projectId={_projectId}"));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id && s.GetProperty("entityCount").GetInt32() == 3);
    }

    [Fact]
    public async Task SavesNeedTheirBaseVersionAndAStaleOneIsAConflictThatStoresNothing()
    {
        var id = await CreateAsync();
        var v2 = Body("Shop", """{"name":"total","type":"int","required":true}""").Replace($"\"projectId\":\"{_projectId}\"", "\"baseVersion\":1");

        var saved = await app.Ana.PutAsync($"/api/schema/{id}", Json(v2));
        var stale = await app.Ana.PutAsync($"/api/schema/{id}", Json(v2.Replace("\"Shop\"", "\"Stale\"")));
        var missing = await app.Ana.PutAsync($"/api/schema/{id}", Json(v2.Replace("\"baseVersion\":1,", "")));

        Assert.Equal(2, (await ApiProblem.JsonAsync(saved)).GetProperty("version").GetInt32());
        Assert.Contains("now at version 2", (await ApiProblem.AssertAsync(stale, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal("baseVersion", (await ApiProblem.AssertAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Single().Name);
        var versions = await ApiProblem.JsonAsync(await app.Ana.GetAsync($"/api/schema/{id}/versions"));
        Assert.Equal(["First model", "First model"], versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("message").GetString()));
        Assert.Equal("ana", versions.GetProperty("items")[0].GetProperty("authorId").GetString());
        var first = await ApiProblem.JsonAsync(await app.Ana.GetAsync($"/api/schema/{id}?version=1"));
        Assert.Equal("decimal", first.GetProperty("entities")[1].GetProperty("fields")[0].GetProperty("type").GetString());
        Assert.Equal(2, first.GetProperty("latestVersion").GetInt32());
    }

    [Fact]
    public async Task TheDiffNamesChangesAndFlagsTheBreakingOnes()
    {
        var id = await CreateAsync();
        var v2 = Body("Shop", """{"name":"total","type":"int","required":true},{"name":"note","type":"text"}""").Replace($"\"projectId\":\"{_projectId}\"", "\"baseVersion\":1");
        (await app.Ana.PutAsync($"/api/schema/{id}", Json(v2))).EnsureSuccessStatusCode();

        var diff = await ApiProblem.JsonAsync(await app.Ana.GetAsync($"/api/schema/{id}/diff?from=1&to=2"));

        var changes = diff.GetProperty("changes").EnumerateArray().ToList();
        var total = Assert.Single(changes, c => c.GetProperty("name").GetString() == "total");
        Assert.Equal(("field", "changed"), (total.GetProperty("part").GetString(), total.GetProperty("kind").GetString()));
        Assert.Equal("narrowed type decimal → int", total.GetProperty("breaking")[0].GetString());
        Assert.Equal("added", Assert.Single(changes, c => c.GetProperty("name").GetString() == "note").GetProperty("kind").GetString());
        Assert.True(diff.GetProperty("hasBreakingChanges").GetBoolean());
        await ApiProblem.AssertAsync(await app.Ana.GetAsync($"/api/schema/{id}/diff?from=1"), HttpStatusCode.BadRequest);
        await ApiProblem.AssertAsync(await app.Ana.GetAsync($"/api/schema/{id}/diff?from=1&to=9"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name":"total","type":"float"}""", "entities[1].fields[0].type",
        "entities[1].fields[0].type must be one of string, text, int, long, decimal, bool, date, datetime, uuid, enum, json.")]
    [InlineData("""{"name":"total","type":"int","maxLength":"ten"}""", "entities[1].fields[0].maxLength", "entities[1].fields[0].maxLength must be a whole number.")]
    [InlineData("""{"name":"class","type":"int"}""", "entities[1].fields[0].name", "'class' is a reserved word in C# and TypeScript; choose another name.")]
    [InlineData("""{"name":"total","type":"int","default":"many"}""", "entities[1].fields[0].default", "'many' is not a whole number between -2147483648 and 2147483647.")]
    [InlineData("""{"name":"total","type":"int","default":[1]}""", "entities[1].fields[0].default", null)]
    public async Task BadInputIsA400NamingTheFieldAndStoresNothing(string field, string path, string? message)
    {
        var response = await app.Ana.PostAsync("/api/schema", Json(Body(fieldsOfOrder: field)));

        var problem = await ApiProblem.AssertAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(path, out var messages), problem.ToString());
        if (message is not null) Assert.Equal(message, messages[0].GetString());
        var listed = await ApiProblem.JsonAsync(await app.Ana.GetAsync($"/api/schema?projectId={_projectId}"));
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnUnknownRelationKindIsNamedWithTheWordsItMayBe()
    {
        var response = await app.Ana.PostAsync("/api/schema", Json(Body().Replace("\"one-to-many\"", "\"one-to-one\"")));

        var problem = await ApiProblem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("entities[0].relations[0].kind must be one of one-to-many, many-to-one, many-to-many.",
            problem.GetProperty("errors").GetProperty("entities[0].relations[0].kind")[0].GetString());
    }

    [Fact]
    public async Task AHugeSchemaIsRefusedAndABodyOverTheLimitIsNotEvenRead()
    {
        var fields = string.Join(",", Enumerable.Range(0, 200).Select(i => $$"""{"name":"field{{i}}","type":"string","default":"{{new string('x', 30)}}"}"""));
        var entities = string.Join(",", Enumerable.Range(0, 60).Select(i => $$"""{"name":"E{{i}}","fields":[{{fields}}]}"""));
        var tooLarge = $$"""{"projectId":"{{_projectId}}","name":"Big","entities":[{{entities}}]}""";
        var flood = $$"""{"projectId":"{{_projectId}}","name":"Flood","message":"{{new string('m', 3 * 1024 * 1024)}}"}""";

        var large = await app.Ana.PostAsync("/api/schema", Json(tooLarge));
        var flooded = await app.Ana.PostAsync("/api/schema", Json(flood));

        Assert.StartsWith("The schema is too large to store",
            (await ApiProblem.AssertAsync(large, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("entities")[0].GetString());
        await ApiProblem.AssertAsync(flooded, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await ApiProblem.JsonAsync(await app.Ana.GetAsync($"/api/schema?projectId={_projectId}"))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task RestoreMakesANewVersionAndDeleteTakesEveryVersion()
    {
        var id = await CreateAsync();
        var v2 = Body("Renamed").Replace($"\"projectId\":\"{_projectId}\"", "\"baseVersion\":1");
        (await app.Ana.PutAsync($"/api/schema/{id}", Json(v2))).EnsureSuccessStatusCode();

        var restored = await app.Ana.PostAsJsonAsync($"/api/schema/{id}/versions/1/restore", new { baseVersion = 2 });
        var stale = await app.Ana.PostAsJsonAsync($"/api/schema/{id}/versions/1/restore", new { baseVersion = 2 });

        var three = await ApiProblem.JsonAsync(restored);
        Assert.Equal((3, "Shop", 1), (three.GetProperty("version").GetInt32(), three.GetProperty("name").GetString(), three.GetProperty("restoredFrom").GetInt32()));
        await ApiProblem.AssertAsync(stale, HttpStatusCode.Conflict);
        await ApiProblem.AssertAsync(await app.Ana.DeleteAsync($"/api/schema/{id}?version=2"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Ana.DeleteAsync($"/api/schema/{id}?version=3")).StatusCode);
        await ApiProblem.AssertAsync(await app.Ana.GetAsync($"/api/schema/{id}?version=1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheErDiagramIsSvgThatCannotRunScript()
    {
        var id = await CreateAsync(Body("<script>alert(1)</script>"));

        var response = await app.Ana.GetAsync($"/api/schema/{id}/er-diagram");

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        var svg = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", svg);
        Assert.Contains("Customer", svg);
    }

    [Fact]
    public async Task AnotherTeamsSchemaAndAnotherProjectsIdAreNotFound()
    {
        var id = await CreateAsync();
        var otherProject = await app.NewProjectAsync();

        await ApiProblem.AssertAsync(await app.Bo.GetAsync($"/api/schema/{id}"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await app.Bo.GetAsync($"/api/schema?projectId={_projectId}"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await app.Bo.PostAsync("/api/schema", Json(Body())), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await app.Ana.GetAsync($"/api/schema/{id}?projectId={otherProject}"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await app.Ana.GetAsync("/api/schema/sch_0000"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await app.Ana.GetAsync("/api/schema"), HttpStatusCode.BadRequest);
    }
}

public sealed class SqliteSchemaApiTests(SqliteSchemaApiApp app) : SchemaApiTests(app), IClassFixture<SqliteSchemaApiApp>;

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoSchemaApiTests(DynamoSchemaApiApp app) : SchemaApiTests(app), IClassFixture<DynamoSchemaApiApp>;
