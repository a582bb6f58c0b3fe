using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Notifications;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Activity;

/// <summary>
/// The one cross-circuit event stream for live screens: a single subscription to the activity topic, fanned out
/// to per-team listeners (<see cref="KeyedFanOut{T}"/>). Each listener holds an <see cref="IDisposable"/> and must
/// dispose it; Blazor pages get that right by rendering <c>LiveUpdates</c> rather than calling
/// <see cref="Subscribe"/> themselves.
/// </summary>
public sealed class ActivityFeed(INotificationBus notifications, ILogger<ActivityFeed> logger) : IDisposable
{
    /// <inheritdoc cref="KeyedFanOut{T}.ListenerCapacity"/>
    internal const int ListenerCapacity = KeyedFanOut<ActivityRecord>.ListenerCapacity;

    private readonly KeyedFanOut<ActivityRecord> _fanOut = new(notifications, Topics.Activity, r => r.TeamId, "team",
        r => $"the {r.Action} of {r.TargetId}", logger);

    /// <summary>The listeners not yet disposed; tests use it to prove that closed screens leave nothing behind.</summary>
    internal int ListenerCount => _fanOut.ListenerCount;

    /// <summary>
    /// Calls <paramref name="onActivity"/> for each activity of the team, one at a time and in order, on a background
    /// thread, until the returned subscription is disposed. A failing call is logged and the next event still comes.
    /// </summary>
    public IDisposable Subscribe(string teamId, Func<ActivityRecord, Task> onActivity) => _fanOut.Subscribe(teamId, onActivity);

    public void Dispose() => _fanOut.Dispose();
}
