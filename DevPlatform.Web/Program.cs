using DevPlatform.Web;
using DevPlatform.Web.Api;
using DevPlatform.Web.Components;

var builder = WebApplication.CreateBuilder(args);
builder.AddDevPlatformWeb();

var app = builder.Build();
app.UseExceptionHandler();
// API errors without a body get problem details; pages get the friendly 404 page.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapPlatformEndpoints();
app.MapAccountEndpoints();
app.MapProjectsEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
