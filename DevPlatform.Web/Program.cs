using DevPlatform.Web;
using DevPlatform.Web.Api;
using DevPlatform.Web.Components;
using DevPlatform.Web.Hosting;
using DevPlatform.Web.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddDevPlatformWeb();

var app = builder.Build();
ProxySetup.Use(app);
app.UseExceptionHandler();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseApiStatusCodes();
app.UseDevHeaderRules();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapPlatformEndpoints();
app.MapAccountEndpoints();
app.MapProjectsEndpoints();
app.MapTeamEndpoints();
app.MapInvitationEndpoints();
app.MapTokensEndpoints();
app.MapArchitectureEndpoints();
app.MapSettingsEndpoints();
app.MapPictureEndpoints();
app.MapDocumentationEndpoints();
app.MapSchemaEndpoints();
app.MapCodeGenerationEndpoints();
app.MapApiDescription();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
