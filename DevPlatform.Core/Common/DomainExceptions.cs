namespace DevPlatform.Core.Common;

/// <summary>Input broke a rule; nothing was stored. Keys are field names, as the UI and problem details show them.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The input is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public ValidationFailedException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] }) { }
}

/// <summary>The thing does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The thing changed since the caller read it (or already exists); nothing was stored.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The caller may see the thing but not do this to it.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The content is larger than the route or the kind of upload allows; nothing was stored.</summary>
public sealed class PayloadTooLargeException(string message) : Exception(message);
