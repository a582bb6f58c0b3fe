namespace DevPlatform.Core.Identity;

/// <summary>The signed-in user on whose behalf a service call runs.</summary>
public sealed record Actor(string UserId, string DisplayName);
