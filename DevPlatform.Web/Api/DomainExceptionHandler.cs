using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Documents;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DevPlatform.Web.Api;

/// <summary>
/// Maps Core's domain exceptions (and requests the framework could not bind) to problem details with the right status.
/// Anything else is left to the exception handler middleware, which logs it and answers a generic 500.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        ProblemDetails? details = exception switch
        {
            ValidationFailedException e => new HttpValidationProblemDetails(e.Errors.ToDictionary(p => p.Key, p => p.Value))
            {
                Status = StatusCodes.Status400BadRequest, Title = "The input is not valid.",
            },
            BadHttpRequestException e => RequestBindingProblems.For(context, e),
            InvalidContinuationTokenException e => Problem(StatusCodes.Status400BadRequest, "The continuation token is not valid.", e.Message),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found.", e.Message),
            ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict.", e.Message),
            ConditionalWriteFailedException => Problem(StatusCodes.Status409Conflict, "Conflict.", "The thing is being changed by others right now; try again in a moment."),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden.", e.Message),
            PayloadTooLargeException e => Problem(StatusCodes.Status413PayloadTooLarge, ApiErrorWords.Title(StatusCodes.Status413PayloadTooLarge), e.Message),
            _ => null,
        };
        if (details is null) return false;
        context.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
