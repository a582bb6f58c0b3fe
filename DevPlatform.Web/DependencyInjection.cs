using DevPlatform.Core;
using DevPlatform.Web.Api;
using DevPlatform.Web.Hosting;
using DevPlatform.Web.Identity;
using MudBlazor.Services;

namespace DevPlatform.Web;

public static class DependencyInjection
{
    public static WebApplicationBuilder AddDevPlatformWeb(this WebApplicationBuilder builder)
    {
        RootSettingsFile.Add(builder);
        builder.Services.AddDevPlatformCore(builder.Configuration);

        // Blazor and MudBlazor
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        // Screens: state behind a page, one per page instance
        builder.Services.AddTransient<Components.Pages.Projects.ProjectsScreen>();
        builder.Services.AddScoped<Components.Shared.BrowserTimeZone>();

        // Identity
        AuthenticationSetup.Add(builder);

        // HTTP API
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.AddScoped<ApiCaller>();
        // Unreadable JSON becomes a BadHttpRequestException that DomainExceptionHandler answers with problem details.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }
}
