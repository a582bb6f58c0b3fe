using System.Security.Claims;
using DevPlatform.Core.Identity;
using DevPlatform.Web.Identity;

namespace DevPlatform.Tests.Api.Identity;

/// <summary>The provider's claims become the app's actor only where they meet the app's rules; the rest is dropped.</summary>
public sealed class OidcClaimsTests
{
    [Fact]
    public void SubjectNameEmailAndPictureBecomeTheActor()
    {
        var actor = OidcClaims.ToActor(Provider(("sub", "auth0|5f1c"), ("name", "Ana Lima"), ("email", "ana@example.com"),
            ("email_verified", "true"), ("picture", "https://lh3.example.com/a/photo.jpg")));

        Assert.Equal(new Actor("auth0|5f1c", "Ana Lima") { Email = "ana@example.com", PictureUrl = "https://lh3.example.com/a/photo.jpg" }, actor);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ana lima")]
    [InlineData("ana\u200B")]
    [InlineData(".")]
    [InlineData("..")]
    public void ASubjectThatCannotBeAUserIdRefusesTheSignIn(string? subject)
    {
        var claims = subject is null ? Provider(("name", "Ana")) : Provider(("sub", subject), ("name", "Ana"));

        Assert.Null(OidcClaims.ToActor(claims));
    }

    [Fact]
    public void ASubjectLongerThanAUserIdRefusesTheSignIn() =>
        Assert.Null(OidcClaims.ToActor(Provider(("sub", new string('a', ActorClaims.UserIdMaxLength + 1)))));

    [Theory]
    [InlineData("Ana Lima", "ana.l", "ana@example.com", "Ana Lima")]
    [InlineData(null, "ana.l", "ana@example.com", "ana.l")]
    [InlineData("  ", null, "ana@example.com", "ana@example.com")]
    [InlineData("\u202EamiL anA", "ana.l", null, "ana.l")]
    [InlineData(null, null, null, "u-1")]
    public void TheDisplayNameIsTheFirstUsableOfNamePreferredUsernameEmailAndId(string? name, string? username, string? email, string expected)
    {
        var claims = new List<(string, string)> { ("sub", "u-1") };
        if (name is not null) claims.Add(("name", name));
        if (username is not null) claims.Add(("preferred_username", username));
        if (email is not null) claims.Add(("email", email));

        Assert.Equal(expected, OidcClaims.ToActor(Provider([.. claims]))!.DisplayName);
    }

    [Fact]
    public void AnOverlongNameFallsBackRatherThanBeingCut() =>
        Assert.Equal("ana.l", OidcClaims.ToActor(Provider(("sub", "u-1"), ("name", new string('n', 81)), ("preferred_username", "ana.l")))!.DisplayName);

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("/avatars/ana.png")]
    [InlineData("//cdn.example.com/ana.png")]
    [InlineData("ftp://example.com/ana.png")]
    [InlineData("https://user:secret@example.com/ana.png")]
    [InlineData("https://example.com/ana .png")]
    [InlineData("https://example.com/\u202Egnp.exe")]
    public void APictureThatIsNotAPlainWebUrlIsDropped(string picture) =>
        Assert.Null(OidcClaims.ToActor(Provider(("sub", "u-1"), ("picture", picture)))!.PictureUrl);

    [Fact]
    public void APictureUrlLongerThanTheCapIsDropped()
    {
        var atCap = "https://example.com/" + new string('p', ActorClaims.PictureUrlMaxLength - 20);

        Assert.Equal(atCap, OidcClaims.ToActor(Provider(("sub", "u-1"), ("picture", atCap)))!.PictureUrl);
        Assert.Null(OidcClaims.ToActor(Provider(("sub", "u-1"), ("picture", atCap + "p")))!.PictureUrl);
    }

    [Theory]
    [InlineData("ana@example.com", null, "ana@example.com")]
    [InlineData("ana@example.com", "true", "ana@example.com")]
    [InlineData("ana@example.com", "false", null)]
    [InlineData("ana@example.com", "False", null)]
    [InlineData("not-an-address", null, null)]
    [InlineData("ana@@example.com", null, null)]
    [InlineData("ana @example.com", null, null)]
    [InlineData("@example.com", null, null)]
    public void AnEmailIsKeptOnlyWhenItLooksLikeOneAndIsNotSaidToBeUnverified(string email, string? verified, string? expected)
    {
        var claims = verified is null ? Provider(("sub", "u-1"), ("email", email)) : Provider(("sub", "u-1"), ("email", email), ("email_verified", verified));

        Assert.Equal(expected, OidcClaims.ToActor(claims)!.Email);
    }

    [Fact]
    public void TheCookiePrincipalCarriesEmailAndPictureBack()
    {
        var actor = new Actor("ana", "Ana Lima") { Email = "ana@example.com", PictureUrl = "https://example.com/ana.png" };

        Assert.Equal(actor, ActorClaims.FromPrincipal(ActorClaims.ToPrincipal(actor, "test")));
        Assert.Equal(new Actor("bo", "Bo"), ActorClaims.FromPrincipal(ActorClaims.ToPrincipal(new Actor("bo", "Bo"), "test")));
    }

    private static ClaimsPrincipal Provider(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));
}
