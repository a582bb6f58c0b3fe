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
        builder.Services.AddTransient<Components.Pages.Team.TeamScreen>();
        builder.Services.AddTransient<Components.Pages.Architecture.ArchitectureScreen>();
        builder.Services.AddTransient<Components.Pages.Documentation.DocumentationScreen>();
        builder.Services.AddTransient<Components.Pages.Settings.SettingsScreen>();
        builder.Services.AddTransient<Components.Pages.Schema.SchemaScreen>();
        builder.Services.AddTransient<Components.Pages.CodeGeneration.CodeGenerationScreen>();
        builder.Services.AddScoped<Components.Shared.BrowserTimeZone>();

        // Identity, and running behind a proxy
        AuthenticationSetup.Add(builder);
        ProxySetup.Add(builder);

        // HTTP API
        // Enums by name ("Admin", "read-only"); a number is not a role.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false)));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblemResponses.DescribeUnexpectedErrors);
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.AddScoped<ApiCaller>();
        // Input that cannot be bound becomes a BadHttpRequestException that DomainExceptionHandler answers in the API's words.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddApiDescription(builder.Environment.IsDevelopment());
        return builder;
    }
}
