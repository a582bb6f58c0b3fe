using Microsoft.AspNetCore.Http.HttpResults;

namespace DevPlatform.Web.Identity;

/// <summary>
/// Refuses ambiguous or malformed development identity headers with 400 before anyone is signed in: two x-dev-user-id
/// headers would otherwise become the user "alice,bob", and an unbounded name would be stored as is.
/// </summary>
public static class DevHeaderRules
{
    public static IApplicationBuilder UseDevHeaderRules(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Problem(context.Request.Headers) is { } problem)
            {
                await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [problem.Header] = [problem.Message] },
                    title: "The identity headers are not valid.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    private static (string Header, string Message)? Problem(IHeaderDictionary headers)
    {
        foreach (var name in new[] { DevHeaderAuthenticationHandler.UserIdHeader, DevHeaderAuthenticationHandler.UserNameHeader })
            if (headers.TryGetValue(name, out var values) && (values.Count > 1 || values.ToString().Contains(',')))
                return (name, $"Send one {name} header with one value.");
        if (headers.TryGetValue(DevHeaderAuthenticationHandler.UserIdHeader, out var id) && ActorClaims.CheckUserId(id.ToString().Trim()) is { } idProblem)
            return (DevHeaderAuthenticationHandler.UserIdHeader, idProblem);
        if (headers.TryGetValue(DevHeaderAuthenticationHandler.UserNameHeader, out var name2) && ActorClaims.CheckDisplayName(name2.ToString()) is { } nameProblem)
            return (DevHeaderAuthenticationHandler.UserNameHeader, nameProblem);
        return null;
    }
}
