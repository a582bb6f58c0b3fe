using DevPlatform.Core.Common;

namespace DevPlatform.Web.Components.Shared;

/// <summary>What a call to a Core service answered: its value, or the message to show the person instead.</summary>
public readonly record struct DomainResult<T>(T? Value, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>Runs a Core call for a screen or dialog, turning the domain's refusals into messages; anything else goes on.</summary>
public static class DomainCall
{
    public static async Task<DomainResult<T>> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return new DomainResult<T>(await call(), null);
        }
        catch (Exception e) when (MessageOf(e) is { } message)
        {
            return new DomainResult<T>(default, message);
        }
    }

    /// <returns>null when the call worked, else the message to show.</returns>
    public static async Task<string?> RunAsync(Func<Task> call) =>
        (await RunAsync(async () => { await call(); return true; })).Error;

    /// <summary>The message for a refusal from Core (invalid input, not found, conflict, forbidden); null for anything else.</summary>
    public static string? MessageOf(Exception e) => e switch
    {
        ValidationFailedException v => string.Join(" ", v.Errors.SelectMany(p => p.Value)),
        NotFoundException or ConflictException or ForbiddenException or PayloadTooLargeException => e.Message,
        _ => null,
    };
}
