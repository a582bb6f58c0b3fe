using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Tokens;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Core.Tokens;

/// <summary>Personal API tokens: shown once, stored hashed, capped by scope, refused once expired or revoked. On both backends.</summary>
public abstract class ApiTokenServiceTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima");
    private readonly ShiftableTime _time = new();
    private ServiceHarness _harness = null!;
    private ApiTokenService Tokens => _harness.Get<ApiTokenService>();

    public async Task InitializeAsync()
    {
        _harness = await new ServiceHarness(emulators, s => s.AddSingleton<TimeProvider>(_time)).StartAsync();
        await _harness.Get<TeamDirectory>().EnsureUserAsync(Ana);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ATokenActsAsItsOwnerAndOnlyItsHashIsStored()
    {
        var issued = await Tokens.CreateAsync(Ana, "CI", ApiTokenScope.ReadWrite, 30);

        var (actor, _, rejection) = await Tokens.AuthenticateAsync(issued.Secret);

        Assert.Null(rejection);
        Assert.Equal((Ana.UserId, false), (actor!.UserId, actor.ReadOnly));
        var item = await _harness.Get<IDocumentStore>().GetAsync(ApiTokenService.Table, new DocumentKey($"TOKEN#{issued.Token.Id}", "TOKEN"));
        Assert.DoesNotContain(issued.Secret, item!.Body);
        Assert.DoesNotContain(issued.Secret[20..], item.Body);
    }

    [Fact]
    public async Task AReadOnlyTokenReadsButChangesNothing()
    {
        var issued = await Tokens.CreateAsync(Ana, "Dashboards", ApiTokenScope.ReadOnly, 30);
        var (actor, _, _) = await Tokens.AuthenticateAsync(issued.Secret);
        var team = TeamDirectory.PersonalTeamId(Ana.UserId);

        await _harness.Get<ProjectService>().ListAsync(actor!, team, new ProjectListQuery());

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => _harness.Get<ProjectService>().CreateAsync(actor!, team, new ProjectInput("No", "")));
        Assert.Contains("read-only", refused.Message);
        Assert.Equal(0, (await _harness.Get<ProjectService>().ListAsync(Ana, team, new ProjectListQuery())).TotalInTeam);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefused()
    {
        var issued = await Tokens.CreateAsync(Ana, "Short", ApiTokenScope.ReadWrite, 1);
        _time.Offset = TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1);

        var (actor, _, rejection) = await Tokens.AuthenticateAsync(issued.Secret);

        Assert.Null(actor);
        Assert.Contains("expired", rejection!.Reason);
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedAndLeavesTheList()
    {
        var issued = await Tokens.CreateAsync(Ana, "Old", ApiTokenScope.ReadWrite, 30);

        await Tokens.RevokeAsync(Ana, issued.Token.Id);

        Assert.Null((await Tokens.AuthenticateAsync(issued.Secret)).Actor);
        Assert.Empty(await Tokens.ListAsync(Ana));
    }

    [Fact]
    public async Task AnotherPersonCannotRevokeYourToken()
    {
        var issued = await Tokens.CreateAsync(Ana, "Mine", ApiTokenScope.ReadWrite, 30);

        await Assert.ThrowsAsync<NotFoundException>(() => Tokens.RevokeAsync(new Actor("bo", "Bo"), issued.Token.Id));

        Assert.NotNull((await Tokens.AuthenticateAsync(issued.Secret)).Actor);
    }

    [Fact]
    public async Task UseIsRecordedAtMostOncePerMinute()
    {
        var issued = await Tokens.CreateAsync(Ana, "Busy", ApiTokenScope.ReadWrite, 30);

        await Tokens.AuthenticateAsync(issued.Secret);
        var first = Assert.Single(await Tokens.ListAsync(Ana)).LastUsedAt;
        await Tokens.AuthenticateAsync(issued.Secret);

        Assert.NotNull(first);
        Assert.Equal(first, Assert.Single(await Tokens.ListAsync(Ana)).LastUsedAt);
    }

    [Theory]
    [InlineData("dp_")]
    [InlineData("dp_0123456789abcdef0123456789abcdef_wrong")]
    [InlineData("not a token at all")]
    public async Task AForgedTokenIsRefused(string bearer)
    {
        await Tokens.CreateAsync(Ana, "Real", ApiTokenScope.ReadWrite, 30);

        var (actor, _, rejection) = await Tokens.AuthenticateAsync(bearer);

        Assert.Null(actor);
        Assert.NotNull(rejection);
    }

    [Theory]
    [InlineData("", 30)]
    [InlineData("ok", 0)]
    [InlineData("ok", 367)]
    public async Task AnInvalidRequestIsRefusedAndNothingIsStored(string name, int days)
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() => Tokens.CreateAsync(Ana, name, ApiTokenScope.ReadOnly, days));

        Assert.Empty(await Tokens.ListAsync(Ana));
    }
}

public sealed class SqliteApiTokenServiceTests() : ApiTokenServiceTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoApiTokenServiceTests(AwsEmulators emulators) : ApiTokenServiceTests(emulators);
